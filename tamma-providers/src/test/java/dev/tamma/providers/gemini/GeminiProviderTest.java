package dev.tamma.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.ai.TokenUsage;
import dev.tamma.providers.ProviderSettings;
import dev.tamma.providers.testing.VendorContract;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Gemini's {@code POST /v1beta/models/<model>:generateContent}; errors as {@code {"error":{"code","message","status"}}}. */
class GeminiProviderTest extends VendorContract {

    private static final String MODEL = "gemini-2.5-flash";

    @Override
    protected ProviderSettings settings(String serverUrl) {
        return ProviderSettings.of("gemini", "gemini").withBaseUrl(serverUrl + "/v1beta");
    }

    @Override
    protected String keyVariable() {
        return "GEMINI_API_KEY";
    }

    @Override
    protected String path(String model) {
        return "/v1beta/models/" + model + ":generateContent";
    }

    @Override
    protected String model() {
        return MODEL;
    }

    @Override
    protected String textAnswer() {
        return """
                {"candidates": [{"content": {"parts": [{"text": "Hello from the model"}], "role": "model"},
                                 "finishReason": "STOP", "index": 0}],
                 "usageMetadata": {"promptTokenCount": 1200, "candidatesTokenCount": 300, "totalTokenCount": 1500,
                                   "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 1200}]},
                 "modelVersion": "gemini-2.5-flash", "responseId": "mTnRaNOLBK2pz7IPrZCm0Ao"}
                """;
    }

    @Override
    protected TokenUsage textAnswerUsage() {
        return new TokenUsage(1200, 300, 0);
    }

    @Override
    protected String toolCallAnswer() {
        return """
                {"candidates": [{"content": {"parts": [{"functionCall": {"name": "read_file",
                                                                         "args": {"path": "README.md"}}}],
                                             "role": "model"},
                                 "finishReason": "STOP", "index": 0}],
                 "usageMetadata": {"promptTokenCount": 80, "candidatesTokenCount": 15, "totalTokenCount": 95},
                 "modelVersion": "gemini-2.5-flash"}
                """;
    }

    @Override
    protected String jsonAnswer(String json) {
        return """
                {"candidates": [{"content": {"parts": [{"text": %s}], "role": "model"}, "finishReason": "STOP"}],
                 "usageMetadata": {"promptTokenCount": 50, "candidatesTokenCount": 12, "totalTokenCount": 62}}
                """.formatted(JSON.writeValueAsString(json));
    }

    @Override
    protected String errorBody(int status, String message) {
        String state = switch (status) {
            case 429 -> "RESOURCE_EXHAUSTED";
            case 503 -> "UNAVAILABLE";
            case 401 -> "UNAUTHENTICATED";
            default -> "INTERNAL";
        };
        return """
                {"error": {"code": %d, "message": %s, "status": "%s"}}
                """.formatted(status, JSON.writeValueAsString(message), state);
    }

    @Override
    protected void assertMessages(JsonNode request) {
        assertThat(request.path("systemInstruction").toString()).contains("You are Tamma's planner.");
        assertThat(request.path("contents").get(0).path("role").asString()).isEqualTo("user");
        assertThat(request.path("contents").get(0).path("parts").get(0).path("text").asString())
                .isEqualTo("Plan issue 42: add a greeting");
        assertThat(request.path("generationConfig").path("maxOutputTokens").asInt()).isEqualTo(512);
        assertThat(lastLoggedRequest().getHeader("x-goog-api-key")).isEqualTo(KEY);
    }

    @Override
    protected void assertTools(JsonNode request) {
        JsonNode function = request.path("tools").get(0).path("functionDeclarations").get(0);
        assertThat(function.path("name").asString()).isEqualTo("read_file");
        assertThat(function.path("parameters").path("properties").path("path").path("type").asString())
                .isEqualToIgnoringCase("string");
        assertThat(function.path("parameters").path("required").toString()).isEqualTo("[\"path\"]");
    }

    @Override
    protected void assertSchema(JsonNode request) {
        JsonNode config = request.path("generationConfig");
        assertThat(config.path("responseMimeType").asString()).isEqualTo("application/json");
        JsonNode schema = config.path("responseSchema");
        assertThat(schema.path("type").asString()).isEqualToIgnoringCase("object");
        assertThat(schema.path("properties").path("risk").path("enum").toString()).isEqualTo("[\"low\",\"high\"]");
        assertThat(schema.path("required").toString()).isEqualTo("[\"summary\",\"risk\"]");
    }

    @Test
    void aRateLimitWithoutRetryAfterHeaderUsesTheRetryInfoInTheBody() {
        answer(429, """
                {"error": {"code": 429, "message": "You exceeded your current quota.", "status": "RESOURCE_EXHAUSTED",
                  "details": [{"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": []},
                              {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "12.5s"}]}}
                """, java.util.Map.of());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> provider().chat(conversation()))
                .isInstanceOfSatisfying(dev.tamma.core.ai.AiCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(dev.tamma.core.ai.AiCallException.Kind.RATE_LIMITED);
                    assertThat(e.retryAfter()).contains(java.time.Duration.ofMillis(12500));
                });
    }
}
