package dev.tamma.worker.sandbox;

import dev.tamma.providers.agent.CommandRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * The built-in coding agent's {@code run_command} through the sandbox, with one network policy
 * and one list of passed variables for the whole task.
 *
 * <p>{@link CommandRunner} cannot throw {@link InterruptedException}, so an interrupt (the worker
 * is stopping) kills the command, keeps the thread's interrupt flag set, and throws a
 * {@link CancellationException}: the agent stops at once instead of showing the model a half
 * result, and the step handler turns it back into an {@code InterruptedException}.
 */
public final class SandboxCommandRunner implements CommandRunner {

    private final Sandbox sandbox;
    private final boolean network;
    private final List<String> passedVariables;

    public SandboxCommandRunner(Sandbox sandbox, boolean network, List<String> passedVariables) {
        this.sandbox = sandbox;
        this.network = network;
        this.passedVariables = List.copyOf(passedVariables);
        passedVariables.forEach(SandboxEnvironment::checkPassable);
    }

    /** Network off, nothing passed beyond the usual variables. */
    public SandboxCommandRunner(Sandbox sandbox) {
        this(sandbox, false, List.of());
    }

    @Override
    public Result run(Path workspace, String command, Duration timeout) {
        try {
            SandboxResult result = sandbox.run(new SandboxCommand(workspace, command, timeout, network, passedVariables));
            return new Result(result.exitCode(), result.timedOut(), result.output());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException cancelled = new CancellationException("'" + command
                    + "' was killed because the worker is stopping");
            cancelled.initCause(e);
            throw cancelled;
        }
    }
}
