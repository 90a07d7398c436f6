package dev.tamma.providers.openai;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.tamma.core.ai.ChatRequest;
import dev.tamma.core.ai.JsonSchema;
import dev.tamma.core.ai.TokenUsage;
import dev.tamma.providers.ProviderSettings;
import dev.tamma.providers.langchain4j.ApiKeys;
import dev.tamma.providers.langchain4j.LangChain4jProvider;
import dev.tamma.providers.langchain4j.VendorHttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Map;

/**
 * OpenAI's Chat Completions API through LangChain4j's {@link OpenAiChatModel}; the base for
 * OpenRouter and any OpenAI-compatible endpoint, which speak the same wire format.
 */
public class OpenAiProvider extends LangChain4jProvider {

    public static final String TYPE = "openai";
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    public static final String KEY_VARIABLE = "OPENAI_API_KEY";

    private final String baseUrl;
    private final Map<String, String> headers;

    protected OpenAiProvider(ProviderSettings settings, String baseUrl, String apiKey, Map<String, String> headers,
            Clock clock) {
        super(settings, apiKey, clock);
        this.baseUrl = baseUrl;
        this.headers = Map.copyOf(headers);
    }

    public static OpenAiProvider create(ProviderSettings settings, ApiKeys keys, Clock clock) {
        return new OpenAiProvider(settings, settings.baseUrlOr(DEFAULT_BASE_URL),
                keys.require(settings.id(), settings.apiKeyEnvOr(KEY_VARIABLE)), Map.of(), clock);
    }

    private static final String STRICT = "strict";

    /**
     * OpenAI's strict structured output needs every property of every object required; a schema
     * with optional properties is sent without {@code strict}, and the answer is still checked to
     * be JSON.
     */
    @Override
    protected String variant(ChatRequest request) {
        return request.responseFormat() != null && allRequired(request.responseFormat().schema()) ? STRICT : "";
    }

    private static boolean allRequired(JsonSchema schema) {
        return switch (schema) {
            case JsonSchema.ObjectSchema object -> object.required().size() == object.properties().size()
                    && object.properties().values().stream().allMatch(OpenAiProvider::allRequired);
            case JsonSchema.ArraySchema array -> allRequired(array.items());
            default -> true;
        };
    }

    @Override
    protected ChatModel buildModel(String modelName) {
        return buildModel(modelName, "");
    }

    @Override
    protected ChatModel buildModel(String modelName, String variant) {
        var builder = OpenAiChatModel.builder()
                .httpClientBuilder(VendorHttpClient.builder(clock))
                .baseUrl(baseUrl)
                .modelName(modelName)
                .timeout(settings.timeout())
                .maxRetries(0)
                .strictJsonSchema(STRICT.equals(variant))
                .customHeaders(headers);
        if (apiKey != null) {
            builder.apiKey(apiKey);
        }
        return builder.build();
    }

    /**
     * A 429 with code {@code insufficient_quota} means the account is out of credit: waiting does
     * not help, so it asks for a day's wait, which the retry policy refuses and the router answers
     * by falling back.
     */
    @Override
    protected Optional<Duration> retryAfterFromBody(String body) {
        return body != null && body.contains("\"insufficient_quota\"") ? Optional.of(Duration.ofDays(1))
                : Optional.empty();
    }

    @Override
    protected TokenUsage usage(dev.langchain4j.model.output.TokenUsage usage) {
        TokenUsage plain = super.usage(usage);
        if (usage instanceof OpenAiTokenUsage openAi && openAi.inputTokensDetails() != null) {
            long cached = Math.min(orZero(openAi.inputTokensDetails().cachedTokens()), plain.inputTokens());
            return new TokenUsage(plain.inputTokens(), plain.outputTokens(), cached);
        }
        return plain;
    }
}
