package dev.tamma.orchestrator.lease;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How workers lease tasks ({@code tamma.leases.*}).
 *
 * @param ttl           how long a lease lasts without a heartbeat; an expired lease is a failed attempt
 * @param maxWait       the longest a worker's lease request waits for work
 * @param sweepInterval how often expired leases are looked for
 * @param recheck       how often a waiting request looks for work without being woken
 * @param ackTimeout    how long a granted lease waits for the worker's first heartbeat or its
 *                      answer (at most {@code ttl}); one that gets neither goes back to the queue
 *                      without counting an attempt, since the worker most likely never received it
 */
@ConfigurationProperties("tamma.leases")
public record LeaseProperties(Duration ttl, Duration maxWait, Duration sweepInterval, Duration recheck,
        Duration ackTimeout) {

    public LeaseProperties {
        ttl = positive(ttl, Duration.ofSeconds(60), "ttl");
        ackTimeout = positive(ackTimeout, Duration.ofSeconds(15), "ack-timeout");
        ackTimeout = ackTimeout.compareTo(ttl) < 0 ? ackTimeout : ttl;
        maxWait = positive(maxWait, Duration.ofSeconds(30), "max-wait");
        sweepInterval = positive(sweepInterval, Duration.ofSeconds(2), "sweep-interval");
        recheck = positive(recheck, Duration.ofSeconds(2), "recheck");
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("tamma.leases." + name + " must be positive, was " + value);
        }
        return value;
    }
}
