package dev.tamma.core.ai;

import java.util.Objects;

/**
 * Structured output: the answer must be a JSON document meeting {@code schema}.
 *
 * @param name   a short name for the schema (vendors that name schemas require one)
 * @param schema the shape of the answer
 */
public record ResponseFormat(String name, JsonSchema.ObjectSchema schema) {
    public ResponseFormat {
        if (name == null || !name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("response format name must be 1-64 letters, digits, '_' or '-', got '"
                    + name + "'");
        }
        Objects.requireNonNull(schema, "response format schema");
    }
}
