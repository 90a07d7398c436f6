package dev.tamma.providers.routing;

import dev.tamma.core.ai.Budget;
import dev.tamma.core.workflow.Step;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The {@code providers:} section of {@code .tamma.yml}: routes per step, budgets, and the
 * resilience policy per provider. Every error names the key that is wrong.
 *
 * <pre>
 * providers:
 *   default: {provider: anthropic, model: claude-sonnet-4-5}
 *   fallback:
 *     - {provider: openrouter, model: openai/gpt-4.1}
 *   steps:
 *     review: {provider: openai, model: gpt-5, fallback: [{provider: gemini, model: gemini-2.5-pro}]}
 *   budget: {workflow: 5.00, steps: {implement: 3.00}}
 *   resilience:
 *     anthropic:
 *       retry: {maxAttempts: 3, initialBackoff: 2s, multiplier: 2, maxBackoff: 30s, maxRetryAfter: 60s}
 *       circuitBreaker: {failureRateThreshold: 50, slidingWindowSize: 10, minimumCalls: 5, openFor: 60s}
 *       rateLimiter: {callsPerPeriod: 50, period: 1m, wait: 30s}
 *       bulkhead: {maxConcurrentCalls: 4, wait: 2m}
 * </pre>
 */
public record ProvidersConfig(RoutingTable routing, Budget budget, Map<String, ResiliencePolicy> resilience) {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    public ProvidersConfig {
        resilience = Map.copyOf(resilience);
    }

    public ResiliencePolicy policyFor(String provider) {
        return resilience.getOrDefault(provider, ResiliencePolicy.DEFAULT);
    }

    /** Parses a YAML document whose top-level key is {@code providers}. */
    public static ProvidersConfig parseYaml(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("providers: not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.path("providers").isObject()) {
            throw new IllegalArgumentException("providers: the section is missing or is not a map");
        }
        return parse(root.path("providers"));
    }

    static ProvidersConfig parse(JsonNode node) {
        only(node, "providers", Set.of("default", "fallback", "steps", "budget", "resilience"));
        if (node.path("default").isMissingNode()) {
            throw new IllegalArgumentException("providers.default is required: {provider: <id>, model: <model>}");
        }
        Route primary = route(node.path("default"), "providers.default");
        List<Route> fallbacks = routes(node.path("fallback"), "providers.fallback");
        RoutingTable table = new RoutingTable(primary, fallbacks, Map.of());
        for (Map.Entry<String, JsonNode> step : properties(node.path("steps"), "providers.steps")) {
            String key = "providers.steps." + step.getKey();
            Step parsed = step(step.getKey(), key);
            only(step.getValue(), key, Set.of("provider", "model", "fallback"));
            JsonNode fallback = step.getValue().path("fallback");
            table = table.withStep(parsed, route(step.getValue(), key),
                    fallback.isMissingNode() ? null : routes(fallback, key + ".fallback"));
        }
        Budget budget = budget(node.path("budget"));
        Map<String, ResiliencePolicy> policies = new HashMap<>();
        for (Map.Entry<String, JsonNode> provider : properties(node.path("resilience"), "providers.resilience")) {
            policies.put(provider.getKey(), policy(provider.getValue(), "providers.resilience." + provider.getKey()));
        }
        return new ProvidersConfig(table, budget, policies);
    }

    static Step step(String name, String key) {
        return Step.parse(name).orElseThrow(() -> new IllegalArgumentException(key + " is not a step; steps are "
                + Arrays.stream(Step.values()).map(Step::slug).toList()));
    }

    static Route route(JsonNode node, String key) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(key + " must be {provider: <id>, model: <model>}");
        }
        String provider = node.path("provider").asString("");
        String model = node.path("model").asString("");
        if (provider.isBlank()) {
            throw new IllegalArgumentException(key + ".provider is required");
        }
        if (model.isBlank()) {
            throw new IllegalArgumentException(key + ".model is required");
        }
        return new Route(provider, model);
    }

    static List<Route> routes(JsonNode node, String key) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(key + " must be a list of {provider, model}");
        }
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            routes.add(route(node.get(i), key + "[" + i + "]"));
        }
        return routes;
    }

    private static Budget budget(JsonNode node) {
        if (node.isMissingNode()) {
            return Budget.DEFAULT;
        }
        only(node, "providers.budget", Set.of("workflow", "steps"));
        BigDecimal workflow = node.has("workflow") ? dollars(node.path("workflow"), "providers.budget.workflow")
                : Budget.DEFAULT_PER_WORKFLOW_USD;
        Map<Step, BigDecimal> steps = new EnumMap<>(Step.class);
        for (Map.Entry<String, JsonNode> step : properties(node.path("steps"), "providers.budget.steps")) {
            String key = "providers.budget.steps." + step.getKey();
            Step parsed = Step.parse(step.getKey())
                    .orElseThrow(() -> new IllegalArgumentException(key + " is not a step"));
            steps.put(parsed, dollars(step.getValue(), key));
        }
        return new Budget(workflow, steps);
    }

    private static ResiliencePolicy policy(JsonNode node, String key) {
        only(node, key, Set.of("retry", "circuitBreaker", "rateLimiter", "bulkhead"));
        ResiliencePolicy d = ResiliencePolicy.DEFAULT;
        JsonNode retry = node.path("retry");
        JsonNode breaker = node.path("circuitBreaker");
        JsonNode limiter = node.path("rateLimiter");
        JsonNode bulkhead = node.path("bulkhead");
        only(retry, key + ".retry", Set.of("maxAttempts", "initialBackoff", "multiplier", "maxBackoff", "maxRetryAfter"));
        only(breaker, key + ".circuitBreaker", Set.of("failureRateThreshold", "slidingWindowSize", "minimumCalls", "openFor"));
        only(limiter, key + ".rateLimiter", Set.of("callsPerPeriod", "period", "wait"));
        only(bulkhead, key + ".bulkhead", Set.of("maxConcurrentCalls", "wait"));
        try {
            return new ResiliencePolicy(
                    integer(retry, "maxAttempts", d.maxAttempts(), key + ".retry"),
                    duration(retry, "initialBackoff", d.initialBackoff(), key + ".retry"),
                    number(retry, "multiplier", d.backoffMultiplier(), key + ".retry"),
                    duration(retry, "maxBackoff", d.maxBackoff(), key + ".retry"),
                    duration(retry, "maxRetryAfter", d.maxRetryAfter(), key + ".retry"),
                    (float) number(breaker, "failureRateThreshold", d.failureRateThreshold(), key + ".circuitBreaker"),
                    integer(breaker, "slidingWindowSize", d.slidingWindowSize(), key + ".circuitBreaker"),
                    integer(breaker, "minimumCalls", d.minimumCalls(), key + ".circuitBreaker"),
                    duration(breaker, "openFor", d.openFor(), key + ".circuitBreaker"),
                    integer(limiter, "callsPerPeriod", d.callsPerPeriod(), key + ".rateLimiter"),
                    duration(limiter, "period", d.ratePeriod(), key + ".rateLimiter"),
                    duration(limiter, "wait", d.rateWait(), key + ".rateLimiter"),
                    integer(bulkhead, "maxConcurrentCalls", d.maxConcurrentCalls(), key + ".bulkhead"),
                    duration(bulkhead, "wait", d.bulkheadWait(), key + ".bulkhead"));
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith(key)) {
                throw e;
            }
            throw new IllegalArgumentException(key + "." + e.getMessage(), e);
        }
    }

    static Iterable<Map.Entry<String, JsonNode>> properties(JsonNode node, String key) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(key + " must be a map");
        }
        return node.properties();
    }

    static void only(JsonNode node, String key, Set<String> allowed) {
        if (node.isMissingNode()) {
            return;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(key + " must be a map");
        }
        for (String name : node.propertyNames()) {
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException(key + "." + name + " is not a known key; known keys are "
                        + allowed.stream().sorted().toList());
            }
        }
    }

    static BigDecimal dollars(JsonNode node, String key) {
        if (!node.isNumber() || node.decimalValue().signum() < 0) {
            throw new IllegalArgumentException(key + " must be an amount of dollars, zero or more, got " + node);
        }
        return node.decimalValue();
    }

    private static int integer(JsonNode parent, String name, int fallback, String key) {
        JsonNode node = parent.path(name);
        if (node.isMissingNode()) {
            return fallback;
        }
        if (!node.isIntegralNumber()) {
            throw new IllegalArgumentException(key + "." + name + " must be a whole number, got " + node);
        }
        return node.asInt();
    }

    private static double number(JsonNode parent, String name, double fallback, String key) {
        JsonNode node = parent.path(name);
        if (node.isMissingNode()) {
            return fallback;
        }
        if (!node.isNumber()) {
            throw new IllegalArgumentException(key + "." + name + " must be a number, got " + node);
        }
        return node.asDouble();
    }

    /** Reads {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, or an ISO-8601 duration. */
    static Duration duration(JsonNode parent, String name, Duration fallback, String key) {
        JsonNode node = parent.path(name);
        if (node.isMissingNode()) {
            return fallback;
        }
        String text = node.asString("").strip();
        try {
            if (text.matches("\\d+ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            if (text.matches("\\d+[smh]")) {
                long amount = Long.parseLong(text.substring(0, text.length() - 1));
                return switch (text.charAt(text.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                };
            }
            return Duration.parse(text);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(key + "." + name + " must be a duration like 500ms, 30s, 2m or PT1H, got '"
                    + text + "'");
        }
    }
}
