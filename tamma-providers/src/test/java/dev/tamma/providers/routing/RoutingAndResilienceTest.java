package dev.tamma.providers.routing;

import static dev.tamma.providers.testing.Requests.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tamma.core.ai.AiCallException;
import dev.tamma.core.ai.AiCallRecorded;
import dev.tamma.core.ai.AiProvider;
import dev.tamma.core.ai.Budget;
import dev.tamma.core.ai.BudgetExceededException;
import dev.tamma.core.ai.ChatRequest;
import dev.tamma.core.ai.ChatResult;
import dev.tamma.core.workflow.Step;
import dev.tamma.providers.cost.PriceTable;
import dev.tamma.providers.cost.SpendLedger;
import dev.tamma.providers.scripted.ScriptedProvider;
import dev.tamma.providers.testing.MutableClock;
import dev.tamma.providers.testing.RecordingScheduler;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RoutingAndResilienceTest {

    private final RecordingScheduler scheduler = new RecordingScheduler();
    private final MutableClock clock = MutableClock.atEpochPlus(Duration.ZERO);
    private final List<AiCallRecorded> events = new ArrayList<>();
    private final SpendLedger ledger = new SpendLedger();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private static ResiliencePolicy policy(int maxAttempts) {
        return new ResiliencePolicy(maxAttempts, Duration.ofSeconds(2), 2.0, Duration.ofSeconds(30),
                Duration.ofSeconds(60), 50f, 10, 5, Duration.ofSeconds(60), 100, Duration.ofMinutes(1), Duration.ZERO,
                4, Duration.ZERO);
    }

    private AiProvider wrap(AiProvider provider, ResiliencePolicy policy, Budget budget) {
        return ProviderStack.wrap(provider, "anthropic", policy, PriceTable.defaults(), wf -> budget, ledger,
                events::add, scheduler, clock);
    }

    private static final RoutingTable TABLE = RoutingTable.of(new Route("primary", "claude-sonnet-4-5"),
            new Route("backup", "gpt-4.1"));

    @Test
    void overloadIsRetriedWithBackoffThenFallsBackToTheNextRoute() {
        ScriptedProvider primary = ScriptedProvider.of("primary", """
                steps:
                  plan:
                    - error: {kind: OVERLOADED, status: 529}
                    - error: {kind: OVERLOADED, status: 529}
                    - error: {kind: OVERLOADED, status: 529}
                """);
        ScriptedProvider backup = ScriptedProvider.of("backup", "steps:\n  plan:\n    - text: from backup\n");
        RoutedProvider router = new RoutedProvider(TABLE, Map.of("primary", wrap(primary, policy(3), Budget.DEFAULT),
                "backup", wrap(backup, policy(3), Budget.DEFAULT)));

        ChatResult result = router.chat(ask("wf", Step.PLAN, "plan"));

        assertThat(result.provider()).isEqualTo("backup");
        assertThat(result.model()).isEqualTo("gpt-4.1");
        assertThat(result.text()).isEqualTo("from backup");
        assertThat(scheduler.delays()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(events).extracting(AiCallRecorded::outcome).containsExactly(AiCallRecorded.Outcome.OVERLOADED,
                AiCallRecorded.Outcome.OVERLOADED, AiCallRecorded.Outcome.OVERLOADED, AiCallRecorded.Outcome.SUCCESS);
        assertThat(events).extracting(AiCallRecorded::model)
                .containsExactly("claude-sonnet-4-5", "claude-sonnet-4-5", "claude-sonnet-4-5", "gpt-4.1");
    }

    @Test
    void retryWaitsWhatRetryAfterSays() {
        ScriptedProvider primary = ScriptedProvider.of("primary", """
                steps:
                  plan:
                    - error: {kind: RATE_LIMITED, status: 429, retryAfterSeconds: 7}
                    - text: second try
                """);
        RoutedProvider router = new RoutedProvider(RoutingTable.of(new Route("primary", "claude-sonnet-4-5")),
                Map.of("primary", wrap(primary, policy(3), Budget.DEFAULT)));

        assertThat(router.chat(ask("wf", Step.PLAN, "plan")).text()).isEqualTo("second try");
        assertThat(scheduler.delays()).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void aRetryAfterLongerThanTheLimitFallsBackAtOnce() {
        ScriptedProvider primary = ScriptedProvider.of("primary", """
                steps:
                  plan:
                    - error: {kind: RATE_LIMITED, status: 429, retryAfterSeconds: 600}
                """);
        ScriptedProvider backup = ScriptedProvider.of("backup", "steps:\n  plan:\n    - text: from backup\n");
        RoutedProvider router = new RoutedProvider(TABLE, Map.of("primary", wrap(primary, policy(3), Budget.DEFAULT),
                "backup", wrap(backup, policy(3), Budget.DEFAULT)));

        assertThat(router.chat(ask("wf", Step.PLAN, "plan")).provider()).isEqualTo("backup");
        assertThat(scheduler.delays()).isEmpty();
    }

    @Test
    void aBadKeyStopsWithoutRetryOrFallback() {
        ScriptedProvider primary = ScriptedProvider.of("primary",
                "steps:\n  plan:\n    - error: {kind: AUTHENTICATION, status: 401}\n");
        ScriptedProvider backup = ScriptedProvider.of("backup", "steps:\n  plan:\n    - text: never\n");
        RoutedProvider router = new RoutedProvider(TABLE, Map.of("primary", wrap(primary, policy(3), Budget.DEFAULT),
                "backup", wrap(backup, policy(3), Budget.DEFAULT)));

        assertThatThrownBy(() -> router.chat(ask("wf", Step.PLAN, "plan")))
                .isInstanceOfSatisfying(AiCallException.class,
                        e -> assertThat(e.kind()).isEqualTo(AiCallException.Kind.AUTHENTICATION));
        assertThat(backup.unplayed("wf")).containsEntry(Step.PLAN, 1);
        assertThat(scheduler.delays()).isEmpty();
    }

    @Test
    void anOpenCircuitSkipsTheProviderWithoutCallingIt() {
        // two failures in a window of two open the circuit; the script has no third answer, so a
        // third call reaching the primary would fail the test loudly
        ScriptedProvider primary = ScriptedProvider.of("primary", """
                steps:
                  plan:
                    - error: {kind: SERVER_ERROR, status: 500}
                    - error: {kind: SERVER_ERROR, status: 500}
                """);
        ScriptedProvider backup = ScriptedProvider.of("backup",
                "steps:\n  plan:\n    - text: one\n    - text: two\n    - text: three\n");
        ResiliencePolicy breakFast = new ResiliencePolicy(1, Duration.ZERO, 1.0, Duration.ZERO, Duration.ZERO, 50f, 2,
                2, Duration.ofMinutes(5), 100, Duration.ofMinutes(1), Duration.ZERO, 4, Duration.ZERO);
        ResilientProvider guardedPrimary = (ResilientProvider) wrap(primary, breakFast, Budget.DEFAULT);
        RoutedProvider router = new RoutedProvider(TABLE, Map.of("primary", guardedPrimary,
                "backup", wrap(backup, policy(1), Budget.DEFAULT)));

        assertThat(router.chat(ask("wf", Step.PLAN, "1")).text()).isEqualTo("one");
        assertThat(router.chat(ask("wf", Step.PLAN, "2")).text()).isEqualTo("two");
        assertThat(guardedPrimary.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(router.chat(ask("wf", Step.PLAN, "3")).text()).isEqualTo("three");
        assertThat(events).extracting(AiCallRecorded::outcome).containsExactly(
                AiCallRecorded.Outcome.SERVER_ERROR, AiCallRecorded.Outcome.SUCCESS,
                AiCallRecorded.Outcome.SERVER_ERROR, AiCallRecorded.Outcome.SUCCESS,
                AiCallRecorded.Outcome.SUCCESS);
    }

    @Test
    void aSpentBudgetStopsTheChainAndIsNeverRetried() {
        ScriptedProvider primary = ScriptedProvider.of("primary", """
                steps:
                  implement:
                    - text: expensive
                      usage: {input: 2000000, output: 10000}
                """);
        ScriptedProvider backup = ScriptedProvider.of("backup", "steps:\n  implement:\n    - text: never\n");
        Budget oneDollar = new Budget(new BigDecimal("1.00"), Map.of());
        RoutedProvider router = new RoutedProvider(TABLE, Map.of("primary", wrap(primary, policy(3), oneDollar),
                "backup", wrap(backup, policy(3), oneDollar)));

        router.chat(ask("wf", Step.IMPLEMENT, "go"));
        assertThatThrownBy(() -> router.chat(ask("wf", Step.IMPLEMENT, "more")))
                .isInstanceOfSatisfying(BudgetExceededException.class,
                        e -> assertThat(e.spentUsd()).isEqualByComparingTo("6.15"));
        assertThat(backup.unplayed("wf")).containsEntry(Step.IMPLEMENT, 1);
        assertThat(scheduler.delays()).isEmpty();
    }

    @Test
    void aStepCanHaveItsOwnRouteAndChain() {
        ScriptedProvider primary = ScriptedProvider.of("primary", "steps:\n  plan:\n    - text: default route\n");
        ScriptedProvider backup = ScriptedProvider.of("backup", "steps:\n  review:\n    - text: review route\n");
        RoutingTable table = TABLE.withStep(Step.REVIEW, new Route("backup", "gpt-5"), List.of());
        RoutedProvider router = new RoutedProvider(table, Map.of("primary", wrap(primary, policy(1), Budget.DEFAULT),
                "backup", wrap(backup, policy(1), Budget.DEFAULT)));

        assertThat(router.chat(ask("wf", Step.REVIEW, "review")).model()).isEqualTo("gpt-5");
        assertThat(router.chat(ask("wf", Step.PLAN, "plan")).provider()).isEqualTo("primary");
        assertThat(table.chain(Step.REVIEW)).containsExactly(new Route("backup", "gpt-5"));
    }

    @Test
    void theRateLimiterRefusesBeyondItsQuotaAndTheRouterFallsBack() {
        ScriptedProvider primary = ScriptedProvider.of("primary", "steps:\n  plan:\n    - text: first\n");
        ScriptedProvider backup = ScriptedProvider.of("backup", "steps:\n  plan:\n    - text: second\n");
        ResiliencePolicy onePerHour = new ResiliencePolicy(1, Duration.ZERO, 1.0, Duration.ZERO, Duration.ZERO, 50f,
                10, 5, Duration.ofMinutes(1), 1, Duration.ofHours(1), Duration.ZERO, 4, Duration.ZERO);
        RoutedProvider router = new RoutedProvider(TABLE, Map.of("primary", wrap(primary, onePerHour, Budget.DEFAULT),
                "backup", wrap(backup, policy(1), Budget.DEFAULT)));

        assertThat(router.chat(ask("wf", Step.PLAN, "1")).text()).isEqualTo("first");
        assertThat(router.chat(ask("wf", Step.PLAN, "2")).text()).isEqualTo("second");
    }

    @Test
    void theBulkheadRefusesACallWhileTheSlotIsTaken() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AiProvider slow = new AiProvider() {
            @Override
            public String id() {
                return "slow";
            }

            @Override
            public ChatResult chat(ChatRequest request) {
                inside.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new ChatResult("slow", "m", "done", List.of(), null, null);
            }
        };
        ResiliencePolicy oneAtATime = new ResiliencePolicy(1, Duration.ZERO, 1.0, Duration.ZERO, Duration.ZERO, 50f,
                10, 5, Duration.ofMinutes(1), 100, Duration.ofMinutes(1), Duration.ZERO, 1, Duration.ZERO);
        AiProvider guarded = wrap(slow, oneAtATime, Budget.DEFAULT);

        CompletableFuture<ChatResult> first = CompletableFuture.supplyAsync(
                () -> guarded.chat(ask("wf", Step.PLAN, "1").withModel("m")));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> guarded.chat(ask("wf", Step.PLAN, "2").withModel("m")))
                .isInstanceOfSatisfying(AiCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(AiCallException.Kind.NOT_PERMITTED);
                    assertThat(e.getMessage()).contains("too many calls are in flight");
                });
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).text()).isEqualTo("done");
    }

    @Test
    void whenEveryRouteFailsTheErrorListsWhatWasTried() {
        ScriptedProvider primary = ScriptedProvider.of("primary", "steps:\n  plan:\n    - error: {kind: SERVER_ERROR, status: 502}\n");
        ScriptedProvider backup = ScriptedProvider.of("backup", "steps:\n  plan:\n    - error: {kind: OVERLOADED, status: 503}\n");
        RoutedProvider router = new RoutedProvider(TABLE, Map.of("primary", wrap(primary, policy(1), Budget.DEFAULT),
                "backup", wrap(backup, policy(1), Budget.DEFAULT)));

        assertThatThrownBy(() -> router.chat(ask("wf", Step.PLAN, "plan")))
                .isInstanceOfSatisfying(AiCallException.class, e -> assertThat(e.kind()).isEqualTo(AiCallException.Kind.OVERLOADED))
                .hasMessageContaining("primary:claude-sonnet-4-5 (SERVER_ERROR)")
                .hasMessageContaining("backup:gpt-4.1 (OVERLOADED)");
    }

    @Test
    void routesToUnconfiguredProvidersAreAStartupError() {
        assertThatThrownBy(() -> new RoutedProvider(TABLE, Map.of("primary", ScriptedProvider.of("primary",
                "steps:\n  plan:\n    - text: x\n"))))
                .hasMessageContaining("not configured: [backup]");
    }

    @Test
    void anOpenCircuitTriesTheProviderAgainOnceItsOpenTimeHasPassedOnTheClock() {
        ScriptedProvider primary = ScriptedProvider.of("primary", """
                steps:
                  plan:
                    - error: {kind: SERVER_ERROR, status: 500}
                    - error: {kind: SERVER_ERROR, status: 500}
                    - text: recovered
                """);
        ScriptedProvider backup = ScriptedProvider.of("backup",
                "steps:\n  plan:\n    - text: one\n    - text: two\n    - text: three\n");
        ResiliencePolicy breakFast = new ResiliencePolicy(1, Duration.ZERO, 1.0, Duration.ZERO, Duration.ZERO, 50f, 2,
                2, Duration.ofMinutes(5), 100, Duration.ofMinutes(1), Duration.ZERO, 4, Duration.ZERO);
        ResilientProvider guardedPrimary = (ResilientProvider) wrap(primary, breakFast, Budget.DEFAULT);
        RoutedProvider router = new RoutedProvider(TABLE, Map.of("primary", guardedPrimary,
                "backup", wrap(backup, policy(1), Budget.DEFAULT)));
        router.chat(ask("wf", Step.PLAN, "1"));
        router.chat(ask("wf", Step.PLAN, "2"));

        clock.advance(Duration.ofMinutes(4));
        assertThat(router.chat(ask("wf", Step.PLAN, "3")).text()).isEqualTo("three");
        assertThat(guardedPrimary.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);

        clock.advance(Duration.ofMinutes(2));
        assertThat(router.chat(ask("wf", Step.PLAN, "4")).text()).isEqualTo("recovered");
        assertThat(guardedPrimary.circuitState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    }
}
