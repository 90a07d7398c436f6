package dev.tamma.orchestrator.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Watching repositories by polling ({@code tamma.reconciler.*}).
 *
 * @param interval how often every configured repository is polled; {@code 0} turns polling off
 */
@ConfigurationProperties("tamma.reconciler")
public record ReconcilerProperties(Duration interval) {

    public ReconcilerProperties {
        interval = interval == null ? Duration.ofMinutes(1) : interval;
        if (interval.isNegative()) {
            throw new IllegalArgumentException("tamma.reconciler.interval must not be negative, was " + interval);
        }
    }

    public boolean enabled() {
        return !interval.isZero();
    }
}
