package dev.tamma.providers.openrouter;

import dev.tamma.providers.ProviderSettings;
import dev.tamma.providers.langchain4j.ApiKeys;
import dev.tamma.providers.openai.OpenAiProvider;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OpenRouter: OpenAI's wire format at {@code https://openrouter.ai/api/v1}, models named
 * {@code vendor/model}. Sends the optional {@code HTTP-Referer} and {@code X-Title} headers
 * OpenRouter uses to attribute traffic.
 */
public final class OpenRouterProvider extends OpenAiProvider {

    public static final String TYPE = "openrouter";
    public static final String DEFAULT_BASE_URL = "https://openrouter.ai/api/v1";
    public static final String KEY_VARIABLE = "OPENROUTER_API_KEY";

    private OpenRouterProvider(ProviderSettings settings, String apiKey, Map<String, String> headers, Clock clock) {
        super(settings, settings.baseUrlOr(DEFAULT_BASE_URL), apiKey, headers, clock);
    }

    public static OpenRouterProvider create(ProviderSettings settings, ApiKeys keys, Clock clock) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("HTTP-Referer", settings.options().getOrDefault("referer", "https://github.com/tamma-dev/tamma"));
        headers.put("X-Title", settings.options().getOrDefault("title", "Tamma"));
        return new OpenRouterProvider(settings, keys.require(settings.id(), settings.apiKeyEnvOr(KEY_VARIABLE)),
                headers, clock);
    }
}
