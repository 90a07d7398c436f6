package dev.tamma.core.ai;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How a coding agent's run ended.
 *
 * @param agent      the agent's id
 * @param stop       why it stopped
 * @param summary    what it says it did, or why it stopped
 * @param iterations model turns (or CLI runs) used
 * @param usage      tokens used, as far as the agent reports them
 * @param costUsd    what it cost, as far as known
 */
public record CodingResult(String agent, StopReason stop, String summary, int iterations, TokenUsage usage,
        BigDecimal costUsd) {

    /** Why an agent stopped. Only {@link #DONE} means the agent thinks the work is finished. */
    public enum StopReason {
        DONE, ITERATION_LIMIT, BUDGET_EXHAUSTED, STUCK, TIMEOUT, FAILED;
    }

    public CodingResult {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(stop, "stop");
        summary = summary == null ? "" : summary;
        usage = Objects.requireNonNullElse(usage, TokenUsage.NONE);
        costUsd = Objects.requireNonNullElse(costUsd, BigDecimal.ZERO);
    }

    public boolean done() {
        return stop == StopReason.DONE;
    }
}
