package dev.tamma.core.ai;

/**
 * A tool the model may call.
 *
 * @param name        a name the vendors accept: letters, digits, {@code _} and {@code -}, at most 64
 * @param description what the tool does, for the model
 * @param parameters  the JSON schema of its arguments
 */
public record ToolSpec(String name, String description, JsonSchema.ObjectSchema parameters) {
    public ToolSpec {
        if (name == null || !name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("tool name must be 1-64 letters, digits, '_' or '-', got '" + name + "'");
        }
        description = description == null ? "" : description;
        parameters = parameters == null ? JsonSchema.object() : parameters;
    }
}
