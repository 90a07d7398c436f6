package dev.tamma.platforms.testing;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Compact JSON for stub bodies: {@code obj("number", 7, "title", "x")}, {@code arr(...)}. */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    public static Map<String, Object> obj(Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("obj needs key/value pairs");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    public static List<Object> arr(Object... values) {
        return Arrays.asList(values);
    }

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    private Json() {
    }
}
