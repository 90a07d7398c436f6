package dev.tamma.providers.openaicompatible;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tamma.providers.ProviderFactory;
import dev.tamma.providers.ProviderSettings;
import dev.tamma.providers.langchain4j.ApiKeys;
import dev.tamma.providers.openai.OpenAiShapedContract;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Any OpenAI-compatible server by base URL (here shaped like z.ai's {@code /api/paas/v4}). */
class OpenAiCompatibleProviderTest extends OpenAiShapedContract {

    @Override
    protected ProviderSettings settings(String serverUrl) {
        return ProviderSettings.of("zai", "openai-compatible").withBaseUrl(serverUrl + "/api/paas/v4")
                .withApiKeyEnv("ZAI_API_KEY");
    }

    @Override
    protected String keyVariable() {
        return "ZAI_API_KEY";
    }

    @Override
    protected String path(String model) {
        return "/api/paas/v4/chat/completions";
    }

    @Override
    protected String model() {
        return "glm-4.6";
    }

    @Override
    protected void assertMessages(JsonNode request) {
        super.assertMessages(request);
        assertThat(lastLoggedRequest().getHeader("Authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void aLocalServerNeedsNoKey() {
        answer(200, textAnswer(), Map.of());
        var local = new ProviderFactory(new ApiKeys(Map.of()), clock)
                .create(ProviderSettings.of("lmstudio", "openai-compatible").withBaseUrl(server.baseUrl() + "/api/paas/v4"));

        assertThat(local.chat(conversation()).text()).isEqualTo("Hello from the model");
        assertThat(lastLoggedRequest().containsHeader("Authorization")).isFalse();
    }

    @Test
    void theBaseUrlIsRequired() {
        assertThatThrownBy(() -> new ProviderFactory(new ApiKeys(Map.of()), clock)
                .create(ProviderSettings.of("vllm", "openai-compatible")))
                .hasMessageContaining("providers.vllm.baseUrl is required");
    }
}
