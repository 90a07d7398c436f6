package dev.tamma.providers.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.tamma.core.ai.ChatMessage;
import dev.tamma.core.ai.ChatRequest;
import dev.tamma.core.ai.JsonSchema;
import dev.tamma.core.ai.ResponseFormat;
import dev.tamma.core.ai.ToolCall;
import dev.tamma.core.ai.ToolSpec;
import java.util.ArrayList;
import java.util.List;

/** Translates Tamma's chat values to LangChain4j's and back. */
public final class Lc4jMapping {

    private Lc4jMapping() {
    }

    public static dev.langchain4j.model.chat.request.ChatRequest toLangChain4j(ChatRequest request, String model) {
        var builder = dev.langchain4j.model.chat.request.ChatRequest.builder()
                .modelName(model)
                .messages(request.messages().stream().map(Lc4jMapping::message).toList())
                .maxOutputTokens(request.maxOutputTokens());
        if (!request.tools().isEmpty()) {
            builder.toolSpecifications(request.tools().stream().map(Lc4jMapping::tool).toList());
        }
        if (request.temperature() != null) {
            builder.temperature(request.temperature());
        }
        if (request.responseFormat() != null) {
            builder.responseFormat(responseFormat(request.responseFormat()));
        }
        return builder.build();
    }

    public static dev.langchain4j.data.message.ChatMessage message(ChatMessage message) {
        return switch (message) {
            case ChatMessage.System system -> SystemMessage.from(system.text());
            case ChatMessage.User user -> UserMessage.from(user.text());
            case ChatMessage.Assistant assistant -> assistant.toolCalls().isEmpty()
                    ? AiMessage.from(assistant.text())
                    : AiMessage.builder().text(assistant.text().isEmpty() ? null : assistant.text())
                            .toolExecutionRequests(assistant.toolCalls().stream().map(Lc4jMapping::toolRequest).toList())
                            .build();
            case ChatMessage.ToolResult result ->
                    ToolExecutionResultMessage.from(result.toolCallId(), result.toolName(), result.content());
        };
    }

    private static ToolExecutionRequest toolRequest(ToolCall call) {
        return ToolExecutionRequest.builder().id(call.id()).name(call.name()).arguments(call.argumentsJson()).build();
    }

    public static ToolSpecification tool(ToolSpec tool) {
        return ToolSpecification.builder().name(tool.name()).description(tool.description())
                .parameters(object(tool.parameters())).build();
    }

    public static dev.langchain4j.model.chat.request.ResponseFormat responseFormat(ResponseFormat format) {
        return dev.langchain4j.model.chat.request.ResponseFormat.builder()
                .type(ResponseFormatType.JSON)
                .jsonSchema(dev.langchain4j.model.chat.request.json.JsonSchema.builder()
                        .name(format.name()).rootElement(object(format.schema())).build())
                .build();
    }

    public static JsonObjectSchema object(JsonSchema.ObjectSchema schema) {
        var builder = JsonObjectSchema.builder();
        if (!schema.description().isEmpty()) {
            builder.description(schema.description());
        }
        schema.properties().forEach((name, property) -> builder.addProperty(name, element(property)));
        builder.required(new ArrayList<>(schema.required()));
        return builder.build();
    }

    static JsonSchemaElement element(JsonSchema schema) {
        String description = schema.description().isEmpty() ? null : schema.description();
        return switch (schema) {
            case JsonSchema.ObjectSchema object -> object(object);
            case JsonSchema.ArraySchema array ->
                    JsonArraySchema.builder().description(description).items(element(array.items())).build();
            case JsonSchema.StringSchema string -> string.enumValues().isEmpty()
                    ? JsonStringSchema.builder().description(description).build()
                    : JsonEnumSchema.builder().description(description).enumValues(List.copyOf(string.enumValues())).build();
            case JsonSchema.IntegerSchema ignored -> JsonIntegerSchema.builder().description(description).build();
            case JsonSchema.NumberSchema ignored -> JsonNumberSchema.builder().description(description).build();
            case JsonSchema.BooleanSchema ignored -> JsonBooleanSchema.builder().description(description).build();
        };
    }
}
