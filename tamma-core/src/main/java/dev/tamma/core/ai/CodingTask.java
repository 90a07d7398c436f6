package dev.tamma.core.ai;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What a coding agent is asked to do.
 *
 * @param context       who asks (the IMPLEMENT or ADDRESS_COMMENTS step, usually)
 * @param workspace     the checked-out repository the agent may change
 * @param instructions  what to change, in words
 * @param maxIterations the most model turns (or agent runs, for CLI agents)
 * @param budgetUsd     the most the agent may spend
 * @param timeout       the longest the whole task may take
 */
public record CodingTask(
        CallContext context,
        Path workspace,
        String instructions,
        int maxIterations,
        BigDecimal budgetUsd,
        Duration timeout) {

    public static final int DEFAULT_MAX_ITERATIONS = 30;

    public CodingTask {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(workspace, "workspace");
        if (!Files.isDirectory(workspace)) {
            throw new IllegalArgumentException("workspace " + workspace + " is not a directory");
        }
        if (instructions == null || instructions.isBlank()) {
            throw new IllegalArgumentException("instructions must not be blank");
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be at least 1, got " + maxIterations);
        }
        if (budgetUsd == null || budgetUsd.signum() <= 0) {
            throw new IllegalArgumentException("budgetUsd must be more than zero dollars, got " + budgetUsd);
        }
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
    }
}
