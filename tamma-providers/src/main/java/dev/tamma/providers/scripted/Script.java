package dev.tamma.providers.scripted;

import dev.tamma.core.ai.AiCallException;
import dev.tamma.core.ai.TokenUsage;
import dev.tamma.core.ai.ToolCall;
import dev.tamma.core.workflow.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** A parsed script for the {@link ScriptedProvider}; parsing errors name the step, the answer and the key. */
public record Script(String source, String model, Map<Step, List<Entry>> steps) {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One scripted answer: text, tool calls, or a failure; with optional expectations about the request. */
    public record Entry(String text, List<ToolCall> toolCalls, TokenUsage usage, Failure error, String expectContains,
            List<String> expectTools) {
    }

    /** A scripted failure, to rehearse retries and fallbacks. */
    public record Failure(AiCallException.Kind kind, int status, Duration retryAfter) {
    }

    public static Script parse(String text, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(source + ": not valid YAML or JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("steps").isObject()) {
            throw new IllegalArgumentException(source + ": a script needs a 'steps' map from step name to a list of answers");
        }
        Map<Step, List<Entry>> steps = new EnumMap<>(Step.class);
        for (Map.Entry<String, JsonNode> field : root.path("steps").properties()) {
            Step step = Step.parse(field.getKey()).orElseThrow(() -> new IllegalArgumentException(source + ": steps."
                    + field.getKey() + " is not a step; steps are " + java.util.Arrays.stream(Step.values()).map(Step::slug).toList()));
            if (!field.getValue().isArray() || field.getValue().isEmpty()) {
                throw new IllegalArgumentException(source + ": steps." + field.getKey() + " must be a non-empty list of answers");
            }
            List<Entry> entries = new ArrayList<>();
            int i = 0;
            for (JsonNode node : field.getValue()) {
                entries.add(entry(node, source + ": steps." + field.getKey() + "[" + i + "]", step, i));
                i++;
            }
            steps.put(step, List.copyOf(entries));
        }
        String model = root.path("model").asString("scripted");
        return new Script(source, model, Collections.unmodifiableMap(steps));
    }

    private static Entry entry(JsonNode node, String where, Step step, int index) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " must be a map with text, toolCalls or error");
        }
        for (String key : node.propertyNames()) {
            if (!List.of("text", "toolCalls", "usage", "error", "expect").contains(key)) {
                throw new IllegalArgumentException(where + "." + key + " is not a known key (text, toolCalls, usage, error, expect)");
            }
        }
        String text = node.path("text").isMissingNode() ? "" : node.path("text").asString();
        List<ToolCall> calls = new ArrayList<>();
        int c = 0;
        for (JsonNode call : node.path("toolCalls")) {
            String name = call.path("name").asString("");
            if (name.isBlank()) {
                throw new IllegalArgumentException(where + ".toolCalls[" + c + "].name is required");
            }
            JsonNode arguments = call.path("arguments");
            if (!arguments.isMissingNode() && !arguments.isObject()) {
                throw new IllegalArgumentException(where + ".toolCalls[" + c + "].arguments must be a map");
            }
            String id = call.path("id").asString("call_" + step.slug() + "_" + index + "_" + c);
            calls.add(new ToolCall(id, name, arguments.isMissingNode() ? "{}" : JSON.writeValueAsString(arguments)));
            c++;
        }
        Failure failure = null;
        JsonNode error = node.path("error");
        if (!error.isMissingNode()) {
            String kindName = error.path("kind").asString("");
            AiCallException.Kind kind;
            try {
                kind = AiCallException.Kind.valueOf(kindName);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ".error.kind '" + kindName + "' is not one of "
                        + java.util.Arrays.toString(AiCallException.Kind.values()));
            }
            JsonNode retryAfter = error.path("retryAfterSeconds");
            failure = new Failure(kind, error.path("status").asInt(0),
                    retryAfter.isMissingNode() ? null : Duration.ofMillis((long) (retryAfter.asDouble() * 1000)));
        }
        if (text.isEmpty() && calls.isEmpty() && failure == null) {
            throw new IllegalArgumentException(where + " needs text, toolCalls or error");
        }
        JsonNode usage = node.path("usage");
        TokenUsage tokens;
        try {
            tokens = new TokenUsage(usage.path("input").asLong(0), usage.path("output").asLong(0), usage.path("cached").asLong(0));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ".usage: " + e.getMessage(), e);
        }
        JsonNode expect = node.path("expect");
        String contains = expect.path("contains").isMissingNode() ? null : expect.path("contains").asString();
        List<String> tools = new ArrayList<>();
        expect.path("tools").forEach(t -> tools.add(t.asString()));
        return new Entry(text, List.copyOf(calls), tokens, failure, contains, List.copyOf(tools));
    }
}
