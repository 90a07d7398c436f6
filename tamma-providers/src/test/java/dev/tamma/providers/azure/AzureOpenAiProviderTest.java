package dev.tamma.providers.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpClientProvider;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.tamma.core.ai.AiProvider;
import dev.tamma.providers.ProviderFactory;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import dev.tamma.providers.langchain4j.ApiKeys;
import java.util.Map;
import org.junit.jupiter.api.Test;

import dev.tamma.providers.ProviderSettings;
import dev.tamma.providers.openai.OpenAiShapedContract;
import tools.jackson.databind.JsonNode;

/**
 * Azure OpenAI: {@code POST /openai/deployments/<deployment>/chat/completions?api-version=...},
 * key in {@code api-key}; the step's "model" is the deployment name.
 */
class AzureOpenAiProviderTest extends OpenAiShapedContract {

    /** The SDK sends keys over HTTPS only, so this test talks to the local server's HTTPS port and trusts its certificate. */
    @Override
    protected WireMockConfiguration serverConfig() {
        return super.serverConfig().dynamicHttpsPort();
    }

    @Override
    protected AiProvider provider() {
        HttpClientProvider trustingLocalServer = new HttpClientProvider() {
            @Override
            public HttpClient createInstance() {
                try {
                    SslContext trustAll = SslContextBuilder.forClient()
                            .trustManager(InsecureTrustManagerFactory.INSTANCE).build();
                    return new NettyAsyncHttpClientBuilder(reactor.netty.http.client.HttpClient.create()
                            .secure(spec -> spec.sslContext(trustAll))).build();
                } catch (javax.net.ssl.SSLException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        return AzureOpenAiProvider.create(settings(server.baseUrl()), new ApiKeys(Map.of(keyVariable(), KEY)), clock,
                trustingLocalServer);
    }

    @Override
    protected ProviderSettings settings(String serverUrl) {
        return ProviderSettings.of("azure", "azure-openai").withBaseUrl("https://localhost:" + server.httpsPort())
                .withOption("apiVersion", "2024-06-01");
    }

    @Override
    protected String keyVariable() {
        return "AZURE_OPENAI_API_KEY";
    }

    @Override
    protected String path(String model) {
        return "/openai/deployments/" + model + "/chat/completions";
    }

    @Override
    protected String model() {
        return "tamma-gpt-4o";
    }

    /** LangChain4j's Azure model reports prompt and completion tokens only, not the cached part. */
    @Override
    protected dev.tamma.core.ai.TokenUsage textAnswerUsage() {
        return new dev.tamma.core.ai.TokenUsage(1200, 300, 0);
    }

    @Override
    protected void assertMessages(JsonNode request) {
        assertThat(request.path("messages").get(0).path("role").asString()).isEqualTo("system");
        assertThat(request.path("messages").get(0).path("content").asString()).isEqualTo("You are Tamma's planner.");
        assertThat(request.path("messages").get(1).path("content").asString()).isEqualTo("Plan issue 42: add a greeting");
        assertThat(lastLoggedRequest().getHeader("api-key")).isEqualTo(KEY);
        assertThat(lastLoggedRequest().queryParameter("api-version").firstValue()).isEqualTo("2024-06-01");
    }

    @Test
    void anUnknownApiVersionIsAStartupErrorListingTheKnownOnes() {
        assertThatThrownBy(() -> new ProviderFactory(new ApiKeys(Map.of(keyVariable(), KEY)), clock)
                .create(settings(server.baseUrl()).withOption("apiVersion", "2099-01-01")))
                .hasMessageContaining("providers.azure.options.apiVersion '2099-01-01'")
                .hasMessageContaining("2024-06-01");
    }
}
