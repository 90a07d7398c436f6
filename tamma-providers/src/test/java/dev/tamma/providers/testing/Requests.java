package dev.tamma.providers.testing;

import dev.tamma.core.ai.CallContext;
import dev.tamma.core.ai.ChatMessage;
import dev.tamma.core.ai.ChatRequest;
import dev.tamma.core.workflow.Step;
import java.util.List;

/** Small requests for tests. */
public final class Requests {

    private Requests() {
    }

    public static CallContext context(String workflow, Step step) {
        return new CallContext(workflow, "acme/shop", 42, step, 1);
    }

    public static ChatRequest ask(String workflow, Step step, String text) {
        return ChatRequest.of(context(workflow, step), List.of(ChatMessage.user(text)));
    }
}
