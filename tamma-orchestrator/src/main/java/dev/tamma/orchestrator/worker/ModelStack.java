package dev.tamma.orchestrator.worker;

import dev.tamma.core.ai.AiCallRecorder;
import dev.tamma.core.ai.AiProvider;
import dev.tamma.providers.ProviderCatalog;
import dev.tamma.providers.ProviderFactory;
import dev.tamma.providers.ProviderSettings;
import dev.tamma.providers.cost.PriceTable;
import dev.tamma.providers.cost.SpendLedger;
import dev.tamma.providers.langchain4j.ApiKeys;
import dev.tamma.providers.routing.ProviderStack;
import dev.tamma.providers.routing.ProvidersConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The models in-process workers talk to, read from {@code tamma.ai.config}: the endpoints, the
 * routes per step, the budget and resilience, each call metered, priced and recorded.
 */
record ModelStack(AiProvider router, List<ProviderSettings> endpoints, PriceTable prices) {

    static ModelStack from(AiProperties properties, Map<String, String> environment, AiCallRecorder recorder,
            SpendLedger ledger, ScheduledExecutorService scheduler, Clock clock) {
        if (properties.config() == null) {
            throw new IllegalStateException("tamma.ai.config is required for in-process workers: a YAML file with an"
                    + " 'endpoints:' list and a 'providers:' section naming the default {provider, model}"
                    + " (see docs/providers.md)");
        }
        String yaml;
        try {
            yaml = Files.readString(properties.config());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tamma.ai.config " + properties.config(), e);
        }
        List<ProviderSettings> endpoints = ProviderCatalog.parseYaml(yaml);
        ProvidersConfig routes = ProvidersConfig.parseYaml(yaml);
        PriceTable prices = properties.prices() == null ? PriceTable.defaults() : PriceTable.defaultsWith(properties.prices());
        AiProvider router = ProviderStack.build(endpoints, routes, new ProviderFactory(new ApiKeys(environment), clock),
                prices, workflow -> routes.budget(), ledger, recorder, scheduler, clock);
        return new ModelStack(router, endpoints, prices);
    }
}
