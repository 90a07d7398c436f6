package dev.tamma.providers.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tamma.core.ai.AiCallException;
import dev.tamma.core.ai.AiProvider;
import dev.tamma.core.ai.CallContext;
import dev.tamma.core.ai.ChatMessage;
import dev.tamma.core.ai.ChatRequest;
import dev.tamma.core.ai.ChatResult;
import dev.tamma.core.ai.JsonSchema;
import dev.tamma.core.ai.ResponseFormat;
import dev.tamma.core.ai.TokenUsage;
import dev.tamma.core.ai.ToolSpec;
import dev.tamma.core.workflow.Step;
import dev.tamma.providers.ProviderFactory;
import dev.tamma.providers.ProviderSettings;
import dev.tamma.providers.langchain4j.ApiKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wire-format contract every LangChain4j provider meets, against a local HTTP server that
 * answers in that vendor's documented format. Each vendor's test fills in its bodies and paths.
 */
public abstract class VendorContract {

    protected static final String KEY = "sk-test-0123456789abcdefSECRET";
    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final CallContext CONTEXT = new CallContext("wf-1", "acme/shop", 42, Step.PLAN, 1);

    protected static final ToolSpec READ_FILE = new ToolSpec("read_file", "Reads a file of the workspace",
            JsonSchema.object().with("path", JsonSchema.string("path relative to the workspace"), true)
                    .with("limit", JsonSchema.integer("most lines to read"), false));
    protected static final ResponseFormat PLAN_FORMAT = new ResponseFormat("plan", JsonSchema.object()
            .with("summary", JsonSchema.string("one line"), true)
            .with("risk", JsonSchema.enumOf("how risky", "low", "high"), true));

    protected WireMockServer server;
    protected MutableClock clock = MutableClock.atEpochPlus(Duration.ZERO);

    /** The provider's settings pointed at {@code baseUrl} (the local server). */
    protected abstract ProviderSettings settings(String serverUrl);

    /** The variable the key is read from, or {@code null} when the provider needs none. */
    protected abstract String keyVariable();

    /** The URL path the model call goes to. */
    protected abstract String path(String model);

    protected abstract String model();

    protected abstract String textAnswer();

    protected abstract TokenUsage textAnswerUsage();

    protected abstract String toolCallAnswer();

    protected abstract String jsonAnswer(String json);

    protected abstract String errorBody(int status, String message);

    /** Asserts the vendor request for a system + user message: model, roles, texts. */
    protected abstract void assertMessages(JsonNode request);

    /** Asserts the tool definition of {@link #READ_FILE} in the vendor request. */
    protected abstract void assertTools(JsonNode request);

    /** Asserts {@link #PLAN_FORMAT}'s schema in the vendor request. */
    protected abstract void assertSchema(JsonNode request);

    /** The status the vendor uses for "overloaded". */
    protected int overloadedStatus() {
        return 503;
    }

    protected com.github.tomakehurst.wiremock.core.WireMockConfiguration serverConfig() {
        return wireMockConfig().dynamicPort();
    }

    @BeforeEach
    void startServer() {
        server = new WireMockServer(serverConfig());
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    protected AiProvider provider() {
        Map<String, String> env = keyVariable() == null ? Map.of() : Map.of(keyVariable(), KEY);
        return new ProviderFactory(new ApiKeys(env), clock).create(settings(server.baseUrl()));
    }

    protected void answer(int status, String body, Map<String, String> headers) {
        var response = aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
        headers.forEach(response::withHeader);
        server.stubFor(any(urlPathEqualTo(path(model()))).willReturn(response));
    }

    protected JsonNode lastRequest() {
        List<LoggedRequest> requests = server.findAll(com.github.tomakehurst.wiremock.client.WireMock
                .anyRequestedFor(urlPathEqualTo(path(model()))));
        assertThat(requests).as("requests to " + path(model())).isNotEmpty();
        return JSON.readTree(requests.getLast().getBodyAsString());
    }

    protected LoggedRequest lastLoggedRequest() {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock
                .anyRequestedFor(urlPathEqualTo(path(model())))).getLast();
    }

    protected ChatRequest conversation() {
        return new ChatRequest(CONTEXT, model(), List.of(ChatMessage.system("You are Tamma's planner."),
                ChatMessage.user("Plan issue 42: add a greeting")), List.of(), null, 512, null);
    }

    @Test
    void textAnswerWithUsageAndTheRequestCarriesModelAndMessages() {
        answer(200, textAnswer(), Map.of());

        ChatResult result = provider().chat(conversation());

        assertThat(result.text()).isEqualTo("Hello from the model");
        assertThat(result.toolCalls()).isEmpty();
        assertThat(result.usage()).isEqualTo(textAnswerUsage());
        assertThat(result.finishReason()).isEqualTo(ChatResult.FinishReason.STOP);
        assertMessages(lastRequest());
    }

    @Test
    void toolCallsComeBackWithNameAndArgumentsAndTheRequestDefinesTheTool() {
        answer(200, toolCallAnswer(), Map.of());

        ChatResult result = provider().chat(conversation().withTools(List.of(READ_FILE)));

        assertThat(result.toolCalls()).singleElement().satisfies(call -> {
            assertThat(call.name()).isEqualTo("read_file");
            assertThat(JSON.readTree(call.argumentsJson()).path("path").asString()).isEqualTo("README.md");
            assertThat(call.id()).isNotBlank();
        });
        assertThat(result.finishReason()).isEqualTo(ChatResult.FinishReason.TOOL_CALLS);
        assertTools(lastRequest());
    }

    @Test
    void structuredOutputSendsTheSchemaAndReturnsTheJson() {
        answer(200, jsonAnswer("{\"summary\":\"add greeting\",\"risk\":\"low\"}"), Map.of());

        ChatResult result = provider().chat(conversation().withResponseFormat(PLAN_FORMAT));

        assertThat(JSON.readTree(result.text()).path("risk").asString()).isEqualTo("low");
        assertSchema(lastRequest());
    }

    @Test
    void structuredOutputThatIsNotJsonIsAMalformedResponse() {
        answer(200, jsonAnswer("Sure! Here is the plan: add a greeting"), Map.of());

        assertThatThrownBy(() -> provider().chat(conversation().withResponseFormat(PLAN_FORMAT)))
                .isInstanceOfSatisfying(AiCallException.class,
                        e -> assertThat(e.kind()).as(e.getMessage()).isEqualTo(AiCallException.Kind.MALFORMED_RESPONSE));
    }

    @Test
    void rateLimitCarriesTheRetryAfterTheVendorSent() {
        answer(429, errorBody(429, "Rate limit reached, slow down"), Map.of("Retry-After", "7"));

        assertThatThrownBy(() -> provider().chat(conversation()))
                .isInstanceOfSatisfying(AiCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(AiCallException.Kind.RATE_LIMITED);
                    assertThat(e.httpStatus()).isEqualTo(429);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
                    assertThat(e.provider()).isEqualTo(settings(server.baseUrl()).id());
                });
    }

    @Test
    void serverErrorsAndOverloadAreClassifiedForFallback() {
        answer(500, errorBody(500, "Internal server error"), Map.of());
        assertThatThrownBy(() -> provider().chat(conversation()))
                .isInstanceOfSatisfying(AiCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(AiCallException.Kind.SERVER_ERROR);
                    assertThat(e.kind().fallbackWorthy()).isTrue();
                });

        server.resetAll();
        answer(overloadedStatus(), errorBody(overloadedStatus(), "Overloaded"), Map.of());
        assertThatThrownBy(() -> provider().chat(conversation()))
                .isInstanceOfSatisfying(AiCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(AiCallException.Kind.OVERLOADED);
                    assertThat(e.httpStatus()).isEqualTo(overloadedStatus());
                });
    }

    @Test
    void malformedJsonIsAMalformedResponse() {
        answer(200, "{\"id\": \"x\", \"choices\": [ {\"message\": ", Map.of());

        assertThatThrownBy(() -> provider().chat(conversation()))
                .isInstanceOfSatisfying(AiCallException.class,
                        e -> assertThat(e.kind()).as(e.getMessage()).isEqualTo(AiCallException.Kind.MALFORMED_RESPONSE));
    }

    @Test
    void aBodyEchoingTheKeyNeverPutsTheKeyInTheException() {
        answer(401, errorBody(401, "Incorrect API key provided: " + KEY + ". You can find your API key in settings."),
                Map.of());

        List<dev.tamma.core.ai.AiCallRecorded> events = new java.util.ArrayList<>();
        AiProvider metered = new dev.tamma.providers.cost.MeteredProvider(provider(), "openai",
                dev.tamma.providers.cost.PriceTable.defaults(), wf -> dev.tamma.core.ai.Budget.DEFAULT,
                new dev.tamma.providers.cost.SpendLedger(), events::add, clock);
        Throwable thrown = catchThrowable(() -> metered.chat(conversation()));

        assertThat(thrown).isInstanceOfSatisfying(AiCallException.class, e -> {
            assertThat(e.kind()).isEqualTo(AiCallException.Kind.AUTHENTICATION);
            assertThat(e.failureCause()).isEqualTo(dev.tamma.core.workflow.FailureCause.STRUCTURAL);
        });
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(KEY).doesNotContain(KEY.substring(3, 20)).contains("***");
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.outcome()).isEqualTo(dev.tamma.core.ai.AiCallRecorded.Outcome.AUTHENTICATION);
            assertThat(event.toString()).doesNotContain(KEY);
        });
    }

    @Test
    void aMissingKeyIsAStartupErrorNamingTheVariable() {
        if (keyVariable() == null) {
            assertThat(new ProviderFactory(new ApiKeys(Map.of()), clock).create(settings(server.baseUrl())).id())
                    .isEqualTo(settings(server.baseUrl()).id());
            return;
        }
        assertThatThrownBy(() -> new ProviderFactory(new ApiKeys(Map.of()), clock).create(settings(server.baseUrl())))
                .isInstanceOf(ApiKeys.MissingApiKeyException.class)
                .hasMessageContaining(keyVariable())
                .hasMessageContaining(keyVariable() + "_FILE");
    }
}
