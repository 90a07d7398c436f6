package dev.tamma.platforms.http;

import dev.tamma.core.platform.PlatformException;
import dev.tamma.core.platform.PlatformException.Kind;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The retry and throttle every REST platform shares, on Resilience4j. Waits are scheduled on the
 * given {@link ScheduledExecutorService} and measured on the given {@link Clock}, so tests pass a
 * scheduler that moves a fake clock instead of sleeping. Retried: UNAVAILABLE, and RATE_LIMITED
 * when the limit lifts within the settings' bound (waiting until exactly then); a NOT_FOUND only
 * inside the grace period after a webhook event. Never retried: anything the caller must fix.
 */
public final class Resilience {

    private final ResilienceSettings settings;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private Instant nextWrite = Instant.MIN;
    private volatile Instant freshUntil = Instant.MIN;

    public Resilience(ResilienceSettings settings, Clock clock, ScheduledExecutorService scheduler) {
        this.settings = settings;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    private static final ScheduledExecutorService SHARED = java.util.concurrent.Executors.newScheduledThreadPool(4,
            Thread.ofPlatform().daemon().name("tamma-platform-retry-", 0).factory());

    /** Default settings on the system clock and a shared pool of daemon threads for the waits. */
    public static Resilience withDefaults() {
        return new Resilience(ResilienceSettings.DEFAULTS, Clock.systemUTC(), SHARED);
    }

    /** A read: retried as described above, and on 404 too within the grace period of the last event. */
    public <T> T read(String name, Supplier<T> call) {
        Instant until = freshUntil;
        return run(name, call, until.isAfter(clock.instant()) ? Optional.of(until) : Optional.empty(), true);
    }

    /** A webhook event arrived at {@code at}: reads retry a 404 until the grace period after it ends. */
    public synchronized void eventSeen(Instant at) {
        Instant until = at.plus(settings.notFoundGrace());
        if (until.isAfter(freshUntil)) {
            freshUntil = until;
        }
    }

    /** A read about something a webhook just announced: a 404 is retried until the grace period ends. */
    public <T> T readAfterEvent(String name, Instant eventAt, Supplier<T> call) {
        return run(name, call, Optional.of(eventAt.plus(settings.notFoundGrace())), true);
    }

    /**
     * A write: spaced from the previous write by the write interval, and retried only when it was
     * refused by a rate limit. An UNAVAILABLE write (a 502, a dropped connection) may have happened
     * anyway, so it is not repeated here: the step fails transiently and re-reads before writing again.
     */
    public <T> T write(String name, Supplier<T> call) {
        Duration wait = reserveWriteSlot();
        if (!wait.isZero()) {
            join(delayed(wait));
        }
        return run(name, call, Optional.empty(), false);
    }

    /** Waits, on the scheduler and its clock: for a platform that finishes work after answering (a queued merge). */
    public void pause(Duration wait) {
        join(delayed(wait));
    }

    private synchronized Duration reserveWriteSlot() {
        Instant now = clock.instant();
        Instant slot = nextWrite.isAfter(now) ? nextWrite : now;
        nextWrite = slot.plus(settings.writeInterval());
        return Duration.between(now, slot);
    }

    private CompletableFuture<Void> delayed(Duration wait) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.schedule(() -> done.complete(null), wait.toMillis(), TimeUnit.MILLISECONDS);
        return done;
    }

    private <T> T run(String name, Supplier<T> call, Optional<Instant> notFoundUntil, boolean idempotent) {
        RetryConfig config = RetryConfig.<T>custom()
                .maxAttempts(settings.maxAttempts())
                .retryOnException(e -> retryable(unwrap(e), notFoundUntil, idempotent))
                .intervalBiFunction(this.<T>interval())
                .build();
        Retry retry = Retry.of(name, config);
        Supplier<java.util.concurrent.CompletionStage<T>> attempt = () -> {
            try {
                return CompletableFuture.completedFuture(call.get());
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        };
        return join(retry.executeCompletionStage(scheduler, attempt).toCompletableFuture());
    }

    private <T> IntervalBiFunction<T> interval() {
        return (attempt, outcome) -> {
            if (outcome.isLeft() && unwrap(outcome.getLeft()) instanceof PlatformException p && p.retryAt().isPresent()) {
                return Math.max(0, Duration.between(clock.instant(), p.retryAt().get()).toMillis());
            }
            return (long) (settings.initialBackoff().toMillis() * Math.pow(settings.backoffMultiplier(), attempt - 1));
        };
    }

    private boolean retryable(Throwable e, Optional<Instant> notFoundUntil, boolean idempotent) {
        if (!(e instanceof PlatformException p)) {
            return false;
        }
        return switch (p.kind()) {
            case UNAVAILABLE -> idempotent;
            case RATE_LIMITED -> p.retryAt().map(at -> !at.isAfter(clock.instant().plus(settings.maxRateLimitWait())))
                    .orElse(true);
            case NOT_FOUND -> notFoundUntil.map(until -> clock.instant().isBefore(until)).orElse(false);
            default -> false;
        };
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (unwrap(e) instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new PlatformException(Kind.UNAVAILABLE, 0, "call failed: " + unwrap(e), null, unwrap(e));
        }
    }
}
