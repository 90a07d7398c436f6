package dev.tamma.providers.mistral;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.mistralai.MistralAiChatModel;
import dev.tamma.providers.ProviderSettings;
import dev.tamma.providers.langchain4j.ApiKeys;
import dev.tamma.providers.langchain4j.LangChain4jProvider;
import dev.tamma.providers.langchain4j.VendorHttpClient;
import java.time.Clock;

/** Mistral's {@code /v1/chat/completions} through LangChain4j's {@link MistralAiChatModel}. */
public final class MistralProvider extends LangChain4jProvider {

    public static final String TYPE = "mistral";
    public static final String DEFAULT_BASE_URL = "https://api.mistral.ai/v1";
    public static final String KEY_VARIABLE = "MISTRAL_API_KEY";

    private MistralProvider(ProviderSettings settings, String apiKey, Clock clock) {
        super(settings, apiKey, clock);
    }

    public static MistralProvider create(ProviderSettings settings, ApiKeys keys, Clock clock) {
        return new MistralProvider(settings, keys.require(settings.id(), settings.apiKeyEnvOr(KEY_VARIABLE)), clock);
    }

    @Override
    protected ChatModel buildModel(String modelName) {
        return MistralAiChatModel.builder()
                .httpClientBuilder(VendorHttpClient.builder(clock))
                .baseUrl(settings.baseUrlOr(DEFAULT_BASE_URL))
                .apiKey(apiKey)
                .modelName(modelName)
                .timeout(settings.timeout())
                .maxRetries(0)
                .build();
    }
}
