package dev.tamma.providers.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tamma.core.ai.Budget;
import dev.tamma.core.workflow.Step;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A repository's routes and budget laid over the operator's model file. */
class RepositoryProvidersTest {

    private static final Route SONNET = new Route("anthropic", "claude-sonnet-4-5");
    private static final Route GPT = new Route("openai", "gpt-5");
    private static final Route LOCAL = new Route("ollama", "qwen2.5-coder:32b");
    private static final Route ROUTER = new Route("openrouter", "openai/gpt-4.1");

    /** The operator's: sonnet with openrouter as fallback, reviews on gpt-5. */
    private static final RoutingTable OPERATOR = RoutingTable.of(SONNET, ROUTER).withStep(Step.REVIEW, GPT, null);

    @Test
    void aStepTheRepositoryListsTakesItsRouteAndTheOthersKeepTheOperators() {
        RepositoryProviders repository = RepositoryProviders.parseYaml("""
                providers:
                  steps:
                    plan: {provider: ollama, model: "qwen2.5-coder:32b"}
                """);

        RoutingTable routes = repository.over(OPERATOR);

        assertThat(routes.chain(Step.PLAN)).containsExactly(LOCAL, ROUTER);
        assertThat(routes.chain(Step.REVIEW)).containsExactly(GPT, ROUTER);
        assertThat(routes.chain(Step.IMPLEMENT)).containsExactly(SONNET, ROUTER);
    }

    @Test
    void aRepositoryDefaultCoversEveryStepItDoesNotList() {
        RepositoryProviders repository = RepositoryProviders.parseYaml("""
                providers:
                  default: {provider: ollama, model: "qwen2.5-coder:32b"}
                  fallback: []
                  steps:
                    implement: {provider: anthropic, model: claude-sonnet-4-5, fallback: [{provider: openai, model: gpt-5}]}
                """);

        RoutingTable routes = repository.over(OPERATOR);

        assertThat(routes.chain(Step.REVIEW)).as("the operator's review route gives way to the repository's default")
                .containsExactly(LOCAL);
        assertThat(routes.chain(Step.ANALYZE)).containsExactly(LOCAL);
        assertThat(routes.chain(Step.IMPLEMENT)).containsExactly(SONNET, GPT);
    }

    @Test
    void withoutAProvidersSectionTheOperatorsRoutesAreTaken() {
        RoutingTable routes = RepositoryProviders.parseYaml("mode: dev\n").over(OPERATOR);

        for (Step step : Step.values()) {
            assertThat(routes.chain(step)).isEqualTo(OPERATOR.chain(step));
        }
        assertThat(RepositoryProviders.parseYaml("mode: dev\n")).isEqualTo(RepositoryProviders.NONE);
    }

    @Test
    void everyNamedProviderIsListedUnderItsKeyInTheFilesOrder() {
        RepositoryProviders repository = RepositoryProviders.parseYaml("""
                providers:
                  default: {provider: anthropic, model: claude-sonnet-4-5}
                  fallback: [{provider: openrouter, model: openai/gpt-4.1}]
                  steps:
                    Review: {provider: openai, model: gpt-5, fallback: [{provider: gemini, model: gemini-2.5-pro}]}
                """);

        assertThat(repository.providerKeys()).containsExactly(
                Map.entry("providers.default.provider", "anthropic"),
                Map.entry("providers.fallback[0].provider", "openrouter"),
                Map.entry("providers.steps.Review.provider", "openai"),
                Map.entry("providers.steps.Review.fallback[0].provider", "gemini"));
    }

    @Test
    void theRepositoryBudgetLowersTheOperatorsButNeverRaisesIt() {
        Budget operator = new Budget(new BigDecimal("5.00"), Map.of(Step.IMPLEMENT, new BigDecimal("3.00")));

        Budget lower = RepositoryProviders.parseYaml("""
                providers:
                  budget: {workflow: 1.50, steps: {plan: 0.10}}
                """).within(operator);
        Budget higher = RepositoryProviders.parseYaml("""
                providers:
                  budget: {workflow: 50, steps: {implement: 30}}
                """).within(operator);
        Budget stepsOnly = RepositoryProviders.parseYaml("""
                providers:
                  budget: {steps: {implement: 1}}
                """).within(operator);

        assertThat(lower.perWorkflowUsd()).isEqualByComparingTo("1.50");
        assertThat(lower.stepLimit(Step.PLAN)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.10"));
        assertThat(lower.stepLimit(Step.IMPLEMENT)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("3.00"));
        assertThat(higher).isEqualTo(operator);
        assertThat(stepsOnly.perWorkflowUsd()).isEqualByComparingTo("5.00");
        assertThat(stepsOnly.stepLimit(Step.IMPLEMENT)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1"));
    }

    @Test
    void aRepositoryCannotTuneTheServersResilience() {
        assertThatThrownBy(() -> RepositoryProviders.parseYaml("""
                providers:
                  resilience:
                    anthropic: {retry: {maxAttempts: 50}}
                """)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("providers.resilience belongs to the server's model file");
    }

    @Test
    void problemsNameTheirKey() {
        assertThatThrownBy(() -> RepositoryProviders.parseYaml("providers:\n  steps:\n    reveiw: {provider: a, model: b}\n"))
                .hasMessageStartingWith("providers.steps.reveiw is not a step");
        assertThatThrownBy(() -> RepositoryProviders.parseYaml("providers:\n  default: {provider: a}\n"))
                .hasMessage("providers.default.model is required");
        assertThatThrownBy(() -> RepositoryProviders.parseYaml("providers:\n  budget: {workflow: -1}\n"))
                .hasMessageStartingWith("providers.budget.workflow must be an amount of dollars");
        assertThatThrownBy(() -> RepositoryProviders.parseYaml("providers:\n  routes: {}\n"))
                .hasMessageStartingWith("providers.routes is not a known key");
    }
}
