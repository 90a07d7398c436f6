package dev.tamma.platforms.plaingit;

import dev.tamma.core.platform.CiState;
import dev.tamma.core.platform.Check;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Plain Git's CI: the repository's configured check command ({@code ./mvnw -B verify},
 * {@code make test}), run with {@code sh -c} in a checkout of the commit. Exit 0 is success; a
 * command still running at the timeout is killed and counts as a failure. The command runs code
 * from pushed branches inside Tamma's process environment, so it gets that environment without
 * Tamma's own settings and anything named like a secret.
 */
public record CheckCommand(String name, String command, Duration timeout) {

    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i)TAMMA_.*|.*(TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|CREDENTIAL|PRIVATE_?KEY).*");

    public CheckCommand {
        Objects.requireNonNull(name, "check name");
        Objects.requireNonNull(command, "check command");
        if (command.isBlank()) {
            throw new IllegalArgumentException("check command must not be blank");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("check timeout must be positive, got " + timeout);
        }
    }

    /** Tamma's own variables, and any whose name says it holds a secret (GITHUB_TOKEN, OPENAI_API_KEY, ...). */
    static boolean looksSecret(String variable) {
        return SECRET_NAME.matcher(variable).matches();
    }

    Check run(Path checkout) {
        try {
            Path log = Files.createTempFile(checkout.getParent(), "check-", ".log");
            ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).directory(checkout.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(CheckCommand::looksSecret);
            Process process = builder.start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly();
            }
            CiState state = finished && process.exitValue() == 0 ? CiState.SUCCESS : CiState.FAILURE;
            return new Check(name, state, log.toUri().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run check command '" + name + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running check '" + name + "'", e);
        }
    }
}
