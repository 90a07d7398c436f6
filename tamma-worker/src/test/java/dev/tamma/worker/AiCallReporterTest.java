package dev.tamma.worker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.tamma.core.ai.AiCallRecorded;
import dev.tamma.core.ai.CallContext;
import dev.tamma.core.ai.TokenUsage;
import dev.tamma.core.workflow.Step;
import dev.tamma.providers.cost.SpendLedger;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The worker's AI call reporter against a stand-in for the orchestrator's lease API. */
class AiCallReporterTest {

    private static final String TOKEN = "tamma_wt_reporterTestToken";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final StepTask task = new StepTask(UUID.randomUUID(), "workflow-7", "acme/shop", Step.IMPLEMENT, 2, "{}",
            Instant.now().plusSeconds(60), Map.of("token", "ghp_leaseCredential"));
    private final String path = "/api/v1/leases/" + task.leaseId() + "/ai-calls";
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private WireMockServer orchestrator;
    private AiCallReporter reporter;

    @BeforeEach
    void start() {
        orchestrator = new WireMockServer(wireMockConfig().dynamicPort());
        orchestrator.start();
        reporter = new AiCallReporter(new OrchestratorClient(URI.create(orchestrator.baseUrl()), TOKEN),
                new SpendLedger(), 3, Duration.ofMillis(10));
        logs.start();
        ((Logger) LoggerFactory.getLogger(AiCallReporter.class)).addAppender(logs);
    }

    @AfterEach
    void stop() throws InterruptedException {
        reporter.close();
        ((Logger) LoggerFactory.getLogger(AiCallReporter.class)).detachAppender(logs);
        orchestrator.stop();
    }

    private static AiCallRecorded call(Step step, int attempt, String cost) {
        return new AiCallRecorded(new CallContext("workflow-7", "acme/shop", 12, step, attempt), "anthropic",
                "claude-sonnet-4-5", new TokenUsage(1200, 300, 1000), new BigDecimal(cost), true,
                Duration.ofMillis(2345), AiCallRecorded.Outcome.SUCCESS, Instant.parse("2026-11-21T10:00:00Z"));
    }

    private void orchestratorAnswers(int status) {
        orchestrator.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(status == 200 ? "{\"recorded\":1,\"alreadyRecorded\":0}" : "{\"error\":\"no\"}")));
    }

    private List<String> errors() {
        return logs.list.stream().filter(e -> e.getLevel().toString().equals("ERROR"))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void theCallsOfALeaseAreSentBeforeFinishedReturnsWithOnlyCountsCostAndTiming() throws Exception {
        orchestratorAnswers(200);
        reporter.leased(task);
        reporter.record(call(Step.IMPLEMENT, 2, "0.0123"));
        reporter.record(call(Step.IMPLEMENT, 2, "0.0000015"));

        reporter.finished(task);

        List<JsonNode> calls = orchestrator.findAll(postRequestedFor(urlEqualTo(path))
                        .withHeader("Authorization", equalTo("Bearer " + TOKEN))).stream()
                .flatMap(request -> JSON.readTree(request.getBodyAsString()).path("calls").valueStream())
                .toList();
        assertThat(calls).hasSize(2);
        JsonNode first = calls.getFirst();
        assertThat(first.propertyNames()).containsExactly("id", "provider", "model", "inputTokens", "outputTokens",
                "cachedInputTokens", "costUsd", "priceKnown", "latencyMs", "outcome", "occurredAt");
        assertThat(first.path("provider").asString()).isEqualTo("anthropic");
        assertThat(first.path("inputTokens").asLong()).isEqualTo(1200);
        assertThat(first.path("cachedInputTokens").asLong()).isEqualTo(1000);
        assertThat(first.path("costUsd").decimalValue()).isEqualByComparingTo("0.0123");
        assertThat(calls.get(1).path("costUsd").decimalValue()).isEqualByComparingTo("0.0000015");
        assertThat(first.path("latencyMs").asLong()).isEqualTo(2345);
        assertThat(first.path("occurredAt").asString()).isEqualTo("2026-11-21T10:00:00Z");
        assertThat(calls).extracting(c -> c.path("id").asString()).doesNotHaveDuplicates();
        assertThat(reporter.lost()).isZero();
    }

    @Test
    void aFailingOrchestratorIsTriedAgainUntilItTakesTheReport() throws Exception {
        orchestrator.stubFor(post(urlEqualTo(path)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("still down"));
        orchestrator.stubFor(post(urlEqualTo(path)).inScenario("flaky").whenScenarioStateIs("still down")
                .willReturn(aResponse().withStatus(502)).willSetStateTo("up"));
        orchestrator.stubFor(post(urlEqualTo(path)).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withBody("{\"recorded\":1,\"alreadyRecorded\":0}")));
        reporter.leased(task);
        reporter.record(call(Step.IMPLEMENT, 2, "0.50"));

        reporter.finished(task);

        List<String> ids = orchestrator.findAll(postRequestedFor(urlEqualTo(path))).stream()
                .map(r -> JSON.readTree(r.getBodyAsString()).path("calls").get(0).path("id").asString()).toList();
        assertThat(ids).hasSize(3).as("the same id each time, so the orchestrator stores it once").containsOnly(ids.getFirst());
        assertThat(reporter.lost()).isZero();
        assertThat(errors()).isEmpty();
    }

    @Test
    void afterTheLastTryTheCallsAreGivenUpWithAnErrorThatCountsThem() throws Exception {
        orchestratorAnswers(500);
        reporter.leased(task);
        reporter.record(call(Step.IMPLEMENT, 2, "0.50"));
        reporter.record(call(Step.IMPLEMENT, 2, "0.25"));

        reporter.finished(task);

        Map<String, Long> triesById = orchestrator.findAll(postRequestedFor(urlEqualTo(path))).stream()
                .flatMap(r -> JSON.readTree(r.getBodyAsString()).path("calls").valueStream())
                .collect(Collectors.groupingBy(c -> c.path("id").asString(), Collectors.counting()));
        assertThat(triesById).hasSize(2).allSatisfy((id, tries) -> assertThat(tries).isEqualTo(3));
        assertThat(reporter.lost()).isEqualTo(2);
        // the sender may have taken the second call in the first report or in a report of its own
        assertThat(errors()).isNotEmpty().allSatisfy(error -> assertThat(error)
                .containsPattern("Could not report [12] AI calls? of lease " + task.leaseId())
                .contains("workflow workflow-7 step IMPLEMENT attempt 2")
                .contains("500").contains("tried 3 times")
                .doesNotContain("ghp_leaseCredential").doesNotContain(TOKEN));
        assertThat(errors().stream().mapToInt(error -> Integer.parseInt(error.split(" ")[3])).sum()).isEqualTo(2);
    }

    @Test
    void aRefusalThatCannotPassIsNotTriedAgain() throws Exception {
        orchestratorAnswers(404);
        reporter.leased(task);
        reporter.record(call(Step.IMPLEMENT, 2, "0.50"));

        reporter.finished(task);

        assertThat(orchestrator.findAll(postRequestedFor(urlEqualTo(path)))).hasSize(1);
        assertThat(reporter.lost()).isEqualTo(1);
        assertThat(errors()).singleElement().asString().contains("Could not report 1 AI call of lease")
                .contains("404");
    }

    @Test
    void aCallOutsideAnyHeldLeaseIsCountedAsLostAndSentNowhere() throws Exception {
        orchestratorAnswers(200);
        reporter.leased(task);
        reporter.record(call(Step.REVIEW, 1, "0.10"));
        reporter.finished(task);

        assertThat(orchestrator.findAll(postRequestedFor(urlEqualTo(path)))).isEmpty();
        assertThat(reporter.lost()).isEqualTo(1);
        assertThat(errors()).singleElement().asString().contains("1 AI call (anthropic claude-sonnet-4-5, $0.10)")
                .contains("workflow workflow-7 step REVIEW attempt 1").contains("outside any lease");
    }

    @Test
    void afterTheTaskIsFinishedItsCallsAreNoLongerTaken() throws Exception {
        orchestratorAnswers(200);
        reporter.leased(task);
        reporter.finished(task);
        reporter.record(call(Step.IMPLEMENT, 2, "0.10"));

        assertThat(reporter.lost()).isEqualTo(1);
    }

    @Test
    void takingALeaseCatchesTheLedgerUpWithWhatTheWorkflowHadSpent() {
        StepTask spent = new StepTask(UUID.randomUUID(), "workflow-7", "acme/shop", Step.REVIEW, 1, "{}",
                Instant.now().plusSeconds(60), Map.of(),
                new StepTask.AiSpend(new BigDecimal("4.20"), new BigDecimal("0.30")));

        reporter.leased(spent);

        assertThat(reporter.ledger().spentInWorkflow("workflow-7")).isEqualByComparingTo("4.20");
        assertThat(reporter.ledger().spentInStep("workflow-7", Step.REVIEW)).isEqualByComparingTo("0.30");
    }

    @Test
    void aFinishedStepsSpendIsLeftToTheLogWhichTheNextLeaseBrings() throws Exception {
        orchestratorAnswers(200);
        reporter.leased(task);
        reporter.record(call(Step.IMPLEMENT, 2, "0.10"));
        reporter.ledger().add("workflow-7", Step.IMPLEMENT, new BigDecimal("0.10")); // as the metering does

        reporter.finished(task);
        assertThat(reporter.ledger().spentInWorkflow("workflow-7")).as("not kept for ever").isZero();

        StepTask next = new StepTask(UUID.randomUUID(), "workflow-7", "acme/shop", Step.BUILD, 1, "{}",
                Instant.now().plusSeconds(60), Map.of(), new StepTask.AiSpend(new BigDecimal("0.10"), BigDecimal.ZERO));
        reporter.leased(next);
        assertThat(reporter.ledger().spentInWorkflow("workflow-7")).isEqualByComparingTo("0.10");
    }

    @Test
    void closingSendsWhatIsStillWaiting() throws Exception {
        orchestrator.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200).withFixedDelay(200)
                .withBody("{\"recorded\":1,\"alreadyRecorded\":0}")));
        reporter.leased(task);
        for (int i = 0; i < 5; i++) {
            reporter.record(call(Step.IMPLEMENT, 2, "0.01"));
        }

        reporter.close();

        int sent = orchestrator.findAll(postRequestedFor(urlEqualTo(path))).stream()
                .mapToInt(r -> JSON.readTree(r.getBodyAsString()).path("calls").size()).sum();
        assertThat(sent).isEqualTo(5);
        assertThat(reporter.lost()).isZero();
    }
}
