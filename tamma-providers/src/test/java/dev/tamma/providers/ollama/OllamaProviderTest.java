package dev.tamma.providers.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.ai.TokenUsage;
import dev.tamma.providers.ProviderSettings;
import dev.tamma.providers.testing.VendorContract;
import tools.jackson.databind.JsonNode;

/** Ollama's {@code POST /api/chat} (not streamed); errors as {@code {"error": "..."}}; no key. */
class OllamaProviderTest extends VendorContract {

    private static final String MODEL = "qwen2.5-coder:32b";

    @Override
    protected ProviderSettings settings(String serverUrl) {
        return ProviderSettings.of("ollama", "ollama").withBaseUrl(serverUrl);
    }

    @Override
    protected String keyVariable() {
        return null;
    }

    @Override
    protected String path(String model) {
        return "/api/chat";
    }

    @Override
    protected String model() {
        return MODEL;
    }

    @Override
    protected String textAnswer() {
        return """
                {"model": "qwen2.5-coder:32b", "created_at": "2025-10-17T23:14:07.414671Z",
                 "message": {"role": "assistant", "content": "Hello from the model"},
                 "done": true, "done_reason": "stop", "total_duration": 174560334, "load_duration": 101397084,
                 "prompt_eval_count": 1200, "prompt_eval_duration": 13074791, "eval_count": 300,
                 "eval_duration": 52479709}
                """;
    }

    @Override
    protected TokenUsage textAnswerUsage() {
        return new TokenUsage(1200, 300, 0);
    }

    @Override
    protected String toolCallAnswer() {
        return """
                {"model": "qwen2.5-coder:32b", "created_at": "2025-10-17T23:14:07.414671Z",
                 "message": {"role": "assistant", "content": "",
                             "tool_calls": [{"function": {"name": "read_file", "arguments": {"path": "README.md"}}}]},
                 "done": true, "done_reason": "stop", "prompt_eval_count": 90, "eval_count": 20}
                """;
    }

    @Override
    protected String jsonAnswer(String json) {
        return """
                {"model": "qwen2.5-coder:32b", "created_at": "2025-10-17T23:14:07.414671Z",
                 "message": {"role": "assistant", "content": %s},
                 "done": true, "done_reason": "stop", "prompt_eval_count": 50, "eval_count": 12}
                """.formatted(JSON.writeValueAsString(json));
    }

    @Override
    protected String errorBody(int status, String message) {
        return "{\"error\": " + JSON.writeValueAsString(message) + "}";
    }

    @Override
    protected void assertMessages(JsonNode request) {
        assertThat(request.path("model").asString()).isEqualTo(MODEL);
        assertThat(request.path("stream").asBoolean(true)).isFalse();
        assertThat(request.path("messages").get(0).path("role").asString()).isEqualTo("system");
        assertThat(request.path("messages").get(1).path("content").asString()).isEqualTo("Plan issue 42: add a greeting");
        assertThat(request.path("options").path("num_predict").asInt()).isEqualTo(512);
    }

    @Override
    protected void assertTools(JsonNode request) {
        JsonNode function = request.path("tools").get(0).path("function");
        assertThat(function.path("name").asString()).isEqualTo("read_file");
        assertThat(function.path("parameters").path("properties").path("path").path("type").asString()).isEqualTo("string");
    }

    @Override
    protected void assertSchema(JsonNode request) {
        JsonNode format = request.path("format");
        assertThat(format.path("type").asString()).isEqualTo("object");
        assertThat(format.path("properties").path("risk").path("enum").toString()).isEqualTo("[\"low\",\"high\"]");
    }
}
