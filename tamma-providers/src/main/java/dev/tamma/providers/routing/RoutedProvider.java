package dev.tamma.providers.routing;

import dev.tamma.core.ai.AiCallException;
import dev.tamma.core.ai.AiProvider;
import dev.tamma.core.ai.ChatRequest;
import dev.tamma.core.ai.ChatResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The provider steps talk to: sends each request along its step's chain in the
 * {@link RoutingTable}, moving to the next route when a call fails in a way another vendor may
 * not (open circuit, 5xx, 529, 429 after retries, a refused slot, a malformed answer). Failures no
 * other route can help (bad key, bad request, spent budget) stop at once.
 */
public final class RoutedProvider implements AiProvider {

    public static final String ID = "router";

    private final RoutingTable table;
    private final Map<String, AiProvider> providers;

    public RoutedProvider(RoutingTable table, Map<String, AiProvider> providers) {
        this.table = Objects.requireNonNull(table, "table");
        this.providers = Map.copyOf(providers);
        List<String> missing = table.providersNamed().stream().filter(p -> !this.providers.containsKey(p)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("providers routes name providers that are not configured: " + missing
                    + " (configured: " + this.providers.keySet().stream().sorted().toList() + ")");
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ChatResult chat(ChatRequest request) {
        List<Route> chain = table.chain(request.context().step());
        List<String> tried = new ArrayList<>();
        AiCallException last = null;
        for (Route route : chain) {
            try {
                return providers.get(route.provider()).chat(request.withModel(route.model()));
            } catch (AiCallException failure) {
                if (!failure.kind().fallbackWorthy()) {
                    throw failure;
                }
                tried.add(route + " (" + failure.kind() + ")");
                last = failure;
            }
        }
        throw new AiCallException(last.provider(), last.kind(), last.httpStatus(), last.retryAfter().orElse(null),
                "every route for step " + request.context().step().slug() + " failed: " + String.join(", ", tried),
                last);
    }
}
