package dev.tamma.worker.step;

import dev.tamma.core.ai.ChatMessage;
import dev.tamma.core.ai.ChatRequest;
import dev.tamma.core.ai.ChatResult;
import dev.tamma.core.ai.JsonSchema;
import dev.tamma.core.ai.ResponseFormat;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One question to the model that must be answered with a JSON document of a given shape. Models
 * sometimes wrap JSON in a Markdown fence; that is tolerated, anything else is a failed attempt.
 */
final class ModelQuestion {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ModelQuestion() {
    }

    static JsonNode ask(StepContext context, String system, String user, String name, JsonSchema.ObjectSchema schema) {
        ChatRequest request = ChatRequest.of(context.call(),
                        List.of(new ChatMessage.System(system), new ChatMessage.User(user)))
                .withResponseFormat(new ResponseFormat(name, schema))
                .withMaxOutputTokens(8192);
        ChatResult answer = context.models().ai().chat(request);
        return parse(answer.text(), name);
    }

    static JsonNode parse(String text, String name) {
        String json = text.strip();
        if (json.startsWith("```")) {
            json = json.replaceFirst("^```[a-zA-Z]*\\s*", "").replaceFirst("\\s*```$", "");
        }
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new StepFailure.Transient("the model's " + name + " answer is not a JSON object", abbreviate(text));
            }
            return node;
        } catch (JacksonException e) {
            throw new StepFailure.Transient("the model's " + name + " answer is not valid JSON: " + e.getOriginalMessage(),
                    abbreviate(text));
        }
    }

    static JsonSchema.StringSchema text(String description) {
        return new JsonSchema.StringSchema(description, List.of());
    }

    static JsonSchema.ArraySchema list(String description, JsonSchema items) {
        return new JsonSchema.ArraySchema(description, items);
    }

    static JsonSchema.BooleanSchema flag(String description) {
        return new JsonSchema.BooleanSchema(description);
    }

    static JsonSchema.IntegerSchema number(String description) {
        return new JsonSchema.IntegerSchema(description);
    }

    static JsonSchema.ObjectSchema object(String description) {
        return new JsonSchema.ObjectSchema(description, null, null);
    }

    static List<String> strings(JsonNode array) {
        return array.valueStream().map(n -> n.asString("")).filter(s -> !s.isBlank()).toList();
    }

    private static String abbreviate(String text) {
        return text.length() > 2000 ? text.substring(0, 2000) + "..." : text;
    }
}
