package dev.tamma.webhooks;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Lenient reads from a payload tree: a missing, null or wrongly typed field reads as empty or
 * zero, so a platform adding or dropping an optional field never breaks intake. Fields without
 * which an event means nothing are checked with {@link #requireText} and {@link #requireNumber}.
 */
public final class Json {

    private Json() {
    }

    /** The node at {@code path} (field names), or a missing node. */
    public static JsonNode at(JsonNode node, String... path) {
        JsonNode current = node;
        for (String name : path) {
            current = current.path(name);
        }
        return current;
    }

    /** The string or number at {@code path}, or {@code ""}. */
    public static String text(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return value.isString() || value.isNumber() || value.isBoolean() ? value.asString() : "";
    }

    /** The whole number at {@code path} (a number or a string of digits), or 0. */
    public static long number(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isString()) {
            try {
                return Long.parseLong(value.asString().strip());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    public static boolean bool(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return value.isBoolean() && value.asBoolean();
    }

    public static boolean present(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return !value.isMissingNode() && !value.isNull();
    }

    /** The field {@code field} of each element of the array at {@code path}, skipping empty ones. */
    public static List<String> texts(JsonNode node, String field, String... path) {
        List<String> out = new ArrayList<>();
        JsonNode array = at(node, path);
        if (array.isArray()) {
            for (JsonNode element : array) {
                String value = field.isEmpty() ? text(element) : text(element, field);
                if (!value.isEmpty()) {
                    out.add(value);
                }
            }
        }
        return out;
    }

    /** The elements of the array at {@code path}, or none. */
    public static List<JsonNode> array(JsonNode node, String... path) {
        JsonNode array = at(node, path);
        List<JsonNode> out = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(out::add);
        }
        return out;
    }

    /** The text at {@code path}, which an event of {@code what} cannot do without. */
    public static String requireText(JsonNode node, String what, String... path) {
        String value = text(node, path);
        if (value.isEmpty()) {
            throw PayloadException.malformed(what + " has no " + String.join(".", path));
        }
        return value;
    }

    /** The positive number at {@code path}, which an event of {@code what} cannot do without. */
    public static long requireNumber(JsonNode node, String what, String... path) {
        long value = number(node, path);
        if (value <= 0) {
            throw PayloadException.malformed(what + " has no " + String.join(".", path));
        }
        return value;
    }
}
