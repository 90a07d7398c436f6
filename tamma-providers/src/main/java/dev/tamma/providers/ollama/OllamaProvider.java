package dev.tamma.providers.ollama;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.tamma.providers.ProviderSettings;
import dev.tamma.providers.langchain4j.ApiKeys;
import dev.tamma.providers.langchain4j.LangChain4jProvider;
import dev.tamma.providers.langchain4j.VendorHttpClient;
import java.time.Clock;

/** Local models through Ollama's {@code /api/chat}, via LangChain4j's {@link OllamaChatModel}. No key. */
public final class OllamaProvider extends LangChain4jProvider {

    public static final String TYPE = "ollama";
    public static final String DEFAULT_BASE_URL = "http://localhost:11434";

    private OllamaProvider(ProviderSettings settings, Clock clock) {
        super(settings, null, clock);
    }

    public static OllamaProvider create(ProviderSettings settings, ApiKeys keys, Clock clock) {
        return new OllamaProvider(settings, clock);
    }

    @Override
    protected ChatModel buildModel(String modelName) {
        return OllamaChatModel.builder()
                .httpClientBuilder(VendorHttpClient.builder(clock))
                .baseUrl(settings.baseUrlOr(DEFAULT_BASE_URL))
                .modelName(modelName)
                .timeout(settings.timeout())
                .maxRetries(0)
                .build();
    }
}
