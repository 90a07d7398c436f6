package dev.tamma.providers.cost;

import static dev.tamma.providers.testing.Requests.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tamma.core.ai.AiCallRecorded;
import dev.tamma.core.ai.AiProvider;
import dev.tamma.core.ai.Budget;
import dev.tamma.core.ai.BudgetExceededException;
import dev.tamma.core.workflow.Step;
import dev.tamma.providers.scripted.ScriptedProvider;
import dev.tamma.providers.testing.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A repository's budget holds its workflows' calls below the operator's, and cannot lift them above it. */
class WorkflowBudgetsTest {

    /** Each answer costs $0.60: 200k input tokens of claude-sonnet-4-5 at $3 per million. */
    private static final String SCRIPT = """
            model: claude-sonnet-4-5
            steps:
              plan:
                - {text: one, usage: {input: 200000, output: 0}}
                - {text: two, usage: {input: 200000, output: 0}}
                - {text: three, usage: {input: 200000, output: 0}}
            """;

    private final List<AiCallRecorded> calls = new ArrayList<>();

    private AiProvider metered(WorkflowBudgets budgets) {
        return new MeteredProvider(ScriptedProvider.of("anthropic", SCRIPT), "anthropic", PriceTable.defaults(), budgets,
                new SpendLedger(), calls::add, MutableClock.atEpochPlus(Duration.ZERO));
    }

    @Test
    void aRepositorysSmallerBudgetStopsItsWorkflowWhileOthersGoOn() {
        WorkflowBudgets budgets = new WorkflowBudgets(Budget.DEFAULT);
        AiProvider provider = metered(budgets);
        budgets.hold("wf-small", new Budget(new BigDecimal("1.00"), Map.of()));

        provider.chat(ask("wf-small", Step.PLAN, "plan"));
        provider.chat(ask("wf-small", Step.PLAN, "plan"));
        assertThatThrownBy(() -> provider.chat(ask("wf-small", Step.PLAN, "plan")))
                .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
                    assertThat(e.limitUsd()).isEqualByComparingTo("1.00");
                    assertThat(e.spentUsd()).isEqualByComparingTo("1.20");
                    assertThat(e.scope().step()).isNull();
                });
        for (int i = 0; i < 3; i++) {
            provider.chat(ask("wf-other", Step.PLAN, "plan"));
        }

        assertThat(calls).filteredOn(c -> c.context().workflowId().equals("wf-small"))
                .extracting(AiCallRecorded::outcome).containsExactly(AiCallRecorded.Outcome.SUCCESS,
                        AiCallRecorded.Outcome.SUCCESS, AiCallRecorded.Outcome.BUDGET_EXCEEDED);
        assertThat(calls).filteredOn(c -> c.context().workflowId().equals("wf-other"))
                .allMatch(c -> c.outcome() == AiCallRecorded.Outcome.SUCCESS).hasSize(3);
    }

    @Test
    void aRepositoryCannotRaiseTheOperatorsBudget() {
        WorkflowBudgets budgets = new WorkflowBudgets(new Budget(new BigDecimal("1.00"), Map.of()));
        AiProvider provider = metered(budgets);

        Budget applied = budgets.hold("wf-greedy", new Budget(new BigDecimal("50.00"), Map.of()));

        assertThat(applied.perWorkflowUsd()).isEqualByComparingTo("1.00");
        provider.chat(ask("wf-greedy", Step.PLAN, "plan"));
        provider.chat(ask("wf-greedy", Step.PLAN, "plan"));
        assertThatThrownBy(() -> provider.chat(ask("wf-greedy", Step.PLAN, "plan")))
                .isInstanceOfSatisfying(BudgetExceededException.class,
                        e -> assertThat(e.limitUsd()).isEqualByComparingTo("1.00"));
    }

    @Test
    void theLatestStepOfAWorkflowSaysWhichRepositoryLimitHolds() {
        WorkflowBudgets budgets = new WorkflowBudgets(Budget.DEFAULT);

        budgets.hold("wf", new Budget(new BigDecimal("1.00"), Map.of(Step.IMPLEMENT, new BigDecimal("0.50"))));
        assertThat(budgets.apply("wf").stepLimit(Step.IMPLEMENT)).hasValueSatisfying(
                v -> assertThat(v).isEqualByComparingTo("0.50"));

        budgets.hold("wf", Budget.DEFAULT); // the file no longer sets a budget
        assertThat(budgets.apply("wf")).isEqualTo(Budget.DEFAULT);
    }
}
