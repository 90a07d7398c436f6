package dev.tamma.worker.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One shell command to run in a sandbox, and its policy.
 *
 * <pre>{@code
 * SandboxResult result = sandbox.run(SandboxCommand.of(workspace, "./mvnw -B verify", Duration.ofMinutes(20))
 *         .withNetwork(config.networkAllowed())
 *         .passing("MAVEN_OPTS"));
 * }</pre>
 *
 * @param workspace      the directory the command runs in; the only one it may write (under bubblewrap)
 * @param command        given to {@code sh -c}
 * @param timeout        wall-clock limit; when it passes, the command and everything it started are killed
 * @param network        whether the command may use the network (only enforced under bubblewrap)
 * @param passedVariables host environment variables to pass on besides the usual ones; names that
 *                        look like secrets are refused by the sandbox
 */
public record SandboxCommand(Path workspace, String command, Duration timeout, boolean network,
        List<String> passedVariables) {

    public SandboxCommand {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(timeout, "timeout");
        if (command.isBlank()) {
            throw new IllegalArgumentException("The command to run is empty");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The timeout of '" + command + "' must be positive, was " + timeout);
        }
        passedVariables = List.copyOf(passedVariables);
    }

    /** A command with the network off and no extra variables. */
    public static SandboxCommand of(Path workspace, String command, Duration timeout) {
        return new SandboxCommand(workspace, command, timeout, false, List.of());
    }

    public SandboxCommand withNetwork(boolean allowed) {
        return new SandboxCommand(workspace, command, timeout, allowed, passedVariables);
    }

    /** A copy that also passes these host environment variables, when the host has them. */
    public SandboxCommand passing(String... names) {
        List<String> all = new ArrayList<>(passedVariables);
        all.addAll(List.of(names));
        return new SandboxCommand(workspace, command, timeout, network, all);
    }
}
