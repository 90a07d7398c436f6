package dev.tamma.orchestrator.ai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tamma.core.ai.AiCallRecorded;
import dev.tamma.core.ai.Budget;
import dev.tamma.core.ai.CallContext;
import dev.tamma.core.ai.ChatMessage;
import dev.tamma.core.ai.ChatRequest;
import dev.tamma.core.ai.ChatResult;
import dev.tamma.core.ai.TokenUsage;
import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.StepOutput;
import dev.tamma.core.workflow.WorkflowConfig;
import dev.tamma.core.workflow.WorkflowInput;
import dev.tamma.orchestrator.events.EventStore;
import dev.tamma.orchestrator.events.StoredEvent;
import dev.tamma.orchestrator.testdb.ApiClient;
import dev.tamma.orchestrator.testdb.TammaSpringTest;
import dev.tamma.orchestrator.workflow.WorkflowEngine;
import dev.tamma.orchestrator.workflow.WorkflowHistory;
import dev.tamma.orchestrator.workflow.WorkflowReadModel;
import dev.tamma.providers.ProviderFactory;
import dev.tamma.providers.ProviderSettings;
import dev.tamma.providers.cost.MeteredProvider;
import dev.tamma.providers.cost.PriceTable;
import dev.tamma.providers.cost.SpendLedger;
import dev.tamma.providers.langchain4j.ApiKeys;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The orchestrator's own AI call recorder, as in-process workers use it. */
@TammaSpringTest
@ExtendWith(OutputCaptureExtension.class)
class AiCallLogTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    AiCallLog log;

    @Autowired
    WorkflowEngine engine;

    @Autowired
    WorkflowReadModel readModel;

    @Autowired
    WorkflowHistory history;

    @Autowired
    EventStore events;

    @Autowired
    JdbcClient jdbc;

    private static AiCallRecorded call(String workflow, Step step, String cost) {
        return new AiCallRecorded(new CallContext(workflow, "acme/shop", 12, step, 1), "anthropic",
                "claude-sonnet-4-5", new TokenUsage(1200, 300, 900), new BigDecimal(cost), true,
                Duration.ofMillis(1800), AiCallRecorded.Outcome.SUCCESS,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void callsGoToAStreamOfTheirOwnAndLeaveTheWorkflowsFoldAndVersionAlone() {
        String workflow = "workflow-" + UUID.randomUUID();
        engine.start(workflow, "acme/shop#12", WorkflowConfig.defaults(Mode.DEV));
        int version = readModel.load(workflow).orElseThrow().version();

        AiCallRecorded first = call(workflow, Step.ISSUE_ASSIGNED, "0.00567");
        log.record(first);
        log.record(call(workflow, Step.ISSUE_ASSIGNED, "0.25"));
        engine.handle(workflow, new WorkflowInput.StepSucceeded(Instant.now(), Step.ISSUE_ASSIGNED, 1,
                StepOutput.of("claimed")));

        List<StoredEvent> calls = events.readStream(AiCallEvents.streamOf(workflow));
        assertThat(calls).extracting(StoredEvent::streamVersion).containsExactly(1, 2);
        assertThat(calls).allSatisfy(e -> {
            assertThat(e.type()).isEqualTo("ai.call.recorded");
            assertThat(e.actor()).isEqualTo("tamma");
        });
        JsonNode payload = JSON.readTree(calls.getFirst().payload());
        assertThat(payload.path("workflowId").asString()).isEqualTo(workflow);
        assertThat(payload.path("repository").asString()).isEqualTo("acme/shop");
        assertThat(payload.path("issue").asInt()).isEqualTo(12);
        assertThat(payload.path("step").asString()).isEqualTo("ISSUE_ASSIGNED");
        assertThat(payload.path("attempt").asInt()).isEqualTo(1);
        assertThat(payload.path("cachedInputTokens").asLong()).isEqualTo(900);
        assertThat(payload.path("costUsd").decimalValue()).isEqualByComparingTo("0.00567");
        assertThat(payload.path("latencyMs").asLong()).isEqualTo(1800);
        assertThat(AiCallEvents.decode(calls.getFirst().payload())).isEqualTo(first);

        assertThat(events.readStream(workflow)).noneMatch(e -> e.type().equals(AiCallEvents.TYPE));
        var snapshot = readModel.load(workflow).orElseThrow();
        assertThat(snapshot.version()).as("only the decision moved the workflow")
                .isEqualTo(events.version(workflow)).isGreaterThan(version);
        assertThat(snapshot.state().step()).isEqualTo(Step.ANALYZE);
        assertThat(history.replay(workflow)).isEqualTo(snapshot.state());
    }

    @Test
    void aCallThatCannotBeStoredIsLoggedNotThrownIntoTheStep(CapturedOutput output) {
        // a stream id may not span lines, so this record cannot be appended
        log.record(call("workflow-broken\nid", Step.PLAN, "0.30"));

        assertThat(output.getAll()).contains("Could not record 1 AI call (anthropic claude-sonnet-4-5, $0.30) of "
                + "workflow workflow-broken").contains("It is missing from the event log and from tamma costs");
    }

    @Test
    void aReportStoredTwiceOrByFourWritersAtOnceIsKeptOnce() throws Exception {
        String workflow = "workflow-" + UUID.randomUUID();
        List<AiCallLog.IdentifiedCall> report = List.of(
                new AiCallLog.IdentifiedCall(UUID.randomUUID(), call(workflow, Step.PLAN, "0.10")),
                new AiCallLog.IdentifiedCall(UUID.randomUUID(), call(workflow, Step.PLAN, "0.20")));
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<Integer>> stored = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                stored.add(writers.submit((Callable<Integer>) () -> {
                    go.await();
                    return log.append(report, "w1");
                }));
            }
            go.countDown();
            int total = 0;
            for (Future<Integer> each : stored) {
                total += each.get();
            }
            assertThat(total).isEqualTo(2);
        } finally {
            writers.shutdownNow();
        }
        assertThat(log.append(report, "w1")).isZero();
        assertThat(events.readStream(AiCallEvents.streamOf(workflow))).hasSize(2);
    }

    @Test
    void aRealProviderCallIsRecordedWithoutItsPromptAnswerOrKeyAndCounted() throws Exception {
        String key = "sk-ant-api03-KEY-NEVER-STORED-5d1e";
        WireMockServer anthropic = new WireMockServer(wireMockConfig().dynamicPort());
        anthropic.start();
        try {
            anthropic.stubFor(post(urlPathEqualTo("/v1/messages")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("""
                            {"id": "msg_01", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5-20250929",
                             "content": [{"type": "text", "text": "ANSWER-TEXT-9c1e"}],
                             "stop_reason": "end_turn", "stop_sequence": null,
                             "usage": {"input_tokens": 300, "output_tokens": 300, "cache_read_input_tokens": 900}}
                            """)));
            var provider = new ProviderFactory(new ApiKeys(Map.of("ANTHROPIC_API_KEY", key)), Clock.systemUTC())
                    .create(ProviderSettings.of("anthropic", "anthropic").withBaseUrl(anthropic.baseUrl() + "/v1/"));
            var metered = new MeteredProvider(provider, "anthropic", PriceTable.defaults(), wf -> Budget.DEFAULT,
                    new SpendLedger(), log, Clock.systemUTC());
            String workflow = "workflow-" + UUID.randomUUID();

            ChatResult answer = metered.chat(ChatRequest.of(new CallContext(workflow, "acme/metered", 5, Step.REVIEW, 2),
                    List.of(ChatMessage.system("SYSTEM-PROMPT-b77a"), ChatMessage.user("USER-PROMPT-7f3a")))
                    .withModel("claude-sonnet-4-5"));

            assertThat(answer.text()).isEqualTo("ANSWER-TEXT-9c1e");
            StoredEvent stored = events.readStream(AiCallEvents.streamOf(workflow)).getFirst();
            AiCallRecorded recorded = AiCallEvents.decode(stored.payload());
            assertThat(recorded.usage()).isEqualTo(new TokenUsage(1200, 300, 900));
            // 300 uncached at $3, 900 cached at $0.30, 300 out at $15 per million
            assertThat(recorded.costUsd()).isEqualByComparingTo("0.00567");
            assertThat(recorded.context().attempt()).isEqualTo(2);
            for (String secret : List.of(key, "SYSTEM-PROMPT-b77a", "USER-PROMPT-7f3a", "ANSWER-TEXT-9c1e")) {
                assertThat(jdbc.sql("SELECT count(*) FROM event WHERE payload::text LIKE ? OR actor LIKE ?")
                        .params("%" + secret + "%", "%" + secret + "%").query(Integer.class).single())
                        .as(secret).isZero();
            }

            String metrics = ApiClient.admin(port).get("/actuator/prometheus").body();
            assertThat(metrics)
                    .containsPattern("tamma_ai_cost_usd_total\\{[^}]*model=\"claude-sonnet-4-5\"[^}]*step=\"review\"[^}]*} "
                            + "0\\.00567")
                    .containsPattern("tamma_ai_tokens_total\\{[^}]*kind=\"cached\"[^}]*step=\"review\"[^}]*} 900")
                    .containsPattern("tamma_ai_tokens_total\\{[^}]*kind=\"input\"[^}]*step=\"review\"[^}]*} 300")
                    .containsPattern("tamma_ai_calls_total\\{[^}]*outcome=\"success\"[^}]*step=\"review\"[^}]*} 1")
                    .contains("tamma_ai_call_duration_seconds_count{model=\"claude-sonnet-4-5\",provider=\"anthropic\"}");
        } finally {
            anthropic.stop();
        }
    }
}
