package dev.tamma.core.ai;

import java.util.List;
import java.util.Objects;

/**
 * A model's complete answer.
 *
 * @param provider     the provider that answered (after routing and fallback)
 * @param model        the model that answered, as the vendor named it
 * @param text         the answer's text; a JSON document when structured output was asked for
 * @param toolCalls    tools the model wants run; empty when it answered with text only
 * @param usage        tokens consumed
 * @param finishReason why the model stopped
 */
public record ChatResult(
        String provider,
        String model,
        String text,
        List<ToolCall> toolCalls,
        TokenUsage usage,
        FinishReason finishReason) {

    public enum FinishReason { STOP, TOOL_CALLS, LENGTH, CONTENT_FILTER, OTHER }

    public ChatResult {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        text = text == null ? "" : text;
        toolCalls = List.copyOf(Objects.requireNonNullElse(toolCalls, List.of()));
        usage = Objects.requireNonNullElse(usage, TokenUsage.NONE);
        finishReason = Objects.requireNonNullElse(finishReason,
                toolCalls.isEmpty() ? FinishReason.STOP : FinishReason.TOOL_CALLS);
    }

    public boolean hasToolCalls() {
        return !toolCalls.isEmpty();
    }
}
