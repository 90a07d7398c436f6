package dev.tamma.providers.gemini;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.tamma.providers.ProviderSettings;
import dev.tamma.providers.langchain4j.ApiKeys;
import dev.tamma.providers.langchain4j.LangChain4jProvider;
import dev.tamma.providers.langchain4j.VendorHttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Google's Gemini API ({@code models/<model>:generateContent}) through LangChain4j's {@link GoogleAiGeminiChatModel}. */
public final class GeminiProvider extends LangChain4jProvider {

    public static final String TYPE = "gemini";
    public static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com/v1beta";
    public static final String KEY_VARIABLE = "GEMINI_API_KEY";

    private static final Pattern RETRY_DELAY = Pattern.compile(
            "google\\.rpc\\.RetryInfo\"[^}]*?\"retryDelay\"\\s*:\\s*\"([0-9.]+)s\"");

    private GeminiProvider(ProviderSettings settings, String apiKey, Clock clock) {
        super(settings, apiKey, clock);
    }

    public static GeminiProvider create(ProviderSettings settings, ApiKeys keys, Clock clock) {
        return new GeminiProvider(settings, keys.require(settings.id(), settings.apiKeyEnvOr(KEY_VARIABLE)), clock);
    }

    /**
     * Gemini states how long to wait in the error body, as a {@code google.rpc.RetryInfo} detail:
     * {@code {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "7s"}}.
     */
    @Override
    protected Optional<Duration> retryAfterFromBody(String body) {
        Matcher delay = RETRY_DELAY.matcher(body == null ? "" : body);
        if (!delay.find()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis((long) (Double.parseDouble(delay.group(1)) * 1000)));
    }

    @Override
    protected ChatModel buildModel(String modelName) {
        return GoogleAiGeminiChatModel.builder()
                .httpClientBuilder(VendorHttpClient.builder(clock))
                .baseUrl(settings.baseUrlOr(DEFAULT_BASE_URL))
                .apiKey(apiKey)
                .modelName(modelName)
                .timeout(settings.timeout())
                .maxRetries(0)
                .build();
    }
}
