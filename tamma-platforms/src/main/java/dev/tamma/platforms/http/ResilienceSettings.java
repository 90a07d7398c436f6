package dev.tamma.platforms.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard the REST platforms try: {@code maxAttempts} per call with exponential backoff from
 * {@code initialBackoff}; a rate limit that lifts within {@code maxRateLimitWait} is waited out,
 * a later one goes back to the workflow as a transient failure; a 404 within {@code notFoundGrace}
 * of a webhook event is retried (the platform's replicas may not have the object yet); writes are
 * spaced at least {@code writeInterval} apart (GitHub asks for a second between mutating requests).
 */
public record ResilienceSettings(int maxAttempts, Duration initialBackoff, double backoffMultiplier,
        Duration maxRateLimitWait, Duration notFoundGrace, Duration writeInterval) {

    public static final ResilienceSettings DEFAULTS = new ResilienceSettings(4, Duration.ofMillis(500), 2.0,
            Duration.ofMinutes(2), Duration.ofSeconds(10), Duration.ofSeconds(1));

    public ResilienceSettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        positive(initialBackoff, "initialBackoff");
        if (backoffMultiplier < 1.0) {
            throw new IllegalArgumentException("backoffMultiplier must be at least 1, got " + backoffMultiplier);
        }
        notNegative(maxRateLimitWait, "maxRateLimitWait");
        notNegative(notFoundGrace, "notFoundGrace");
        notNegative(writeInterval, "writeInterval");
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }

    private static void notNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + d);
        }
    }
}
