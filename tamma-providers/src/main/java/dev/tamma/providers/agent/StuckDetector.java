package dev.tamma.providers.agent;

import dev.tamma.core.ai.ToolCall;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sees an agent going round in circles: the same action (tool, arguments in any key order or
 * spacing) with the same result
 * for the {@value #LIMIT}rd time. Comparing results too keeps legitimate repeats apart: reading a
 * file again after editing it returns something new, and is not counted as the same action.
 */
public final class StuckDetector {

    public static final int LIMIT = 3;
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();

    private final Map<String, Integer> seen = new HashMap<>();

    /** Notes an action; true when it is the {@value #LIMIT}rd identical one. */
    public boolean record(ToolCall call, String result) {
        String key = call.name() + "\u0000" + canonical(call.argumentsJson()) + "\u0000" + result;
        return seen.merge(key, 1, Integer::sum) >= LIMIT;
    }

    private static String canonical(String json) {
        try {
            return JSON.writeValueAsString(JSON.readTree(json));
        } catch (RuntimeException e) {
            return json;
        }
    }
}
