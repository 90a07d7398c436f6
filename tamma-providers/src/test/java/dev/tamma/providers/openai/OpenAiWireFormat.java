package dev.tamma.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.ai.TokenUsage;
import tools.jackson.databind.JsonNode;

/** OpenAI's Chat Completions wire format, shared by OpenAI, OpenRouter, Azure and compatible servers. */
public final class OpenAiWireFormat {

    private OpenAiWireFormat() {
    }

    public static String textAnswer(String model) {
        return """
                {"id": "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT", "object": "chat.completion", "created": 1741569952,
                 "model": "%s",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hello from the model",
                              "refusal": null, "annotations": []}, "logprobs": null, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 1200, "completion_tokens": 300, "total_tokens": 1500,
                           "prompt_tokens_details": {"cached_tokens": 1024, "audio_tokens": 0},
                           "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
                             "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}},
                 "service_tier": "default", "system_fingerprint": "fp_1"}
                """.formatted(model);
    }

    public static final TokenUsage TEXT_USAGE = new TokenUsage(1200, 300, 1024);

    public static String toolCallAnswer(String model) {
        return """
                {"id": "chatcmpl-abc123", "object": "chat.completion", "created": 1699896916, "model": "%s",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": null,
                   "tool_calls": [{"id": "call_abc123", "type": "function",
                                   "function": {"name": "read_file", "arguments": "{\\"path\\": \\"README.md\\"}"}}]},
                   "logprobs": null, "finish_reason": "tool_calls"}],
                 "usage": {"prompt_tokens": 82, "completion_tokens": 17, "total_tokens": 99}}
                """.formatted(model);
    }

    public static String jsonAnswer(String model, String json) {
        return """
                {"id": "chatcmpl-json", "object": "chat.completion", "created": 1699896916, "model": "%s",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": %s}, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 50, "completion_tokens": 12, "total_tokens": 62}}
                """.formatted(model, quote(json));
    }

    public static String errorBody(int status, String message) {
        String type = status == 429 ? "requests" : status == 401 ? "invalid_request_error" : "server_error";
        String code = status == 429 ? "rate_limit_exceeded" : status == 401 ? "invalid_api_key" : null;
        return """
                {"error": {"message": %s, "type": "%s", "param": null, "code": %s}}
                """.formatted(quote(message), type, code == null ? "null" : "\"" + code + "\"");
    }

    public static void assertMessages(JsonNode request, String model) {
        assertThat(request.path("model").asString()).isEqualTo(model);
        assertThat(request.path("messages").get(0).path("role").asString()).isEqualTo("system");
        assertThat(request.path("messages").get(0).path("content").asString()).isEqualTo("You are Tamma's planner.");
        assertThat(request.path("messages").get(1).path("role").asString()).isEqualTo("user");
        assertThat(request.path("messages").get(1).path("content").asString()).isEqualTo("Plan issue 42: add a greeting");
    }

    public static void assertTools(JsonNode request) {
        JsonNode tool = request.path("tools").get(0);
        assertThat(tool.path("type").asString()).isEqualTo("function");
        assertThat(tool.path("function").path("name").asString()).isEqualTo("read_file");
        JsonNode parameters = tool.path("function").path("parameters");
        assertThat(parameters.path("type").asString()).isEqualTo("object");
        assertThat(parameters.path("properties").path("path").path("type").asString()).isEqualTo("string");
        assertThat(parameters.path("properties").path("limit").path("type").asString()).isEqualTo("integer");
        assertThat(parameters.path("required").toString()).isEqualTo("[\"path\"]");
    }

    public static void assertSchema(JsonNode request) {
        JsonNode format = request.path("response_format");
        assertThat(format.path("type").asString()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("name").asString()).isEqualTo("plan");
        JsonNode schema = format.path("json_schema").path("schema");
        assertThat(schema.path("properties").path("risk").path("enum").toString()).isEqualTo("[\"low\",\"high\"]");
        assertThat(schema.path("required").toString()).contains("summary", "risk");
    }

    private static String quote(String text) {
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(text);
    }
}
