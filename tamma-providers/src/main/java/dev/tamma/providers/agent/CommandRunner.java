package dev.tamma.providers.agent;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs a shell command in the workspace. In a worker this is the command sandbox
 * ({@code dev.tamma.worker.sandbox.SandboxCommandRunner}); {@link ProcessCommandRunner} runs a plain
 * process with a timeout, for use outside a worker.
 */
public interface CommandRunner {

    Result run(Path workspace, String command, Duration timeout);

    /** What the command did: its exit code ({@code -1} when it timed out) and combined output. */
    record Result(int exitCode, boolean timedOut, String output) {
    }
}
