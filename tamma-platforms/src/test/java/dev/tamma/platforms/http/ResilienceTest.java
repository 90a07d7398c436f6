package dev.tamma.platforms.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tamma.core.platform.PlatformException;
import dev.tamma.core.platform.PlatformException.Kind;
import dev.tamma.platforms.testing.ClockScheduler;
import dev.tamma.platforms.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ResilienceTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final ClockScheduler scheduler = new ClockScheduler(clock);
    private final Resilience resilience = new Resilience(new ResilienceSettings(4, Duration.ofMillis(500), 2.0,
            Duration.ofMinutes(2), Duration.ofSeconds(10), Duration.ofSeconds(1)), clock, scheduler);

    /** Answers from a script: each element a value or an exception to throw. */
    private static Supplier<String> script(Object... outcomes) {
        Deque<Object> queue = new ArrayDeque<>(List.of(outcomes));
        return () -> {
            Object next = queue.removeFirst();
            if (next instanceof RuntimeException e) {
                throw e;
            }
            return (String) next;
        };
    }

    private static PlatformException fail(Kind kind, Instant retryAt) {
        return new PlatformException(kind, 0, kind.name(), retryAt, null);
    }

    @Test
    void backsOffExponentiallyWhileThePlatformIsUnavailable() {
        String result = resilience.read("issue", script(fail(Kind.UNAVAILABLE, null), fail(Kind.UNAVAILABLE, null),
                fail(Kind.UNAVAILABLE, null), "ok"));

        assertThat(result).isEqualTo("ok");
        assertThat(scheduler.waits()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void givesUpAfterTheLastAttemptWithThePlatformsError() {
        assertThatThrownBy(() -> resilience.read("issue", script(fail(Kind.UNAVAILABLE, null), fail(Kind.UNAVAILABLE, null),
                fail(Kind.UNAVAILABLE, null), fail(Kind.UNAVAILABLE, null), "never")))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
        assertThat(scheduler.waits()).hasSize(3);
    }

    @Test
    void waitsExactlyUntilARateLimitLifts() {
        Instant reset = T0.plusSeconds(47);
        assertThat(resilience.read("issue", script(fail(Kind.RATE_LIMITED, reset), "ok"))).isEqualTo("ok");
        assertThat(scheduler.waits()).containsExactly(Duration.ofSeconds(47));
        assertThat(clock.instant()).isEqualTo(reset);
    }

    @Test
    void aRateLimitThatLiftsTooLateGoesBackToTheWorkflowAtOnce() {
        Instant reset = T0.plus(Duration.ofMinutes(30));
        assertThatThrownBy(() -> resilience.read("issue", script(fail(Kind.RATE_LIMITED, reset), "never")))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.retryAt()).contains(reset));
        assertThat(scheduler.waits()).isEmpty();
    }

    @Test
    void neverRetriesWhatTheCallerMustFix() {
        for (Kind kind : List.of(Kind.UNAUTHORIZED, Kind.FORBIDDEN, Kind.INVALID, Kind.CONFLICT, Kind.NOT_FOUND)) {
            assertThatThrownBy(() -> resilience.read("x", script(fail(kind, null), "never")))
                    .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.kind()).isEqualTo(kind));
        }
        assertThat(scheduler.waits()).isEmpty();
    }

    @Test
    void retriesANotFoundBrieflyRightAfterAWebhookEvent() {
        Instant eventAt = T0;
        assertThat(resilience.readAfterEvent("pr", eventAt, script(fail(Kind.NOT_FOUND, null), fail(Kind.NOT_FOUND, null),
                "found"))).isEqualTo("found");
        assertThat(scheduler.waits()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));

        clock.advance(Duration.ofSeconds(30));
        assertThatThrownBy(() -> resilience.readAfterEvent("pr", eventAt, script(fail(Kind.NOT_FOUND, null), "never")))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    }

    @Test
    void afterAnEventEveryReadRetriesA404UntilTheGraceEnds() {
        assertThatThrownBy(() -> resilience.read("pr", script(fail(Kind.NOT_FOUND, null), "never")))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));

        resilience.eventSeen(T0);
        assertThat(resilience.read("pr", script(fail(Kind.NOT_FOUND, null), "found"))).isEqualTo("found");

        clock.advance(Duration.ofSeconds(11));
        assertThatThrownBy(() -> resilience.read("pr", script(fail(Kind.NOT_FOUND, null), "never")))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    }

    @Test
    void spacesWritesByTheWriteInterval() {
        resilience.write("comment", () -> "1");
        resilience.write("comment", () -> "2");
        resilience.write("comment", () -> "3");
        assertThat(scheduler.waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));

        clock.advance(Duration.ofSeconds(5));
        resilience.write("comment", () -> "4");
        assertThat(scheduler.waits()).hasSize(2);
    }

    @Test
    void aWriteIsRepeatedAfterARateLimitButNotAfterAnUnavailablePlatform() {
        assertThat(resilience.write("comment", script(fail(Kind.RATE_LIMITED, T0.plusSeconds(5)), "ok"))).isEqualTo("ok");
        assertThatThrownBy(() -> resilience.write("comment", script(fail(Kind.UNAVAILABLE, null), "never")))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
        assertThat(scheduler.waits()).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void badSettingsAreRefusedByName() {
        assertThatThrownBy(() -> new ResilienceSettings(0, Duration.ofMillis(1), 2, Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .hasMessage("maxAttempts must be at least 1, got 0");
        assertThatThrownBy(() -> new ResilienceSettings(1, Duration.ZERO, 2, Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .hasMessageStartingWith("initialBackoff must be positive");
    }
}
