package dev.tamma.providers.openai;

import dev.tamma.core.ai.TokenUsage;
import dev.tamma.providers.testing.VendorContract;
import tools.jackson.databind.JsonNode;

/** The contract for providers that speak OpenAI's Chat Completions at some base URL. */
public abstract class OpenAiShapedContract extends VendorContract {

    @Override
    protected String textAnswer() {
        return OpenAiWireFormat.textAnswer(model());
    }

    @Override
    protected TokenUsage textAnswerUsage() {
        return OpenAiWireFormat.TEXT_USAGE;
    }

    @Override
    protected String toolCallAnswer() {
        return OpenAiWireFormat.toolCallAnswer(model());
    }

    @Override
    protected String jsonAnswer(String json) {
        return OpenAiWireFormat.jsonAnswer(model(), json);
    }

    @Override
    protected String errorBody(int status, String message) {
        return OpenAiWireFormat.errorBody(status, message);
    }

    @Override
    protected void assertMessages(JsonNode request) {
        OpenAiWireFormat.assertMessages(request, model());
    }

    @Override
    protected void assertTools(JsonNode request) {
        OpenAiWireFormat.assertTools(request);
    }

    @Override
    protected void assertSchema(JsonNode request) {
        OpenAiWireFormat.assertSchema(request);
    }
}
