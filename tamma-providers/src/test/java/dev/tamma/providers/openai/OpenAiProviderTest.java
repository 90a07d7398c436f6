package dev.tamma.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.ai.TokenUsage;
import dev.tamma.providers.ProviderSettings;
import dev.tamma.providers.testing.VendorContract;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpenAiProviderTest extends VendorContract {

    @Override
    protected ProviderSettings settings(String serverUrl) {
        return ProviderSettings.of("openai", "openai").withBaseUrl(serverUrl + "/v1");
    }

    @Override
    protected String keyVariable() {
        return "OPENAI_API_KEY";
    }

    @Override
    protected String path(String model) {
        return "/v1/chat/completions";
    }

    @Override
    protected String model() {
        return "gpt-4.1";
    }

    @Override
    protected String textAnswer() {
        return OpenAiWireFormat.textAnswer("gpt-4.1-2025-04-14");
    }

    @Override
    protected TokenUsage textAnswerUsage() {
        return OpenAiWireFormat.TEXT_USAGE;
    }

    @Override
    protected String toolCallAnswer() {
        return OpenAiWireFormat.toolCallAnswer("gpt-4.1-2025-04-14");
    }

    @Override
    protected String jsonAnswer(String json) {
        return OpenAiWireFormat.jsonAnswer("gpt-4.1-2025-04-14", json);
    }

    @Override
    protected String errorBody(int status, String message) {
        return OpenAiWireFormat.errorBody(status, message);
    }

    @Override
    protected void assertMessages(JsonNode request) {
        OpenAiWireFormat.assertMessages(request, "gpt-4.1");
        assertThat(lastLoggedRequest().getHeader("Authorization")).isEqualTo("Bearer " + KEY);
    }

    @Override
    protected void assertTools(JsonNode request) {
        OpenAiWireFormat.assertTools(request);
    }

    @Override
    protected void assertSchema(JsonNode request) {
        OpenAiWireFormat.assertSchema(request);
    }

    @Test
    void answeringModelIsTheOneTheVendorNamed() {
        answer(200, textAnswer(), Map.of());
        assertThat(provider().chat(conversation()).model()).isEqualTo("gpt-4.1-2025-04-14");
    }

    @Test
    void retryAfterMillisecondsHeaderWinsOverSeconds() {
        answer(429, errorBody(429, "slow down"), Map.of("retry-after-ms", "1500", "Retry-After", "2"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> provider().chat(conversation()))
                .isInstanceOfSatisfying(dev.tamma.core.ai.AiCallException.class,
                        e -> assertThat(e.retryAfter()).contains(java.time.Duration.ofMillis(1500)));
    }

    @Test
    void strictStructuredOutputOnlyWhenEveryPropertyIsRequired() {
        answer(200, jsonAnswer("{\"summary\":\"s\",\"risk\":\"low\"}"), Map.of());
        provider().chat(conversation().withResponseFormat(PLAN_FORMAT));
        assertThat(lastRequest().path("response_format").path("json_schema").path("strict").asBoolean(false)).isTrue();

        dev.tamma.core.ai.ResponseFormat loose = new dev.tamma.core.ai.ResponseFormat("notes",
                dev.tamma.core.ai.JsonSchema.object().with("summary", dev.tamma.core.ai.JsonSchema.string("s"), true)
                        .with("detail", dev.tamma.core.ai.JsonSchema.string("optional"), false));
        provider().chat(conversation().withResponseFormat(loose));
        assertThat(lastRequest().path("response_format").path("json_schema").path("strict").asBoolean(false)).isFalse();
    }

    @Test
    void anExhaustedQuotaIsNotWaitedForEvenWithARetryAfterHeader() {
        answer(429, """
                {"error": {"message": "You exceeded your current quota, please check your plan and billing details.",
                           "type": "insufficient_quota", "param": null, "code": "insufficient_quota"}}
                """, Map.of("Retry-After", "1"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> provider().chat(conversation()))
                .isInstanceOfSatisfying(dev.tamma.core.ai.AiCallException.class,
                        e -> assertThat(e.retryAfter()).contains(java.time.Duration.ofDays(1)));
    }
}
