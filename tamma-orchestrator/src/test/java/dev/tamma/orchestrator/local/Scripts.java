package dev.tamma.orchestrator.local;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The demo's script for the model, with the answers of some steps replaced for a scenario. */
final class Scripts {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final String GREETER_FIXED = """
            /** Greets people by name, and strangers politely. */
            public final class Greeter {

                private Greeter() {
                }

                public static String greet(String name) {
                    if (name == null || name.isBlank()) {
                        return "Hello, stranger!";
                    }
                    return "Hello, " + name + "!";
                }
            }
            """;

    private Scripts() {
    }

    static String demo() {
        return new String(SampleRepository.resource("demo/script.yml"), StandardCharsets.UTF_8);
    }

    /** The demo script's answers for {@code step} (e.g. {@code implement}), as they are. */
    static List<JsonNode> answers(String step) {
        return YAML.readTree(demo()).path("steps").path(step).valueStream().toList();
    }

    /** The demo script with every step's answers given twice over, for a loop that runs each step twice. */
    static String twice() {
        ObjectNode root = (ObjectNode) YAML.readTree(demo());
        ObjectNode steps = (ObjectNode) root.path("steps");
        for (String step : List.copyOf(steps.propertyNames())) {
            List<JsonNode> once = steps.path(step).valueStream().toList();
            ArrayNode list = steps.putArray(step);
            once.forEach(list::add);
            once.forEach(a -> list.add(a.deepCopy()));
        }
        return YAML.writeValueAsString(root);
    }

    /** The demo script with {@code step}'s answers replaced. */
    static String with(String step, List<?> answers) {
        ObjectNode root = (ObjectNode) YAML.readTree(demo());
        ArrayNode list = ((ObjectNode) root.path("steps")).putArray(step);
        answers.forEach(a -> list.add(YAML.valueToTree(a)));
        return YAML.writeValueAsString(root);
    }

    /**
     * The demo script's answers split between two providers: the first script has every step but
     * {@code steps}, the second (answering as {@code model}) has only those.
     */
    static List<String> splitOff(String model, String... steps) {
        ObjectNode rest = (ObjectNode) YAML.readTree(demo());
        ObjectNode moved = YAML.createObjectNode();
        moved.put("model", model);
        ObjectNode movedSteps = moved.putObject("steps");
        for (String step : steps) {
            movedSteps.set(step, ((ObjectNode) rest.path("steps")).remove(step));
        }
        return List.of(YAML.writeValueAsString(rest), YAML.writeValueAsString(moved));
    }

    /** A coding agent's turn: write {@code path} with {@code content}, then say it is done. */
    static Map<String, Object> writes(String expect, String path, String content, String summary) {
        return Map.of("expect", Map.of("contains", expect),
                "toolCalls", List.of(
                        Map.of("name", "write_file", "arguments", Map.of("path", path, "content", content)),
                        Map.of("name", "done", "arguments", Map.of("summary", summary))));
    }

    /** A structured answer: the JSON text a model returns. */
    static Map<String, Object> json(Map<String, ?> answer) {
        return Map.of("text", JSON.writeValueAsString(answer));
    }
}
