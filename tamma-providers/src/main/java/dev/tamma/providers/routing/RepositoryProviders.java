package dev.tamma.providers.routing;

import dev.tamma.core.ai.Budget;
import dev.tamma.core.workflow.Step;
import dev.tamma.providers.routing.RoutingTable.StepRoutes;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A repository's own {@code providers:} section in {@code .tamma.yml}: routes and budgets laid over
 * the operator's model file. It may only name providers the model file configures, and its budget
 * can lower the operator's but never raise it; endpoints, keys and resilience stay the operator's.
 *
 * <p>Where it says nothing, the model file decides: a step the repository lists takes the
 * repository's route; any other step takes the repository's {@code default} when it gives one, else
 * the model file's route for that step. A {@code fallback} list left out keeps the model file's.
 *
 * @param defaultRoute      the route of every step the repository does not list, when given
 * @param fallbacks         the default fallbacks, when given (an empty list means none)
 * @param steps             the repository's own route per step
 * @param workflowBudgetUsd a limit for the whole workflow, when given
 * @param stepBudgetsUsd    limits for single steps
 * @param providerKeys      every provider the section names, by the key it is under
 *                          ({@code providers.steps.plan.provider}), in the file's order
 */
public record RepositoryProviders(Optional<Route> defaultRoute, Optional<List<Route>> fallbacks,
        Map<Step, StepRoutes> steps, Optional<BigDecimal> workflowBudgetUsd, Map<Step, BigDecimal> stepBudgetsUsd,
        Map<String, String> providerKeys) {

    /** A repository without a {@code providers:} section: the model file decides everything. */
    public static final RepositoryProviders NONE = new RepositoryProviders(Optional.empty(), Optional.empty(), Map.of(),
            Optional.empty(), Map.of(), Map.of());

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    public RepositoryProviders {
        fallbacks = fallbacks.map(List::copyOf);
        steps = Map.copyOf(steps);
        stepBudgetsUsd = Map.copyOf(stepBudgetsUsd);
        providerKeys = Collections.unmodifiableMap(new LinkedHashMap<>(providerKeys));
    }

    /**
     * Reads the {@code providers:} section of a {@code .tamma.yml}, or {@link #NONE} without one.
     *
     * @throws IllegalArgumentException at the first problem, starting with the key it is about
     */
    public static RepositoryProviders parseYaml(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("providers: not valid YAML: " + e.getOriginalMessage(), e);
        }
        JsonNode node = root == null ? null : root.path("providers");
        if (node == null || node.isMissingNode() || node.isNull()) {
            return NONE;
        }
        if (node.has("resilience")) {
            throw new IllegalArgumentException("providers.resilience belongs to the server's model file; a repository"
                    + " cannot change how the server's providers are retried or limited");
        }
        ProvidersConfig.only(node, "providers", Set.of("default", "fallback", "steps", "budget"));
        Map<String, String> named = new LinkedHashMap<>();
        Optional<Route> primary = node.has("default")
                ? Optional.of(named(ProvidersConfig.route(node.path("default"), "providers.default"), "providers.default", named))
                : Optional.empty();
        Optional<List<Route>> fallbacks = node.has("fallback")
                ? Optional.of(named(node.path("fallback"), "providers.fallback", named))
                : Optional.empty();
        Map<Step, StepRoutes> steps = new EnumMap<>(Step.class);
        for (Map.Entry<String, JsonNode> step : ProvidersConfig.properties(node.path("steps"), "providers.steps")) {
            String key = "providers.steps." + step.getKey();
            Step parsed = ProvidersConfig.step(step.getKey(), key);
            ProvidersConfig.only(step.getValue(), key, Set.of("provider", "model", "fallback"));
            Route route = named(ProvidersConfig.route(step.getValue(), key), key, named);
            JsonNode fallback = step.getValue().path("fallback");
            steps.put(parsed, new StepRoutes(route, fallback.isMissingNode() ? null
                    : named(fallback, key + ".fallback", named)));
        }
        JsonNode budget = node.path("budget");
        ProvidersConfig.only(budget, "providers.budget", Set.of("workflow", "steps"));
        Optional<BigDecimal> workflow = budget.has("workflow")
                ? Optional.of(ProvidersConfig.dollars(budget.path("workflow"), "providers.budget.workflow"))
                : Optional.empty();
        Map<Step, BigDecimal> stepBudgets = new EnumMap<>(Step.class);
        for (Map.Entry<String, JsonNode> step : ProvidersConfig.properties(budget.path("steps"), "providers.budget.steps")) {
            String key = "providers.budget.steps." + step.getKey();
            stepBudgets.put(ProvidersConfig.step(step.getKey(), key), ProvidersConfig.dollars(step.getValue(), key));
        }
        return new RepositoryProviders(primary, fallbacks, steps, workflow, stepBudgets, named);
    }

    /** The routes a task of this repository takes, given the operator's. */
    public RoutingTable over(RoutingTable operator) {
        RoutingTable table = new RoutingTable(defaultRoute.orElse(operator.defaultRoute()),
                fallbacks.orElse(operator.defaultFallbacks()),
                defaultRoute.isPresent() ? Map.of() : operator.steps());
        for (Map.Entry<Step, StepRoutes> step : steps.entrySet()) {
            table = table.withStep(step.getKey(), step.getValue().primary(), step.getValue().fallbacks());
        }
        return table;
    }

    /** The budget a workflow of this repository is held to: the operator's, lowered where the repository asks. */
    public Budget within(Budget operator) {
        return operator.andAlso(new Budget(workflowBudgetUsd.orElse(operator.perWorkflowUsd()), stepBudgetsUsd));
    }

    private static Route named(Route route, String key, Map<String, String> named) {
        named.put(key + ".provider", route.provider());
        return route;
    }

    private static List<Route> named(JsonNode list, String key, Map<String, String> named) {
        List<Route> routes = ProvidersConfig.routes(list, key);
        List<Route> kept = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            kept.add(named(routes.get(i), key + "[" + i + "]", named));
        }
        return kept;
    }
}
