package dev.tamma.providers.cost;

import static dev.tamma.providers.testing.Requests.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tamma.core.ai.AiCallRecorded;
import dev.tamma.core.ai.Budget;
import dev.tamma.core.ai.BudgetExceededException;
import dev.tamma.core.ai.TokenUsage;
import dev.tamma.core.workflow.FailureCause;
import dev.tamma.core.workflow.Step;
import dev.tamma.providers.scripted.ScriptedProvider;
import dev.tamma.providers.testing.MutableClock;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CostAndBudgetTest {

    @Test
    void shippedTableMatchesDatedModelsByLongestPrefixAndPricesCachedTokens() {
        PriceTable table = PriceTable.defaults();
        Price sonnet = table.price("anthropic", "claude-sonnet-4-5-20250929").orElseThrow();
        // 1M input of which 200k cached, 100k output: 0.8M*3 + 0.2M*0.30 + 0.1M*15 = 2.40 + 0.06 + 1.50
        assertThat(sonnet.cost(new TokenUsage(1_000_000, 100_000, 200_000))).isEqualByComparingTo("3.96");
        assertThat(table.price("openai", "gpt-4.1-mini-2025-04-14").orElseThrow().input()).isEqualByComparingTo("0.40");
        assertThat(table.price("ollama", "qwen2.5-coder:32b").orElseThrow().cost(new TokenUsage(5000, 5000, 0)))
                .isEqualByComparingTo("0");
        assertThat(table.price("openai", "some-future-model")).isEmpty();
        assertThat(table.price("lmstudio", "anything")).isEmpty();
    }

    @Test
    void overrideFileReplacesAndAddsPrices(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.yml");
        Files.writeString(file, """
                anthropic:
                  claude-sonnet-4-5: {input: 2.00, output: 10.00}
                lmstudio:
                  "*": {input: 0, output: 0}
                """);
        PriceTable table = PriceTable.defaultsWith(file);
        Price sonnet = table.price("anthropic", "claude-sonnet-4-5").orElseThrow();
        assertThat(sonnet.input()).isEqualByComparingTo("2.00");
        assertThat(sonnet.cachedInput()).isEqualByComparingTo("2.00");
        assertThat(table.price("lmstudio", "qwen")).isPresent();
        assertThat(table.price("anthropic", "claude-haiku-4-5").orElseThrow().input()).isEqualByComparingTo("1.00");
    }

    @Test
    void badPriceFileNamesTheEntry() {
        assertThatThrownBy(() -> PriceTable.of("openai:\n  gpt-5: {input: cheap, output: 1}\n"))
                .hasMessageContaining("openai.gpt-5.input must be a number");
        assertThatThrownBy(() -> PriceTable.of("openai:\n  gpt-5: {input: -1, output: 1}\n"))
                .hasMessageContaining("openai.gpt-5").hasMessageContaining("input must be zero or more");
    }

    @Test
    void everyCallIsRecordedWithTokensCostLatencyAndOutcome() {
        MutableClock clock = MutableClock.atEpochPlus(Duration.ZERO);
        List<AiCallRecorded> events = new ArrayList<>();
        ScriptedProvider script = ScriptedProvider.of("scripted", """
                model: claude-sonnet-4-5
                steps:
                  plan:
                    - text: ok
                      usage: {input: 10000, output: 2000, cached: 4000}
                    - error: {kind: SERVER_ERROR, status: 500}
                """);
        var slow = new dev.tamma.core.ai.AiProvider() {
            public String id() {
                return "anthropic";
            }

            public dev.tamma.core.ai.ChatResult chat(dev.tamma.core.ai.ChatRequest request) {
                clock.advance(Duration.ofMillis(1500));
                return script.chat(request);
            }
        };
        SpendLedger ledger = new SpendLedger();
        MeteredProvider metered = new MeteredProvider(slow, "anthropic", PriceTable.defaults(), wf -> Budget.DEFAULT,
                ledger, events::add, clock);

        metered.chat(ask("wf", Step.PLAN, "plan").withModel("claude-sonnet-4-5"));
        assertThatThrownBy(() -> metered.chat(ask("wf", Step.PLAN, "again").withModel("claude-sonnet-4-5")))
                .hasMessageContaining("SERVER_ERROR");

        assertThat(events).hasSize(2);
        AiCallRecorded ok = events.get(0);
        assertThat(ok.provider()).isEqualTo("anthropic");
        assertThat(ok.model()).isEqualTo("claude-sonnet-4-5");
        assertThat(ok.usage()).isEqualTo(new TokenUsage(10000, 2000, 4000));
        // 6000*3 + 4000*0.30 + 2000*15 = 18000 + 1200 + 30000 per million = 0.0492
        assertThat(ok.costUsd()).isEqualByComparingTo("0.0492");
        assertThat(ok.priceKnown()).isTrue();
        assertThat(ok.latency()).isEqualTo(Duration.ofMillis(1500));
        assertThat(ok.outcome()).isEqualTo(AiCallRecorded.Outcome.SUCCESS);
        assertThat(ok.context().repository()).isEqualTo("acme/shop");
        assertThat(events.get(1).outcome()).isEqualTo(AiCallRecorded.Outcome.SERVER_ERROR);
        assertThat(events.get(1).costUsd()).isEqualByComparingTo("0");
        assertThat(ledger.spentInStep("wf", Step.PLAN)).isEqualByComparingTo("0.0492");
    }

    @Test
    void aSpentBudgetRefusesTheNextCallBeforeItIsMadeAndCarriesTheSpend() {
        ScriptedProvider script = ScriptedProvider.of("scripted", """
                model: claude-opus-4-1
                steps:
                  implement:
                    - text: first
                      usage: {input: 100000, output: 20000}
                    - text: never sent
                """);
        List<AiCallRecorded> events = new ArrayList<>();
        SpendLedger ledger = new SpendLedger();
        Budget budget = new Budget(new BigDecimal("5.00"), java.util.Map.of(Step.IMPLEMENT, new BigDecimal("2.00")));
        MeteredProvider metered = new MeteredProvider(script, "anthropic", PriceTable.defaults(), wf -> budget, ledger,
                events::add, MutableClock.atEpochPlus(Duration.ZERO));

        // 0.1M*15 + 0.02M*75 = 1.50 + 1.50 = $3.00, past the $2 step budget
        metered.chat(ask("wf", Step.IMPLEMENT, "go").withModel("claude-opus-4-1"));
        assertThatThrownBy(() -> metered.chat(ask("wf", Step.IMPLEMENT, "more").withModel("claude-opus-4-1")))
                .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
                    assertThat(e.spentUsd()).isEqualByComparingTo("3.00");
                    assertThat(e.limitUsd()).isEqualByComparingTo("2.00");
                    assertThat(e.failureCause()).isEqualTo(FailureCause.STRUCTURAL);
                });
        assertThat(script.unplayed("wf")).containsEntry(Step.IMPLEMENT, 1);
        assertThat(events).extracting(AiCallRecorded::outcome)
                .containsExactly(AiCallRecorded.Outcome.SUCCESS, AiCallRecorded.Outcome.BUDGET_EXCEEDED);

        // another step still has the rest of the $5 workflow budget
        assertThatThrownBy(() -> metered.chat(ask("wf", Step.REVIEW, "review").withModel("claude-opus-4-1")))
                .isInstanceOf(ScriptedProvider.UnexpectedCallException.class);
    }

    @Test
    void aLedgerCaughtUpWithTheLogRefusesACallTheWorkflowCanNoLongerAfford() {
        SpendLedger ledger = new SpendLedger();
        ledger.add("wf", Step.PLAN, new BigDecimal("0.40")); // made here, and in the log as well
        ledger.catchUp("wf", Step.IMPLEMENT, new BigDecimal("5.10"), new BigDecimal("1.00"));
        ledger.catchUp("wf", Step.PLAN, new BigDecimal("0.20"), new BigDecimal("0.10")); // an older figure

        assertThat(ledger.spentInWorkflow("wf")).isEqualByComparingTo("5.10");
        assertThat(ledger.spentInStep("wf", Step.IMPLEMENT)).isEqualByComparingTo("1.00");
        assertThat(ledger.spentInStep("wf", Step.PLAN)).as("never lowered").isEqualByComparingTo("0.40");
        ScriptedProvider never = ScriptedProvider.of("scripted", "model: m\nsteps: {}\n");
        MeteredProvider metered = new MeteredProvider(never, "anthropic", PriceTable.defaults(), wf -> Budget.DEFAULT,
                ledger, call -> { }, MutableClock.atEpochPlus(Duration.ZERO));
        assertThatThrownBy(() -> metered.chat(ask("wf", Step.REVIEW, "review")))
                .isInstanceOfSatisfying(BudgetExceededException.class,
                        e -> assertThat(e.spentUsd()).isEqualByComparingTo("5.10"));
    }

    @Test
    void unknownModelsAreRecordedAsPriceUnknown() {
        List<AiCallRecorded> events = new ArrayList<>();
        ScriptedProvider script = ScriptedProvider.of("local", "steps:\n  plan:\n    - text: hi\n      usage: {input: 5, output: 5}\n");
        new MeteredProvider(script, "openai-compatible", PriceTable.defaults(), wf -> Budget.DEFAULT, new SpendLedger(),
                events::add, MutableClock.atEpochPlus(Duration.ZERO)).chat(ask("wf", Step.PLAN, "x").withModel("qwen3"));
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.priceKnown()).isFalse();
            assertThat(e.costUsd()).isEqualByComparingTo("0");
        });
    }

    @Test
    void theConfiguredModelNameIsPricedEvenWhenTheVendorAnswersWithAnotherName() {
        List<AiCallRecorded> events = new ArrayList<>();
        var renaming = new dev.tamma.core.ai.AiProvider() {
            public String id() {
                return "openrouter";
            }

            public dev.tamma.core.ai.ChatResult chat(dev.tamma.core.ai.ChatRequest request) {
                return new dev.tamma.core.ai.ChatResult("openrouter", "anthropic/claude-4.5-sonnet-20250929", "ok",
                        List.of(), new TokenUsage(1_000_000, 0, 0), null);
            }
        };
        new MeteredProvider(renaming, "openrouter", PriceTable.defaults(), wf -> Budget.DEFAULT, new SpendLedger(),
                events::add, MutableClock.atEpochPlus(Duration.ZERO))
                .chat(ask("wf", Step.PLAN, "x").withModel("anthropic/claude-sonnet-4.5"));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.model()).isEqualTo("anthropic/claude-sonnet-4.5");
            assertThat(e.costUsd()).isEqualByComparingTo("3.00");
        });
    }
}
