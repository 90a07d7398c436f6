package dev.tamma.providers.openrouter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.providers.ProviderSettings;
import dev.tamma.providers.openai.OpenAiShapedContract;
import tools.jackson.databind.JsonNode;

/** OpenRouter: OpenAI's format under {@code /api/v1}, {@code vendor/model} names, attribution headers. */
class OpenRouterProviderTest extends OpenAiShapedContract {

    @Override
    protected ProviderSettings settings(String serverUrl) {
        return ProviderSettings.of("openrouter", "openrouter").withBaseUrl(serverUrl + "/api/v1")
                .withOption("title", "Tamma test");
    }

    @Override
    protected String keyVariable() {
        return "OPENROUTER_API_KEY";
    }

    @Override
    protected String path(String model) {
        return "/api/v1/chat/completions";
    }

    @Override
    protected String model() {
        return "anthropic/claude-sonnet-4.5";
    }

    @Override
    protected void assertMessages(JsonNode request) {
        super.assertMessages(request);
        assertThat(lastLoggedRequest().getHeader("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(lastLoggedRequest().getHeader("X-Title")).isEqualTo("Tamma test");
        assertThat(lastLoggedRequest().getHeader("HTTP-Referer")).startsWith("https://");
    }
}
