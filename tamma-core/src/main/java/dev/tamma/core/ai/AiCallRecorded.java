package dev.tamma.core.ai;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One model call, priced: what the event log keeps for every call, successful or not, and what
 * {@code tamma costs} sums by repository, issue, step, provider and model.
 *
 * @param context    who called
 * @param provider   the provider that was called
 * @param model      the model that was asked
 * @param usage      tokens in, out and cached (zero when the call failed before an answer)
 * @param costUsd    what the call cost by the price table; zero when the price is not known
 * @param priceKnown whether the price table knew the model
 * @param latency    from sending to the complete answer or the failure
 * @param outcome    how it ended
 * @param occurredAt when the call finished
 */
public record AiCallRecorded(
        CallContext context,
        String provider,
        String model,
        TokenUsage usage,
        BigDecimal costUsd,
        boolean priceKnown,
        Duration latency,
        Outcome outcome,
        Instant occurredAt) {

    /** How a call ended; for failures the {@link AiCallException.Kind}. */
    public enum Outcome {
        SUCCESS, RATE_LIMITED, OVERLOADED, SERVER_ERROR, TIMEOUT, NOT_PERMITTED, MALFORMED_RESPONSE,
        AUTHENTICATION, INVALID_REQUEST, BUDGET_EXCEEDED, OTHER;

        public static Outcome of(AiCallException.Kind kind) {
            return valueOf(kind.name());
        }
    }

    public AiCallRecorded {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(costUsd, "costUsd");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (costUsd.signum() < 0) {
            throw new IllegalArgumentException("costUsd must not be negative, got " + costUsd);
        }
    }
}
