package dev.tamma.core.ai;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The subset of JSON Schema every supported vendor understands for tool arguments and structured
 * output: objects, arrays, strings (optionally an enum), numbers, integers and booleans.
 */
public sealed interface JsonSchema {

    String description();

    record ObjectSchema(String description, Map<String, JsonSchema> properties, List<String> required)
            implements JsonSchema {
        public ObjectSchema {
            description = description == null ? "" : description;
            properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(
                    Objects.requireNonNullElse(properties, Map.of())));
            required = List.copyOf(Objects.requireNonNullElse(required, List.of()));
            for (String name : required) {
                if (!properties.containsKey(name)) {
                    throw new IllegalArgumentException("required property '" + name + "' is not among the properties "
                            + properties.keySet());
                }
            }
        }

        /** This schema with one more property, required or not. */
        public ObjectSchema with(String name, JsonSchema schema, boolean isRequired) {
            Map<String, JsonSchema> more = new LinkedHashMap<>(properties);
            more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(schema, "schema"));
            List<String> req = new java.util.ArrayList<>(required);
            if (isRequired) {
                req.add(name);
            }
            return new ObjectSchema(description, more, req);
        }
    }

    record ArraySchema(String description, JsonSchema items) implements JsonSchema {
        public ArraySchema {
            description = description == null ? "" : description;
            Objects.requireNonNull(items, "array items schema");
        }
    }

    record StringSchema(String description, List<String> enumValues) implements JsonSchema {
        public StringSchema {
            description = description == null ? "" : description;
            enumValues = List.copyOf(Objects.requireNonNullElse(enumValues, List.of()));
        }
    }

    record IntegerSchema(String description) implements JsonSchema {
        public IntegerSchema {
            description = description == null ? "" : description;
        }
    }

    record NumberSchema(String description) implements JsonSchema {
        public NumberSchema {
            description = description == null ? "" : description;
        }
    }

    record BooleanSchema(String description) implements JsonSchema {
        public BooleanSchema {
            description = description == null ? "" : description;
        }
    }

    static ObjectSchema object() {
        return new ObjectSchema("", Map.of(), List.of());
    }

    static StringSchema string(String description) {
        return new StringSchema(description, List.of());
    }

    static StringSchema enumOf(String description, String... values) {
        return new StringSchema(description, List.of(values));
    }

    static IntegerSchema integer(String description) {
        return new IntegerSchema(description);
    }

    static NumberSchema number(String description) {
        return new NumberSchema(description);
    }

    static BooleanSchema bool(String description) {
        return new BooleanSchema(description);
    }

    static ArraySchema array(String description, JsonSchema items) {
        return new ArraySchema(description, items);
    }
}
