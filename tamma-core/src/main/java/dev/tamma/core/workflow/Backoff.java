package dev.tamma.core.workflow;

import java.time.Duration;

/** Exponential backoff with "equal jitter": half the window fixed, half spread by the {@link Jitter}. */
final class Backoff {

    private Backoff() {
    }

    /** The wait before the attempt that follows failure number {@code failure} (1-based). */
    static Duration delay(WorkflowConfig config, Jitter jitter, String workflowId, Step step, int failure) {
        long base = config.backoffBase().toMillis();
        long max = config.backoffMax().toMillis();
        int doublings = Math.min(Math.max(failure - 1, 0), 30);
        long window = Math.min(max, base << Math.min(doublings, Long.numberOfLeadingZeros(base) - 1));
        double fraction = Math.clamp(jitter.fraction(workflowId, step, failure), 0.0, 1.0);
        long half = window / 2;
        return Duration.ofMillis(window - half + Math.round(half * fraction));
    }
}
