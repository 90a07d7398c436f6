package dev.tamma.core.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tamma.core.workflow.FailureCause;
import dev.tamma.core.workflow.Step;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AiPortsTest {

    private static final CallContext CONTEXT = new CallContext("wf-1", "acme/shop", 7, Step.PLAN, 1);

    @Test
    void budgetRefusesOnceTheWorkflowTotalIsSpentAndCarriesTheSpend() {
        Budget budget = Budget.DEFAULT;
        budget.checkBeforeCall("anthropic", "wf-1", Step.PLAN, new BigDecimal("4.99"), BigDecimal.ZERO);

        assertThatThrownBy(() -> budget.checkBeforeCall("anthropic", "wf-1", Step.PLAN, new BigDecimal("5.01"),
                BigDecimal.ZERO))
                .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
                    assertThat(e.spentUsd()).isEqualByComparingTo("5.01");
                    assertThat(e.limitUsd()).isEqualByComparingTo("5.00");
                    assertThat(e.scope().step()).isNull();
                    assertThat(e.failureCause()).isEqualTo(FailureCause.STRUCTURAL);
                    assertThat(e.getMessage()).contains("workflow wf-1", "$5.00", "$5.01");
                });
    }

    @Test
    void stepLimitIsCheckedSeparatelyFromTheWorkflowTotal() {
        Budget budget = Budget.DEFAULT.withStepLimit(Step.REVIEW, new BigDecimal("0.50"));

        budget.checkBeforeCall("openai", "wf-1", Step.PLAN, new BigDecimal("1"), new BigDecimal("1"));
        assertThatThrownBy(() -> budget.checkBeforeCall("openai", "wf-1", Step.REVIEW, new BigDecimal("1"),
                new BigDecimal("0.50")))
                .isInstanceOfSatisfying(BudgetExceededException.class,
                        e -> assertThat(e.scope().step()).isEqualTo(Step.REVIEW))
                .hasMessageContaining("step review");
    }

    @Test
    void twoBudgetsTogetherKeepTheLowerOfEachLimit() {
        Budget operator = new Budget(new BigDecimal("5.00"), java.util.Map.of(Step.IMPLEMENT, new BigDecimal("3.00"),
                Step.REVIEW, new BigDecimal("0.50")));
        Budget repository = new Budget(new BigDecimal("8.00"), java.util.Map.of(Step.IMPLEMENT, new BigDecimal("1.00"),
                Step.PLAN, new BigDecimal("0.20"), Step.REVIEW, new BigDecimal("0.90")));

        Budget both = operator.andAlso(repository);

        assertThat(both.perWorkflowUsd()).isEqualByComparingTo("5.00");
        assertThat(both.stepLimit(Step.IMPLEMENT)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1.00"));
        assertThat(both.stepLimit(Step.REVIEW)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.50"));
        assertThat(both.stepLimit(Step.PLAN)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.20"));
        assertThat(both.stepLimit(Step.ANALYZE)).isEmpty();
        assertThat(repository.andAlso(operator)).isEqualTo(both);
    }

    @Test
    void negativeBudgetIsRefusedNamingTheField() {
        assertThatThrownBy(() -> Budget.DEFAULT.withStepLimit(Step.PLAN, new BigDecimal("-1")))
                .hasMessageContaining("perStepUsd for step PLAN");
    }

    @Test
    void requestRejectsDuplicateToolsEmptyMessagesAndBadTemperature() {
        ToolSpec tool = new ToolSpec("read_file", "reads", JsonSchema.object());
        assertThatThrownBy(() -> ChatRequest.of(CONTEXT, List.of()))
                .hasMessageContaining("at least one message");
        assertThatThrownBy(() -> ChatRequest.of(CONTEXT, List.of(ChatMessage.user("hi"))).withTools(List.of(tool, tool)))
                .hasMessageContaining("unique");
        assertThatThrownBy(() -> new ChatRequest(CONTEXT, "m", List.of(ChatMessage.user("hi")), List.of(), null, 10, 3.0))
                .hasMessageContaining("temperature");
    }

    @Test
    void toolNamesAndSchemaRequiredPropertiesAreValidated() {
        assertThatThrownBy(() -> new ToolSpec("read file", "", null)).hasMessageContaining("'read file'");
        assertThatThrownBy(() -> new JsonSchema.ObjectSchema("", java.util.Map.of(), List.of("path")))
                .hasMessageContaining("required property 'path'");
        JsonSchema.ObjectSchema schema = JsonSchema.object().with("path", JsonSchema.string("file"), true)
                .with("limit", JsonSchema.integer("lines"), false);
        assertThat(schema.properties()).containsOnlyKeys("path", "limit");
        assertThat(schema.required()).containsExactly("path");
    }

    @Test
    void cachedTokensCannotExceedInputTokens() {
        assertThatThrownBy(() -> new TokenUsage(10, 5, 11)).hasMessageContaining("cachedInputTokens (11)");
        assertThat(new TokenUsage(10, 5, 2).plus(new TokenUsage(1, 1, 1))).isEqualTo(new TokenUsage(11, 6, 3));
    }

    @Test
    void callContextRefusesANegativeAttemptOrIssueNamingIt() {
        assertThatThrownBy(() -> new CallContext("wf-1", "acme/shop", 7, Step.PLAN, -1))
                .hasMessage("call context attempt must not be negative, got -1");
        assertThatThrownBy(() -> new CallContext("wf-1", "acme/shop", -7, Step.PLAN, 1))
                .hasMessage("call context issue must not be negative, got -7");
    }

    @Test
    void failureKindsMapToRetryFallbackAndWorkflowCause() {
        assertThat(AiCallException.Kind.RATE_LIMITED.retryable()).isTrue();
        assertThat(AiCallException.Kind.AUTHENTICATION.fallbackWorthy()).isFalse();
        assertThat(new AiCallException("x", AiCallException.Kind.AUTHENTICATION, "no key").failureCause())
                .isEqualTo(FailureCause.STRUCTURAL);
        assertThat(new AiCallException("x", AiCallException.Kind.OVERLOADED, "busy").failureCause())
                .isEqualTo(FailureCause.TRANSIENT);
        for (AiCallException.Kind kind : AiCallException.Kind.values()) {
            assertThat(AiCallRecorded.Outcome.of(kind).name()).isEqualTo(kind.name());
        }
    }

    @Test
    void codingTaskNeedsAnExistingWorkspaceAndPositiveLimits(@TempDir Path dir) {
        assertThatThrownBy(() -> new CodingTask(CONTEXT, dir.resolve("missing"), "do it", 5, BigDecimal.ONE,
                Duration.ofMinutes(1))).hasMessageContaining("is not a directory");
        assertThatThrownBy(() -> new CodingTask(CONTEXT, dir, "do it", 0, BigDecimal.ONE, Duration.ofMinutes(1)))
                .hasMessageContaining("maxIterations");
        assertThatThrownBy(() -> new CodingTask(CONTEXT, dir, "do it", 5, BigDecimal.ZERO, Duration.ofMinutes(1)))
                .hasMessageContaining("budgetUsd");
    }
}
