package dev.tamma.providers.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.tamma.core.ai.CodingResult;
import dev.tamma.core.ai.CodingTask;
import dev.tamma.core.workflow.Step;
import dev.tamma.providers.ProviderFactory;
import dev.tamma.providers.ProviderSettings;
import dev.tamma.providers.cost.PriceTable;
import dev.tamma.providers.langchain4j.ApiKeys;
import dev.tamma.providers.testing.MutableClock;
import dev.tamma.providers.testing.Requests;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The built-in agent driving a real LangChain4j provider: a tool call goes out, its result comes back to the model. */
class BuiltinAgentOverHttpTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path workspace;

    private WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void toolCallsRoundTripThroughOpenAiChatCompletions() throws Exception {
        server.stubFor(post(urlPathEqualTo("/v1/chat/completions")).inScenario("agent")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("wrote")
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "gpt-4.1",
                         "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {"role": "assistant",
                           "content": null, "tool_calls": [{"id": "call_write", "type": "function", "function":
                             {"name": "write_file", "arguments": "{\\"path\\": \\"hello.txt\\", \\"content\\": \\"hello\\\\n\\"}"}}]}}],
                         "usage": {"prompt_tokens": 1000, "completion_tokens": 50, "total_tokens": 1050}}
                        """)));
        server.stubFor(post(urlPathEqualTo("/v1/chat/completions")).inScenario("agent")
                .whenScenarioStateIs("wrote")
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"id": "chatcmpl-2", "object": "chat.completion", "created": 2, "model": "gpt-4.1",
                         "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {"role": "assistant",
                           "content": null, "tool_calls": [{"id": "call_done", "type": "function", "function":
                             {"name": "done", "arguments": "{\\"summary\\": \\"Created hello.txt\\"}"}}]}}],
                         "usage": {"prompt_tokens": 1200, "completion_tokens": 20, "total_tokens": 1220}}
                        """)));
        MutableClock clock = MutableClock.atEpochPlus(Duration.ZERO);
        var provider = new ProviderFactory(new ApiKeys(Map.of("OPENAI_API_KEY", "sk-test")), clock)
                .create(ProviderSettings.of("openai", "openai").withBaseUrl(server.baseUrl() + "/v1").withDefaultModel("gpt-4.1"));
        PriceTable prices = PriceTable.defaults();
        BuiltinCodingAgent agent = new BuiltinCodingAgent(provider, ProcessCommandRunner.fromSystemEnvironment(),
                answer -> prices.price("openai", answer.model()).orElseThrow().cost(answer.usage()), Duration.ofSeconds(30),
                clock);

        CodingResult result = agent.run(new CodingTask(Requests.context("wf", Step.IMPLEMENT), workspace,
                "Create hello.txt", 10, new BigDecimal("1.00"), Duration.ofMinutes(10)));

        assertThat(result.done()).isTrue();
        assertThat(result.summary()).startsWith("Created hello.txt");
        assertThat(Files.readString(workspace.resolve("hello.txt"))).isEqualTo("hello\n");
        // gpt-4.1: 2200 in * $2 + 70 out * $8 per million
        assertThat(result.costUsd()).isEqualByComparingTo("0.00496");
        server.verify(2, postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
        JsonNode second = JSON.readTree(server.getAllServeEvents().getFirst().getRequest().getBodyAsString());
        JsonNode messages = second.path("messages");
        assertThat(messages.get(2).path("role").asString()).isEqualTo("assistant");
        assertThat(messages.get(2).path("tool_calls").get(0).path("id").asString()).isEqualTo("call_write");
        assertThat(messages.get(3).path("role").asString()).isEqualTo("tool");
        assertThat(messages.get(3).path("tool_call_id").asString()).isEqualTo("call_write");
        assertThat(messages.get(3).path("content").asString()).isEqualTo("wrote hello.txt (6 characters)");
        assertThat(second.path("tools")).hasSize(WorkspaceTools.specs().size());
    }
}
