package dev.tamma.providers.routing;

import dev.tamma.core.workflow.Step;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which provider and model answer each step, and where to fall back: a step's own route and
 * fallbacks if it has them, else the default route and the default fallbacks.
 */
public record RoutingTable(Route defaultRoute, List<Route> defaultFallbacks, Map<Step, StepRoutes> steps) {

    /** A step's own primary route and its fallbacks ({@code null} fallbacks: use the default chain). */
    public record StepRoutes(Route primary, List<Route> fallbacks) {
        public StepRoutes {
            Objects.requireNonNull(primary, "primary");
            fallbacks = fallbacks == null ? null : List.copyOf(fallbacks);
        }
    }

    public RoutingTable {
        Objects.requireNonNull(defaultRoute, "providers.default is required");
        defaultFallbacks = List.copyOf(Objects.requireNonNullElse(defaultFallbacks, List.of()));
        EnumMap<Step, StepRoutes> copy = new EnumMap<>(Step.class);
        copy.putAll(Objects.requireNonNullElse(steps, Map.of()));
        steps = Map.copyOf(copy);
    }

    public static RoutingTable of(Route defaultRoute, Route... fallbacks) {
        return new RoutingTable(defaultRoute, List.of(fallbacks), Map.of());
    }

    public RoutingTable withStep(Step step, Route primary, List<Route> fallbacks) {
        EnumMap<Step, StepRoutes> more = new EnumMap<>(Step.class);
        more.putAll(steps);
        more.put(step, new StepRoutes(primary, fallbacks));
        return new RoutingTable(defaultRoute, defaultFallbacks, more);
    }

    /** The ordered chain for a step: primary first, then its fallbacks, without repeats. */
    public List<Route> chain(Step step) {
        StepRoutes own = steps.get(step);
        List<Route> chain = new ArrayList<>();
        chain.add(own == null ? defaultRoute : own.primary());
        chain.addAll(own == null || own.fallbacks() == null ? defaultFallbacks : own.fallbacks());
        return chain.stream().distinct().toList();
    }

    /** Every provider any chain names, to check at startup that each is configured. */
    public List<String> providersNamed() {
        List<Route> all = new ArrayList<>();
        all.add(defaultRoute);
        all.addAll(defaultFallbacks);
        steps.values().forEach(s -> {
            all.add(s.primary());
            if (s.fallbacks() != null) {
                all.addAll(s.fallbacks());
            }
        });
        return all.stream().map(Route::provider).distinct().toList();
    }
}
