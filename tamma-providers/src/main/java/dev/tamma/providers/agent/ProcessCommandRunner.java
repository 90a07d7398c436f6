package dev.tamma.providers.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A command as a plain {@code sh -c} process in the workspace, with a timeout, an environment
 * reduced to {@code PATH}, {@code HOME}, {@code LANG} and {@code TMPDIR} (no keys), and output
 * capped at {@link #MAX_OUTPUT} characters.
 */
public final class ProcessCommandRunner implements CommandRunner {

    public static final int MAX_OUTPUT = 20_000;
    private static final List<String> KEPT = List.of("PATH", "HOME", "LANG", "TMPDIR");

    private final Map<String, String> environment;

    public ProcessCommandRunner(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static ProcessCommandRunner fromSystemEnvironment() {
        return new ProcessCommandRunner(System.getenv());
    }

    @Override
    public Result run(Path workspace, String command, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).directory(workspace.toFile())
                .redirectErrorStream(true);
        builder.environment().clear();
        KEPT.forEach(name -> {
            if (environment.containsKey(name)) {
                builder.environment().put(name, environment.get(name));
            }
        });
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start sh in " + workspace, e);
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                return new Result(-1, true, output.getNow(""));
            }
            return new Result(process.exitValue(), false, output.get(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(-1, false, "interrupted");
        } catch (ExecutionException | TimeoutException e) {
            return new Result(process.exitValue(), false, "");
        }
    }

    private static String read(InputStream in) {
        try (in) {
            byte[] bytes = in.readAllBytes();
            String text = new String(bytes, StandardCharsets.UTF_8);
            return text.length() > MAX_OUTPUT
                    ? text.substring(0, MAX_OUTPUT) + "\n[output truncated: " + text.length() + " characters]"
                    : text;
        } catch (IOException e) {
            return "";
        }
    }
}
