package dev.tamma.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.ai.TokenUsage;
import dev.tamma.providers.ProviderSettings;
import dev.tamma.providers.testing.VendorContract;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Anthropic's Messages API: {@code POST /v1/messages}, {@code x-api-key}, errors as {@code {"type":"error",...}}, 529 overloaded. */
class AnthropicProviderTest extends VendorContract {

    private static final String MODEL = "claude-sonnet-4-5";

    @Override
    protected ProviderSettings settings(String serverUrl) {
        return ProviderSettings.of("anthropic", "anthropic").withBaseUrl(serverUrl + "/v1/");
    }

    @Override
    protected String keyVariable() {
        return "ANTHROPIC_API_KEY";
    }

    @Override
    protected String path(String model) {
        return "/v1/messages";
    }

    @Override
    protected String model() {
        return MODEL;
    }

    @Override
    protected int overloadedStatus() {
        return 529;
    }

    @Override
    protected String textAnswer() {
        return """
                {"id": "msg_01XFDUDYJgAACzvnptvVoYEL", "type": "message", "role": "assistant",
                 "model": "claude-sonnet-4-5-20250929",
                 "content": [{"type": "text", "text": "Hello from the model"}],
                 "stop_reason": "end_turn", "stop_sequence": null,
                 "usage": {"input_tokens": 200, "output_tokens": 300, "cache_creation_input_tokens": 100,
                           "cache_read_input_tokens": 900}}
                """;
    }

    @Override
    protected TokenUsage textAnswerUsage() {
        // Anthropic's input_tokens excludes the cache: 200 + 100 written + 900 read
        return new TokenUsage(1200, 300, 900);
    }

    @Override
    protected String toolCallAnswer() {
        return """
                {"id": "msg_01Aq9w938a90dw8q", "type": "message", "role": "assistant",
                 "model": "claude-sonnet-4-5-20250929",
                 "content": [{"type": "text", "text": "I'll read the README first."},
                             {"type": "tool_use", "id": "toolu_01A09q90qw90lq917835lq9", "name": "read_file",
                              "input": {"path": "README.md"}}],
                 "stop_reason": "tool_use", "stop_sequence": null,
                 "usage": {"input_tokens": 472, "output_tokens": 91}}
                """;
    }

    @Override
    protected String jsonAnswer(String json) {
        return """
                {"id": "msg_json", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5-20250929",
                 "content": [{"type": "text", "text": %s}], "stop_reason": "end_turn", "stop_sequence": null,
                 "usage": {"input_tokens": 50, "output_tokens": 12}}
                """.formatted(JSON.writeValueAsString(json));
    }

    @Override
    protected String errorBody(int status, String message) {
        String type = switch (status) {
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            case 401 -> "authentication_error";
            default -> "api_error";
        };
        return """
                {"type": "error", "error": {"type": "%s", "message": %s}, "request_id": "req_011CSHoEeqs5C35K2UUqR7Fy"}
                """.formatted(type, JSON.writeValueAsString(message));
    }

    @Override
    protected void assertMessages(JsonNode request) {
        assertThat(request.path("model").asString()).isEqualTo(MODEL);
        assertThat(request.path("max_tokens").asInt()).isEqualTo(512);
        assertThat(request.path("system").toString()).contains("You are Tamma's planner.");
        assertThat(request.path("messages")).hasSize(1);
        assertThat(request.path("messages").get(0).path("role").asString()).isEqualTo("user");
        assertThat(request.path("messages").get(0).path("content").toString()).contains("Plan issue 42: add a greeting");
        assertThat(lastLoggedRequest().getHeader("x-api-key")).isEqualTo(KEY);
        assertThat(lastLoggedRequest().getHeader("anthropic-version")).isNotBlank();
    }

    @Override
    protected void assertTools(JsonNode request) {
        JsonNode tool = request.path("tools").get(0);
        assertThat(tool.path("name").asString()).isEqualTo("read_file");
        assertThat(tool.path("description").asString()).isEqualTo("Reads a file of the workspace");
        assertThat(tool.path("input_schema").path("type").asString()).isEqualTo("object");
        assertThat(tool.path("input_schema").path("properties").path("path").path("type").asString()).isEqualTo("string");
        assertThat(tool.path("input_schema").path("required").toString()).isEqualTo("[\"path\"]");
    }

    @Override
    protected void assertSchema(JsonNode request) {
        JsonNode format = request.path("output_config").path("format");
        assertThat(format.path("type").asString()).isEqualTo("json_schema");
        assertThat(format.path("schema").path("properties").path("risk").path("enum").toString())
                .isEqualTo("[\"low\",\"high\"]");
        assertThat(format.path("schema").path("required").toString()).isEqualTo("[\"summary\",\"risk\"]");
    }

    @Test
    void theMonthlySpendLimitIsNotWaitedFor() {
        answer(429, """
                {"type": "error", "error": {"type": "rate_limit_error", "message": "You have reached your specified API usage limits.",
                 "details": {"error_code": "enforced_spend_limit_reached"}}, "request_id": "req_1"}
                """, java.util.Map.of());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> provider().chat(conversation()))
                .isInstanceOfSatisfying(dev.tamma.core.ai.AiCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(dev.tamma.core.ai.AiCallException.Kind.RATE_LIMITED);
                    assertThat(e.retryAfter()).contains(java.time.Duration.ofDays(1));
                });
    }
}
