package dev.tamma.providers.anthropic;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicTokenUsage;
import dev.langchain4j.model.chat.ChatModel;
import dev.tamma.core.ai.TokenUsage;
import dev.tamma.providers.ProviderSettings;
import dev.tamma.providers.langchain4j.ApiKeys;
import dev.tamma.providers.langchain4j.LangChain4jProvider;
import dev.tamma.providers.langchain4j.VendorHttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** Anthropic's Messages API through LangChain4j's {@link AnthropicChatModel}. */
public final class AnthropicProvider extends LangChain4jProvider {

    public static final String TYPE = "anthropic";
    public static final String DEFAULT_BASE_URL = "https://api.anthropic.com/v1/";
    public static final String KEY_VARIABLE = "ANTHROPIC_API_KEY";

    private AnthropicProvider(ProviderSettings settings, String apiKey, Clock clock) {
        super(settings, apiKey, clock);
    }

    public static AnthropicProvider create(ProviderSettings settings, ApiKeys keys, Clock clock) {
        return new AnthropicProvider(settings, keys.require(settings.id(), settings.apiKeyEnvOr(KEY_VARIABLE)), clock);
    }

    @Override
    protected ChatModel buildModel(String modelName) {
        return AnthropicChatModel.builder()
                .httpClientBuilder(VendorHttpClient.builder(clock))
                .baseUrl(settings.baseUrlOr(DEFAULT_BASE_URL))
                .apiKey(apiKey)
                .modelName(modelName)
                .timeout(settings.timeout())
                .maxRetries(0)
                .build();
    }

    /**
     * A 429 whose {@code error.details.error_code} is {@code enforced_spend_limit_reached} is the
     * organisation's monthly spend limit, not a rate limit: it carries no {@code retry-after} and
     * waiting does not help, so it asks for a day's wait, which the retry policy refuses and the
     * router answers by falling back.
     */
    @Override
    protected Optional<Duration> retryAfterFromBody(String body) {
        return body != null && body.contains("enforced_spend_limit_reached") ? Optional.of(Duration.ofDays(1))
                : Optional.empty();
    }

    /**
     * Anthropic counts cache reads and cache writes apart from {@code input_tokens}; Tamma's input
     * count includes them, and the cached count is the cache reads.
     */
    @Override
    protected TokenUsage usage(dev.langchain4j.model.output.TokenUsage usage) {
        if (usage instanceof AnthropicTokenUsage anthropic) {
            long read = orZero(anthropic.cacheReadInputTokens());
            long written = orZero(anthropic.cacheCreationInputTokens());
            return new TokenUsage(orZero(usage.inputTokenCount()) + read + written, orZero(usage.outputTokenCount()), read);
        }
        return super.usage(usage);
    }
}
