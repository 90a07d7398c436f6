package dev.tamma.core.ai;

import java.util.List;
import java.util.Objects;

/** One message of a conversation with a model. */
public sealed interface ChatMessage {

    /** Instructions that frame the whole conversation. */
    record System(String text) implements ChatMessage {
        public System {
            requireText(text, "system message");
        }
    }

    /** What the user (here: the step) asks. */
    record User(String text) implements ChatMessage {
        public User {
            requireText(text, "user message");
        }
    }

    /** What the model answered earlier: text, tool calls, or both. */
    record Assistant(String text, List<ToolCall> toolCalls) implements ChatMessage {
        public Assistant {
            text = text == null ? "" : text;
            toolCalls = List.copyOf(Objects.requireNonNullElse(toolCalls, List.of()));
            if (text.isEmpty() && toolCalls.isEmpty()) {
                throw new IllegalArgumentException("an assistant message needs text or tool calls");
            }
        }

        public static Assistant of(ChatResult result) {
            return new Assistant(result.text(), result.toolCalls());
        }
    }

    /** The result of running a tool the model asked for. */
    record ToolResult(String toolCallId, String toolName, String content) implements ChatMessage {
        public ToolResult {
            requireText(toolCallId, "tool result's toolCallId");
            requireText(toolName, "tool result's toolName");
            content = content == null ? "" : content;
        }
    }

    static ChatMessage system(String text) {
        return new System(text);
    }

    static ChatMessage user(String text) {
        return new User(text);
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
