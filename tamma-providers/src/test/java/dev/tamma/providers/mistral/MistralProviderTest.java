package dev.tamma.providers.mistral;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.ai.TokenUsage;
import dev.tamma.providers.ProviderSettings;
import dev.tamma.providers.testing.VendorContract;
import tools.jackson.databind.JsonNode;

/** Mistral's {@code POST /v1/chat/completions}: OpenAI-like, with its own error body. */
class MistralProviderTest extends VendorContract {

    private static final String MODEL = "devstral-medium-latest";

    @Override
    protected ProviderSettings settings(String serverUrl) {
        return ProviderSettings.of("mistral", "mistral").withBaseUrl(serverUrl + "/v1");
    }

    @Override
    protected String keyVariable() {
        return "MISTRAL_API_KEY";
    }

    @Override
    protected String path(String model) {
        return "/v1/chat/completions";
    }

    @Override
    protected String model() {
        return MODEL;
    }

    @Override
    protected String textAnswer() {
        return """
                {"id": "cmpl-e5cc70bb28c444948073e77776eb30ef", "object": "chat.completion", "created": 1702256327,
                 "model": "devstral-medium-2507",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hello from the model",
                              "tool_calls": null, "prefix": false}, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 1200, "completion_tokens": 300, "total_tokens": 1500}}
                """;
    }

    @Override
    protected TokenUsage textAnswerUsage() {
        return new TokenUsage(1200, 300, 0);
    }

    @Override
    protected String toolCallAnswer() {
        return """
                {"id": "cmpl-tool", "object": "chat.completion", "created": 1702256327, "model": "devstral-medium-2507",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "",
                   "tool_calls": [{"id": "D681PevKs", "type": "function",
                                   "function": {"name": "read_file", "arguments": "{\\"path\\": \\"README.md\\"}"}}]},
                   "finish_reason": "tool_calls"}],
                 "usage": {"prompt_tokens": 90, "completion_tokens": 20, "total_tokens": 110}}
                """;
    }

    @Override
    protected String jsonAnswer(String json) {
        return """
                {"id": "cmpl-json", "object": "chat.completion", "created": 1702256327, "model": "devstral-medium-2507",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": %s}, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 50, "completion_tokens": 12, "total_tokens": 62}}
                """.formatted(JSON.writeValueAsString(json));
    }

    @Override
    protected String errorBody(int status, String message) {
        return """
                {"object": "error", "message": %s, "type": "%s", "param": null, "code": "%d"}
                """.formatted(JSON.writeValueAsString(message), status == 429 ? "rate_limited" : "invalid_request_error",
                status);
    }

    @Override
    protected void assertMessages(JsonNode request) {
        assertThat(request.path("model").asString()).isEqualTo(MODEL);
        assertThat(request.path("messages").get(0).path("role").asString()).isEqualTo("system");
        assertThat(request.path("messages").get(1).path("content").toString()).contains("Plan issue 42: add a greeting");
        assertThat(request.path("max_tokens").asInt()).isEqualTo(512);
        assertThat(lastLoggedRequest().getHeader("Authorization")).isEqualTo("Bearer " + KEY);
    }

    @Override
    protected void assertTools(JsonNode request) {
        JsonNode function = request.path("tools").get(0).path("function");
        assertThat(function.path("name").asString()).isEqualTo("read_file");
        assertThat(function.path("parameters").path("properties").path("path").path("type").asString()).isEqualTo("string");
        assertThat(function.path("parameters").path("required").toString()).isEqualTo("[\"path\"]");
    }

    @Override
    protected void assertSchema(JsonNode request) {
        JsonNode format = request.path("response_format");
        assertThat(format.path("type").asString()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("name").asString()).isEqualTo("plan");
        JsonNode schema = format.path("json_schema").path("schema");
        assertThat(schema.path("properties").path("risk").path("enum").toString()).isEqualTo("[\"low\",\"high\"]");
        assertThat(schema.path("required").toString()).isEqualTo("[\"summary\",\"risk\"]");
    }
}
