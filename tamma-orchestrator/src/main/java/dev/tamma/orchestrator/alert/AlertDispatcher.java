package dev.tamma.orchestrator.alert;

import dev.tamma.orchestrator.instance.ReplicaJob;
import dev.tamma.orchestrator.metrics.MetricNames;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.javacrumbs.shedlock.core.LockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Delivers raised alerts on their channels, on one replica at a time (ShedLock). A delivery is
 * tried a few times at once (Resilience4j Retry, for a receiver that blinks); when all of those
 * fail it is tried again in a later round, the rounds further apart each time, until
 * {@code tamma.alerts.retry.give-up-after} has passed. Rounds are kept in the database, so a
 * restart or another replica carries on where this one stopped.
 */
@Component
class AlertDispatcher implements ReplicaJob.Owner {

    static final String LOCK = "alert-dispatch";
    private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);
    private static final int BATCH = 50;
    /** A round starts no new delivery after this, so the lock below is never outlived. */
    private static final Duration ROUND = Duration.ofMinutes(2);
    /** How long the lock outlives a replica that died holding it: the longest alerts wait then. */
    private static final Duration LOCK_AT_MOST = Duration.ofMinutes(5);
    /** Tries at once wait no longer than this; longer waits are the later rounds'. */
    private static final Duration LONGEST_WAIT_AT_ONCE = Duration.ofSeconds(30);

    private final AlertStore store;
    private final AlertChannels channels;
    private final AlertProperties properties;
    private final ReplicaJob job;
    private final MeterRegistry registry;
    private final Clock clock;
    private final IntervalFunction rounds;
    private final RetryConfig retry;
    private final Map<String, Retry> retries = new ConcurrentHashMap<>();

    AlertDispatcher(AlertStore store, AlertChannels channels, AlertProperties properties, LockProvider lockProvider,
            MeterRegistry registry, Clock clock) {
        this.store = store;
        this.channels = channels;
        this.properties = properties;
        this.job = new ReplicaJob(LOCK, "Delivering alerts", properties.dispatchInterval(), LOCK_AT_MOST, lockProvider,
                clock, this::deliverDue);
        this.registry = registry;
        this.clock = clock;
        AlertProperties.Retry r = properties.retry();
        this.rounds = IntervalFunction.ofExponentialBackoff(r.interval(), 2.0, r.maxInterval());
        Duration longestAtOnce = r.maxInterval().compareTo(LONGEST_WAIT_AT_ONCE) < 0 ? r.maxInterval()
                : LONGEST_WAIT_AT_ONCE;
        this.retry = RetryConfig.custom()
                .maxAttempts(r.attempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(r.interval(), 2.0, longestAtOnce))
                .retryExceptions(AlertDeliveryException.class)
                .build();
    }

    /** Delivers every due alert it can; returns how many were delivered. */
    int deliverDue() {
        int delivered = 0;
        Instant until = clock.instant().plus(ROUND);
        for (AlertStore.Due due : store.due(BATCH)) {
            if (job.stopping() || clock.instant().isAfter(until)) {
                break; // the rest at the next round
            }
            if (deliver(due)) {
                delivered++;
            }
        }
        return delivered;
    }

    private boolean deliver(AlertStore.Due due) {
        String what = "Alert " + due.alertId() + " (" + due.alert().kind() + " " + due.alert().key() + ")";
        AlertSender sender = channels.find(due.channel()).orElse(null);
        if (sender == null) {
            store.abandoned(due, 0, "the channel " + due.channel() + " is no longer configured");
            log.warn("{} was raised for {}, which is no longer configured; it is not sent", what, due.channel());
            count(due, "abandoned");
            return false;
        }
        AtomicInteger tries = new AtomicInteger();
        try {
            retries.computeIfAbsent(due.channel(), channel -> Retry.of(LOCK + "-" + channel, retry)).executeRunnable(() -> {
                tries.incrementAndGet();
                sender.send(due.alert());
            });
        } catch (RuntimeException e) { // a sender's own bug fails the round as well, and is not retried at once
            failed(due, what, tries.get(), e.getMessage());
            return false;
        }
        store.delivered(due, tries.get());
        count(due, "delivered");
        log.info("{} delivered by {}", what, due.channel());
        return true;
    }

    private void failed(AlertStore.Due due, String what, int tries, String error) {
        int attempts = due.attempts() + tries;
        if (store.olderThan(due.raisedAt(), properties.retry().giveUpAfter())) {
            store.abandoned(due, tries, error);
            log.error("{} could not be delivered by {} in {} tries since {}; giving up: {}", what, due.channel(),
                    attempts, due.raisedAt(), error);
            count(due, "abandoned");
            return;
        }
        int round = Math.max(1, attempts / properties.retry().attempts());
        Duration wait = Duration.ofMillis(rounds.apply(round));
        store.failed(due, tries, error, wait);
        log.warn("{} could not be delivered by {} ({} tries so far): {}; trying again in {}", what, due.channel(),
                attempts, error, wait);
        count(due, "failed");
    }

    private void count(AlertStore.Due due, String outcome) {
        registry.counter(MetricNames.ALERT_DELIVERIES, "kind", due.alert().kind().name().toLowerCase(Locale.ROOT),
                "channel", due.channel(), "outcome", outcome).increment();
    }

    /** Only with an alert channel configured. */
    @Override
    public boolean enabled() {
        return channels.any();
    }

    @Override
    public ReplicaJob job() {
        return job;
    }
}
