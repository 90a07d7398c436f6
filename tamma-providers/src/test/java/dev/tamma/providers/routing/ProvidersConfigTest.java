package dev.tamma.providers.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tamma.core.ai.Budget;
import dev.tamma.core.workflow.Step;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProvidersConfigTest {

    @Test
    void readsRoutesBudgetsAndPolicies() {
        ProvidersConfig config = ProvidersConfig.parseYaml("""
                providers:
                  default: {provider: anthropic, model: claude-sonnet-4-5}
                  fallback:
                    - {provider: openrouter, model: openai/gpt-4.1}
                  steps:
                    review: {provider: openai, model: gpt-5, fallback: [{provider: gemini, model: gemini-2.5-pro}]}
                    ci-checks: {provider: ollama, model: "qwen2.5-coder:32b"}
                  budget: {workflow: 8.50, steps: {implement: 3}}
                  resilience:
                    anthropic:
                      retry: {maxAttempts: 5, initialBackoff: 500ms, maxRetryAfter: 2m}
                      bulkhead: {maxConcurrentCalls: 2}
                """);

        assertThat(config.routing().chain(Step.PLAN)).containsExactly(new Route("anthropic", "claude-sonnet-4-5"),
                new Route("openrouter", "openai/gpt-4.1"));
        assertThat(config.routing().chain(Step.REVIEW)).containsExactly(new Route("openai", "gpt-5"),
                new Route("gemini", "gemini-2.5-pro"));
        assertThat(config.routing().chain(Step.CI_CHECKS)).containsExactly(new Route("ollama", "qwen2.5-coder:32b"),
                new Route("openrouter", "openai/gpt-4.1"));
        assertThat(config.budget().perWorkflowUsd()).isEqualByComparingTo("8.50");
        assertThat(config.budget().stepLimit(Step.IMPLEMENT)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("3"));
        ResiliencePolicy anthropic = config.policyFor("anthropic");
        assertThat(anthropic.maxAttempts()).isEqualTo(5);
        assertThat(anthropic.initialBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(anthropic.maxRetryAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(anthropic.maxConcurrentCalls()).isEqualTo(2);
        assertThat(anthropic.openFor()).isEqualTo(ResiliencePolicy.DEFAULT.openFor());
        assertThat(config.policyFor("openai")).isEqualTo(ResiliencePolicy.DEFAULT);
    }

    @Test
    void withoutABudgetSectionTheDefaultIsFiveDollars() {
        ProvidersConfig config = ProvidersConfig.parseYaml("providers:\n  default: {provider: a, model: m}\n");
        assertThat(config.budget()).isEqualTo(Budget.DEFAULT);
        assertThat(config.budget().perWorkflowUsd()).isEqualByComparingTo("5");
    }

    @Test
    void errorsNameTheKey() {
        assertThatThrownBy(() -> ProvidersConfig.parseYaml("providers:\n  fallback: []\n"))
                .hasMessageContaining("providers.default is required");
        assertThatThrownBy(() -> ProvidersConfig.parseYaml("providers:\n  default: {provider: a}\n"))
                .hasMessageContaining("providers.default.model is required");
        assertThatThrownBy(() -> ProvidersConfig.parseYaml(
                "providers:\n  default: {provider: a, model: m}\n  steps:\n    reveiw: {provider: a, model: m}\n"))
                .hasMessageContaining("providers.steps.reveiw is not a step");
        assertThatThrownBy(() -> ProvidersConfig.parseYaml(
                "providers:\n  default: {provider: a, model: m}\n  budget: {workflow: -1}\n"))
                .hasMessageContaining("providers.budget.workflow must be an amount of dollars");
        assertThatThrownBy(() -> ProvidersConfig.parseYaml(
                "providers:\n  default: {provider: a, model: m}\n  resilience:\n    a:\n      retry: {maxAttempts: 0}\n"))
                .hasMessageContaining("providers.resilience.a.retry.maxAttempts must be at least 1");
        assertThatThrownBy(() -> ProvidersConfig.parseYaml(
                "providers:\n  default: {provider: a, model: m}\n  resilience:\n    a:\n      retry: {initialBackoff: soon}\n"))
                .hasMessageContaining("providers.resilience.a.retry.initialBackoff must be a duration");
        assertThatThrownBy(() -> ProvidersConfig.parseYaml(
                "providers:\n  default: {provider: a, model: m}\n  resilience:\n    a:\n      retries: {}\n"))
                .hasMessageContaining("providers.resilience.a.retries is not a known key");
    }
}
