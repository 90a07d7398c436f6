package dev.tamma.providers.azure;

import com.azure.ai.openai.OpenAIServiceVersion;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClientProvider;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpResponse;
import dev.langchain4j.model.azure.AzureOpenAiChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.tamma.core.ai.AiCallException;
import dev.tamma.providers.ProviderSettings;
import dev.tamma.providers.langchain4j.ApiKeys;
import dev.tamma.providers.langchain4j.LangChain4jProvider;
import dev.tamma.providers.langchain4j.RetryAfter;
import java.time.Clock;
import java.util.Optional;

/**
 * Azure OpenAI through LangChain4j's {@link AzureOpenAiChatModel} (the Azure SDK underneath). The
 * "model" a step names is the Azure deployment name; {@code baseUrl} is the resource endpoint
 * ({@code https://<resource>.openai.azure.com/}); {@code options.apiVersion} picks the API version.
 */
public final class AzureOpenAiProvider extends LangChain4jProvider {

    public static final String TYPE = "azure-openai";
    public static final String KEY_VARIABLE = "AZURE_OPENAI_API_KEY";

    private final HttpClientProvider httpClients;

    private AzureOpenAiProvider(ProviderSettings settings, String apiKey, Clock clock, HttpClientProvider httpClients) {
        super(settings, apiKey, clock);
        this.httpClients = httpClients;
    }

    public static AzureOpenAiProvider create(ProviderSettings settings, ApiKeys keys, Clock clock) {
        return create(settings, keys, clock, null);
    }

    /**
     * As {@link #create(ProviderSettings, ApiKeys, Clock)}, with the Azure SDK's HTTP client chosen by
     * the caller ({@code null} for the SDK's default). The SDK refuses to send a key over plain HTTP.
     */
    static AzureOpenAiProvider create(ProviderSettings settings, ApiKeys keys, Clock clock,
            HttpClientProvider httpClients) {
        if (settings.baseUrl() == null) {
            throw new IllegalArgumentException("providers." + settings.id()
                    + ".baseUrl is required for azure-openai: the resource endpoint, https://<resource>.openai.azure.com/");
        }
        String apiVersion = settings.option("apiVersion");
        if (apiVersion != null && java.util.Arrays.stream(OpenAIServiceVersion.values())
                .noneMatch(v -> v.getVersion().equals(apiVersion))) {
            throw new IllegalArgumentException("providers." + settings.id() + ".options.apiVersion '" + apiVersion
                    + "' is not one the Azure SDK supports: " + java.util.Arrays.stream(OpenAIServiceVersion.values())
                            .map(OpenAIServiceVersion::getVersion).toList());
        }
        return new AzureOpenAiProvider(settings, keys.require(settings.id(), settings.apiKeyEnvOr(KEY_VARIABLE)), clock,
                httpClients);
    }

    @Override
    protected ChatModel buildModel(String deployment) {
        var builder = AzureOpenAiChatModel.builder()
                .endpoint(settings.baseUrl())
                .apiKey(apiKey)
                .deploymentName(deployment)
                .timeout(settings.timeout())
                .maxRetries(0);
        if (httpClients != null) {
            builder.httpClientProvider(httpClients);
        }
        if (settings.option("apiVersion") != null) {
            builder.serviceVersion(settings.option("apiVersion"));
        }
        return builder.build();
    }

    /** The Azure SDK throws its own {@link HttpResponseException}, which carries the response headers. */
    @Override
    protected Optional<AiCallException> classifySpecific(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpResponseException azure && azure.getResponse() != null) {
                HttpResponse response = azure.getResponse();
                String retryAfterMs = response.getHeaders().getValue(HttpHeaderName.fromString("retry-after-ms"));
                String retryAfter = response.getHeaders().getValue(HttpHeaderName.RETRY_AFTER);
                var wait = retryAfterMs != null
                        ? RetryAfter.parse(String.valueOf(Double.parseDouble(retryAfterMs) / 1000), clock.instant())
                        : RetryAfter.parse(retryAfter, clock.instant());
                String body = azure.getValue() == null ? azure.getMessage() : String.valueOf(azure.getValue());
                return Optional.of(fromStatus(response.getStatusCode(), wait.orElse(null), body, failure));
            }
            if (t.getClass().getName().startsWith("com.azure.json.")) {
                return Optional.of(failure(AiCallException.Kind.MALFORMED_RESPONSE, 0, null,
                        "the answer is not Azure OpenAI's documented JSON: " + t.getMessage(), failure));
            }
        }
        return Optional.empty();
    }
}
