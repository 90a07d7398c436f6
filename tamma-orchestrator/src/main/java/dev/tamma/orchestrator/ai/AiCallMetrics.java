package dev.tamma.orchestrator.ai;

import dev.tamma.core.ai.AiCallRecorded;
import dev.tamma.orchestrator.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Spend, tokens and calls as they are recorded, by provider, model and step; the names are listed
 * in docs/operations.md. Each replica counts the calls it stored, so sum across replicas.
 */
@Component
public class AiCallMetrics {


    private final MeterRegistry registry;

    public AiCallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void recorded(AiCallRecorded call) {
        String provider = call.provider();
        String model = call.model();
        String step = call.context().step().slug();
        Counter.builder(MetricNames.AI_COST).baseUnit("usd").description("What AI calls cost by the price table, in dollars")
                .tags("provider", provider, "model", model, "step", step)
                .register(registry).increment(call.costUsd().doubleValue());
        tokens(provider, model, step, "input", call.usage().inputTokens() - call.usage().cachedInputTokens());
        tokens(provider, model, step, "cached", call.usage().cachedInputTokens());
        tokens(provider, model, step, "output", call.usage().outputTokens());
        Counter.builder(MetricNames.AI_CALLS).description("AI calls by how they ended")
                .tags("provider", provider, "model", model, "step", step,
                        "outcome", call.outcome().name().toLowerCase(Locale.ROOT))
                .register(registry).increment();
        Timer.builder(MetricNames.AI_CALL_DURATION).description("From sending an AI call to its complete answer or failure")
                .tags("provider", provider, "model", model)
                .register(registry).record(call.latency());
    }

    private void tokens(String provider, String model, String step, String kind, long count) {
        Counter.builder(MetricNames.AI_TOKENS).baseUnit("tokens").description("Tokens of AI calls; input excludes cached input")
                .tags("provider", provider, "model", model, "step", step, "kind", kind)
                .register(registry).increment(count);
    }
}
