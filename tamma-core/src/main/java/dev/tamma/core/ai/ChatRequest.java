package dev.tamma.core.ai;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One chat call.
 *
 * @param context         who calls, for routing, budgets and cost reports
 * @param model           the model to ask; {@code null} lets a router choose it for the step
 * @param messages        the conversation so far, at least one message
 * @param tools           tools the model may call; empty for none
 * @param responseFormat  a JSON schema the answer must meet, or {@code null} for free text
 * @param maxOutputTokens the most tokens the answer may have
 * @param temperature     sampling temperature, or {@code null} for the model's default
 */
public record ChatRequest(
        CallContext context,
        String model,
        List<ChatMessage> messages,
        List<ToolSpec> tools,
        ResponseFormat responseFormat,
        int maxOutputTokens,
        Double temperature) {

    public static final int DEFAULT_MAX_OUTPUT_TOKENS = 4096;

    public ChatRequest {
        Objects.requireNonNull(context, "context");
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a chat request needs at least one message");
        }
        tools = List.copyOf(Objects.requireNonNullElse(tools, List.of()));
        if (tools.stream().map(ToolSpec::name).distinct().count() != tools.size()) {
            throw new IllegalArgumentException("tool names must be unique, got "
                    + tools.stream().map(ToolSpec::name).toList());
        }
        if (maxOutputTokens <= 0) {
            throw new IllegalArgumentException("maxOutputTokens must be positive, got " + maxOutputTokens);
        }
        if (temperature != null && (temperature < 0 || temperature > 2)) {
            throw new IllegalArgumentException("temperature must be between 0 and 2, got " + temperature);
        }
        if (model != null && model.isBlank()) {
            model = null;
        }
    }

    public static ChatRequest of(CallContext context, List<ChatMessage> messages) {
        return new ChatRequest(context, null, messages, List.of(), null, DEFAULT_MAX_OUTPUT_TOKENS, null);
    }

    public ChatRequest withModel(String newModel) {
        return new ChatRequest(context, newModel, messages, tools, responseFormat, maxOutputTokens, temperature);
    }

    public ChatRequest withMessages(List<ChatMessage> newMessages) {
        return new ChatRequest(context, model, newMessages, tools, responseFormat, maxOutputTokens, temperature);
    }

    public ChatRequest withTools(List<ToolSpec> newTools) {
        return new ChatRequest(context, model, messages, newTools, responseFormat, maxOutputTokens, temperature);
    }

    public ChatRequest withResponseFormat(ResponseFormat format) {
        return new ChatRequest(context, model, messages, tools, format, maxOutputTokens, temperature);
    }

    public ChatRequest withMaxOutputTokens(int tokens) {
        return new ChatRequest(context, model, messages, tools, responseFormat, tokens, temperature);
    }

    public Optional<ResponseFormat> structuredOutput() {
        return Optional.ofNullable(responseFormat);
    }
}
