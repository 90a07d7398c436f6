package dev.tamma.providers.routing;

import java.time.Duration;

/**
 * How one provider is protected: retries with backoff that honour {@code Retry-After}, a circuit
 * breaker, a rate limiter and a bulkhead. Data, read from configuration; {@link #DEFAULT} when the
 * operator says nothing.
 *
 * @param maxAttempts          calls per request, the first included (1 = no retry)
 * @param initialBackoff       wait before the first retry when the vendor gives no Retry-After
 * @param backoffMultiplier    growth of the wait per retry
 * @param maxBackoff           the longest computed wait
 * @param maxRetryAfter        the longest Retry-After honoured; a longer one falls back at once
 * @param failureRateThreshold percentage of failed calls that opens the circuit
 * @param slidingWindowSize    calls the failure rate is computed over
 * @param minimumCalls         calls needed before the circuit may open
 * @param openFor              how long an open circuit refuses calls before trying again
 * @param callsPerPeriod       calls allowed per rate-limit period
 * @param ratePeriod           the rate-limit period
 * @param rateWait             how long a call may wait for the rate limiter (0: refuse at once)
 * @param maxConcurrentCalls   calls in flight at once
 * @param bulkheadWait         how long a call may wait for a free slot (0: refuse at once)
 */
public record ResiliencePolicy(
        int maxAttempts,
        Duration initialBackoff,
        double backoffMultiplier,
        Duration maxBackoff,
        Duration maxRetryAfter,
        float failureRateThreshold,
        int slidingWindowSize,
        int minimumCalls,
        Duration openFor,
        int callsPerPeriod,
        Duration ratePeriod,
        Duration rateWait,
        int maxConcurrentCalls,
        Duration bulkheadWait) {

    public static final ResiliencePolicy DEFAULT = new ResiliencePolicy(3, Duration.ofSeconds(2), 2.0,
            Duration.ofSeconds(30), Duration.ofSeconds(60), 50f, 10, 5, Duration.ofSeconds(60), 60,
            Duration.ofMinutes(1), Duration.ofSeconds(30), 4, Duration.ofMinutes(2));

    public ResiliencePolicy {
        positive("retry.maxAttempts", maxAttempts);
        nonNegative("retry.initialBackoff", initialBackoff);
        if (backoffMultiplier < 1) {
            throw new IllegalArgumentException("retry.multiplier must be 1 or more, got " + backoffMultiplier);
        }
        nonNegative("retry.maxBackoff", maxBackoff);
        nonNegative("retry.maxRetryAfter", maxRetryAfter);
        if (failureRateThreshold <= 0 || failureRateThreshold > 100) {
            throw new IllegalArgumentException("circuitBreaker.failureRateThreshold must be in (0, 100], got "
                    + failureRateThreshold);
        }
        positive("circuitBreaker.slidingWindowSize", slidingWindowSize);
        positive("circuitBreaker.minimumCalls", minimumCalls);
        nonNegative("circuitBreaker.openFor", openFor);
        positive("rateLimiter.callsPerPeriod", callsPerPeriod);
        nonNegative("rateLimiter.period", ratePeriod);
        if (ratePeriod.isZero()) {
            throw new IllegalArgumentException("rateLimiter.period must be positive");
        }
        nonNegative("rateLimiter.wait", rateWait);
        positive("bulkhead.maxConcurrentCalls", maxConcurrentCalls);
        nonNegative("bulkhead.wait", bulkheadWait);
    }

    /** The wait before retry number {@code retry} (1-based) when the vendor gave no Retry-After. */
    public Duration backoff(int retry) {
        double millis = initialBackoff.toMillis() * Math.pow(backoffMultiplier, Math.max(0, retry - 1));
        return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
    }

    private static void positive(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be at least 1, got " + value);
        }
    }

    private static void nonNegative(String key, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(key + " must be a duration of zero or more, got " + value);
        }
    }
}
