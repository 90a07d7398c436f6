package dev.tamma.worker.step;

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
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The models a worker talks to, read from an AI config file: the endpoints, the routes per step,
 * the budget and resilience, each call metered, priced and recorded.
 */
record ModelStack(AiProvider router, List<ProviderSettings> endpoints, PriceTable prices) {

    /** {@code prices}: a YAML file overriding the shipped price table, or {@code null}. */
    static ModelStack from(Path config, Path prices, Map<String, String> environment, AiCallRecorder recorder,
            SpendLedger ledger, ScheduledExecutorService scheduler, Clock clock) {
        String yaml;
        try {
            yaml = Files.readString(config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the AI config " + config, e);
        }
        List<ProviderSettings> endpoints = ProviderCatalog.parseYaml(yaml);
        ProvidersConfig routes = ProvidersConfig.parseYaml(yaml);
        PriceTable table = prices == null ? PriceTable.defaults() : PriceTable.defaultsWith(prices);
        AiProvider router = ProviderStack.build(endpoints, routes, new ProviderFactory(new ApiKeys(environment), clock),
                table, workflow -> routes.budget(), ledger, recorder, scheduler, clock);
        return new ModelStack(router, endpoints, table);
    }
}
