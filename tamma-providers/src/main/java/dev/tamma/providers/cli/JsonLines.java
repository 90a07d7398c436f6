package dev.tamma.providers.cli;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the JSON-lines output of agents that print one event per line, amid other output. */
final class JsonLines {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonLines() {
    }

    /** The lines of {@code stdout} that are JSON objects, parsed; other lines (progress, noise) are skipped. */
    static List<JsonNode> events(String stdout) {
        List<JsonNode> events = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (!line.strip().startsWith("{")) {
                continue;
            }
            try {
                events.add(JSON.readTree(line));
            } catch (JacksonException e) {
                // a line that only looks like JSON is noise too
            }
        }
        return events;
    }
}
