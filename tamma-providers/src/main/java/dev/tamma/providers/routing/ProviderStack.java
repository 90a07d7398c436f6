package dev.tamma.providers.routing;

import dev.tamma.core.ai.AiCallRecorder;
import dev.tamma.core.ai.AiProvider;
import dev.tamma.core.ai.Budget;
import dev.tamma.providers.ProviderFactory;
import dev.tamma.providers.ProviderSettings;
import dev.tamma.providers.cost.MeteredProvider;
import dev.tamma.providers.cost.PriceTable;
import dev.tamma.providers.cost.SpendLedger;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * Assembles what a worker hands its steps: every configured provider, metered (budget checked and
 * call recorded on every attempt) inside its resilience policy, behind the router.
 */
public final class ProviderStack {

    private ProviderStack() {
    }

    /**
     * Every configured provider by id, metered inside its resilience policy: built once per worker,
     * and shared by the {@link RoutedProvider} of every task, so circuits, rate limits and connections
     * are the server's whatever a repository routes.
     */
    public static Map<String, AiProvider> endpoints(List<ProviderSettings> settings, ProvidersConfig config,
            ProviderFactory factory, PriceTable prices, Function<String, Budget> budgets, SpendLedger ledger,
            AiCallRecorder recorder, ScheduledExecutorService scheduler, Clock clock) {
        Map<String, AiProvider> providers = new HashMap<>();
        for (ProviderSettings each : settings) {
            if (providers.containsKey(each.id())) {
                throw new IllegalArgumentException("providers." + each.id() + " is configured twice");
            }
            providers.put(each.id(), wrap(factory.create(each), each.type(), config.policyFor(each.id()), prices,
                    budgets, ledger, recorder, scheduler, clock));
        }
        return Map.copyOf(providers);
    }

    /** One provider with its metering and resilience. */
    public static AiProvider wrap(AiProvider provider, String priceKey, ResiliencePolicy policy, PriceTable prices,
            Function<String, Budget> budgets, SpendLedger ledger, AiCallRecorder recorder,
            ScheduledExecutorService scheduler, Clock clock) {
        AiProvider metered = new MeteredProvider(provider, priceKey, prices, budgets, ledger, recorder, clock);
        return new ResilientProvider(metered, policy, scheduler, clock);
    }
}
