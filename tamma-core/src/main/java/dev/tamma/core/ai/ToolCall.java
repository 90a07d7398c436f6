package dev.tamma.core.ai;

/**
 * A model's request to run a tool.
 *
 * @param id            the vendor's id for the call, echoed back in the {@link ChatMessage.ToolResult}
 * @param name          the tool's name
 * @param argumentsJson the arguments as a JSON object, exactly as the model wrote them
 */
public record ToolCall(String id, String name, String argumentsJson) {
    public ToolCall {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("tool call id must not be blank");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("tool call name must not be blank");
        }
        argumentsJson = argumentsJson == null || argumentsJson.isBlank() ? "{}" : argumentsJson;
    }
}
