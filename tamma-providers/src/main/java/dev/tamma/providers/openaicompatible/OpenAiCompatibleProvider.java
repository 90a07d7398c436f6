package dev.tamma.providers.openaicompatible;

import dev.tamma.providers.ProviderSettings;
import dev.tamma.providers.langchain4j.ApiKeys;
import dev.tamma.providers.openai.OpenAiProvider;
import java.time.Clock;
import java.util.Map;

/**
 * Any endpoint that speaks OpenAI's Chat Completions: z.ai, GitHub Models, vLLM, LM Studio. The
 * base URL is required; the key is optional (local servers often take none), but when
 * {@code apiKeyEnv} is set the variable must hold one.
 */
public final class OpenAiCompatibleProvider extends OpenAiProvider {

    public static final String TYPE = "openai-compatible";

    private OpenAiCompatibleProvider(ProviderSettings settings, String apiKey, Clock clock) {
        super(settings, settings.baseUrl(), apiKey, Map.of(), clock);
    }

    public static OpenAiCompatibleProvider create(ProviderSettings settings, ApiKeys keys, Clock clock) {
        if (settings.baseUrl() == null) {
            throw new IllegalArgumentException("providers." + settings.id()
                    + ".baseUrl is required for an openai-compatible provider");
        }
        String key = settings.apiKeyEnv() == null ? null : keys.require(settings.id(), settings.apiKeyEnv());
        return new OpenAiCompatibleProvider(settings, key, clock);
    }
}
