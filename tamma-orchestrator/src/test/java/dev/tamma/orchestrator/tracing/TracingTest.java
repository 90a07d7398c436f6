package dev.tamma.orchestrator.tracing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.WorkflowConfig;
import dev.tamma.orchestrator.lease.WorkerTokens;
import dev.tamma.orchestrator.testdb.TammaSpringTest;
import dev.tamma.orchestrator.workflow.WorkflowEngine;
import dev.tamma.worker.AiCallReporter;
import dev.tamma.worker.OrchestratorClient;
import dev.tamma.worker.StepHandlers;
import dev.tamma.worker.StepResult;
import dev.tamma.worker.Worker;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With {@code tamma.tracing.enabled}, a step run by a worker in another process (its own
 * OpenTelemetry SDK, reaching the orchestrator only over HTTP) is one trace: the engine's decision
 * queued the task, the lease grant continues the task's trace, the worker's step span is a child of
 * the grant, and the orchestrator's handling of the answer is a child of the step.
 */
@TammaSpringTest
@Import(TracingTest.Exporter.class)
class TracingTest {

    private static final String WEBHOOK_SECRET = "gitea-secret-of-the-tracing-test";
    private static final WireMockServer COLLECTOR = new WireMockServer(options().dynamicPort());

    static {
        COLLECTOR.start();
        COLLECTOR.stubFor(post(urlEqualTo("/v1/traces")).willReturn(aResponse().withStatus(200)));
    }

    @DynamicPropertySource
    static void tracing(DynamicPropertyRegistry registry) {
        registry.add("tamma.tracing.enabled", () -> "true");
        registry.add("management.opentelemetry.tracing.export.otlp.endpoint", () -> COLLECTOR.baseUrl() + "/v1/traces");
        registry.add("management.opentelemetry.tracing.export.schedule-delay", () -> "50ms");
        registry.add("tamma.webhooks.gitea.secrets[0]", () -> WEBHOOK_SECRET);
    }

    @TestConfiguration
    static class Exporter {
        @Bean
        InMemorySpanExporter orchestratorSpans() {
            return InMemorySpanExporter.create();
        }
    }

    @AfterAll
    static void stop() {
        COLLECTOR.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    InMemorySpanExporter orchestratorSpans;

    @Autowired
    WorkerTokens tokens;

    @Autowired
    WorkflowEngine engine;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aStepRunByARemoteWorkerIsOneTraceFromTheDecisionThatQueuedItToTheAnswer() throws Exception {
        String owner = "tracetest-" + UUID.randomUUID().toString().substring(0, 8);
        String workflow = "workflow-" + UUID.randomUUID();
        engine.start(workflow, owner + "/shop#7", WorkflowConfig.defaults(Mode.DEV));

        InMemorySpanExporter workerSpans = InMemorySpanExporter.create();
        SpanData step;
        try (SdkTracerProvider provider = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(workerSpans)).build()) {
            OtelCurrentTraceContext current = new OtelCurrentTraceContext();
            OtelTracer tracer = new OtelTracer(provider.get("remote-worker"), current, event -> { },
                    new OtelBaggageManager(current, List.of(), List.of()));
            OrchestratorClient client = new OrchestratorClient(URI.create("http://localhost:" + port),
                    tokens.create("traced", List.of(owner + "/*"), List.of()).secret(), tracer);
            Worker worker = new Worker(client, StepHandlers.none().forEveryStep(task -> StepResult.succeeded("claimed")),
                    new AiCallReporter(client), "traced-worker", List.of(), Duration.ofSeconds(5), tracer);

            assertThat(client.lease("idle", List.of(), "workflow-without-work", Duration.ZERO)).isEmpty();
            assertThat(worker.runOnce(workflow, Duration.ofSeconds(10))).isEqualTo(Worker.Outcome.SUCCEEDED);
            step = only(workerSpans.getFinishedSpanItems(), named("tamma.step.run")); // closing the SDK clears them
        }
        SpanData queued = awaitSpan(named("tamma.task.queued").and(tagged("tamma.step", "ISSUE_ASSIGNED"))
                .and(tagged("tamma.workflow.id", workflow)));
        SpanData started = byId(queued.getParentSpanId());
        SpanData granted = awaitSpan(named("tamma.lease.grant").and(tagged("tamma.workflow.id", workflow)));
        SpanData answered = awaitSpan(named("tamma.lease.answer").and(tagged("tamma.workflow.id", workflow)));
        SpanData answerRequest = byId(answered.getParentSpanId());
        SpanData decided = awaitSpan(named("tamma.workflow.decide").and(tagged("tamma.input", "StepSucceeded"))
                .and(tagged("tamma.workflow.id", workflow)));
        SpanData next = awaitSpan(named("tamma.task.queued").and(tagged("tamma.step", "ANALYZE"))
                .and(tagged("tamma.workflow.id", workflow)));

        String trace = queued.getTraceId();
        assertThat(List.of(started, granted, step, answerRequest, answered, decided, next))
                .extracting(SpanData::getTraceId).containsOnly(trace);
        assertThat(started.getName()).isEqualTo("tamma.workflow.decide");
        assertThat(started.getAttributes().get(AttributeKey.stringKey("tamma.input"))).isEqualTo("Start");
        assertThat(granted.getParentSpanId()).as("the grant continues the queued task's trace")
                .isEqualTo(queued.getSpanId());
        assertThat(step.getParentSpanId()).as("the worker's step is a child of the lease").isEqualTo(granted.getSpanId());
        assertThat(answerRequest.getParentSpanId()).as("the complete call carries the step's context")
                .isEqualTo(step.getSpanId());
        assertThat(decided.getParentSpanId()).isEqualTo(answered.getSpanId());
        assertThat(next.getParentSpanId()).isEqualTo(decided.getSpanId());

        assertThat(orchestratorSpans.getFinishedSpanItems()).as("lease requests that found no work")
                .noneMatch(s -> "/api/v1/leases".equals(s.getAttributes().get(AttributeKey.stringKey("uri")))
                        && "204".equals(s.getAttributes().get(AttributeKey.stringKey("status"))));
        assertThat(orchestratorSpans.getFinishedSpanItems()).as("the lease request that got the task")
                .anyMatch(s -> "/api/v1/leases".equals(s.getAttributes().get(AttributeKey.stringKey("uri")))
                        && "200".equals(s.getAttributes().get(AttributeKey.stringKey("status"))));
        String lease = jdbc.sql("SELECT lease_id::text FROM task WHERE workflow_id = ? AND step = 'ISSUE_ASSIGNED'")
                .param(workflow).query(String.class).single();
        assertThat(step.getAttributes().asMap()).extractingFromEntries(e -> e.getKey().getKey(), e -> e.getValue())
                .contains(org.assertj.core.groups.Tuple.tuple("tamma.workflow.id", workflow),
                        org.assertj.core.groups.Tuple.tuple("tamma.repository", owner + "/shop"),
                        org.assertj.core.groups.Tuple.tuple("tamma.step", "ISSUE_ASSIGNED"),
                        org.assertj.core.groups.Tuple.tuple("tamma.attempt", 1L),
                        org.assertj.core.groups.Tuple.tuple("tamma.lease.id", lease),
                        org.assertj.core.groups.Tuple.tuple("tamma.outcome", "succeeded"));
        assertThat(granted.getAttributes().get(AttributeKey.stringKey("tamma.lease.id"))).isEqualTo(lease);
        assertThat(jdbc.sql("SELECT traceparent FROM task WHERE workflow_id = ? AND step = 'ANALYZE'")
                .param(workflow).query(String.class).single())
                .isEqualTo("00-" + trace + "-" + next.getSpanId() + "-01");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(COLLECTOR
                .findAll(postRequestedFor(urlEqualTo("/v1/traces"))).stream()
                .map(r -> new String(r.getBody(), StandardCharsets.ISO_8859_1)))
                .as("spans exported over OTLP/HTTP as service tamma-orchestrator")
                .anyMatch(body -> body.contains("tamma.lease.grant") && body.contains("tamma-orchestrator")));
    }

    @Test
    void noSpanCarriesACredentialOrWhatAStepSaid() throws Exception {
        aStepRunByARemoteWorkerIsOneTraceFromTheDecisionThatQueuedItToTheAnswer();

        assertThat(orchestratorSpans.getFinishedSpanItems()).allSatisfy(span -> assertThat(span.getAttributes().toString())
                .doesNotContain("tamma_wt_", "Bearer", "claimed"));
    }

    @Test
    void aWebhookDeliveryIsConsumedInTheTraceOfItsIntake() throws Exception {
        String repository = "tracetest-" + UUID.randomUUID().toString().substring(0, 8) + "/shop";
        String delivery = UUID.randomUUID().toString();
        String body = "{\"action\":\"opened\",\"number\":3,\"pull_request\":{\"number\":3,\"head\":{\"sha\":\"f00d\","
                + "\"ref\":\"patch-1\",\"repo\":{\"full_name\":\"" + repository + "\"}},\"base\":{\"ref\":\"main\","
                + "\"repo\":{\"full_name\":\"" + repository + "\"}},\"user\":{\"login\":\"carol\"}},"
                + "\"repository\":{\"id\":140,\"full_name\":\"" + repository + "\"},"
                + "\"sender\":{\"id\":2,\"login\":\"carol\",\"username\":\"carol\"}}";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/webhooks/gitea"))
                .header("Content-Type", "application/json").header("X-Gitea-Event", "pull_request")
                .header("X-Gitea-Delivery", delivery)
                .header("X-Gitea-Signature", HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8))))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).contains("stored");

        SpanData intake = awaitSpan(named("tamma.webhook.intake").and(tagged("tamma.webhook.delivery", delivery)));
        SpanData consumed = awaitSpan(named("tamma.webhook.process").and(tagged("tamma.repository", repository)));

        assertThat(intake.getAttributes().get(AttributeKey.stringKey("tamma.outcome"))).isEqualTo("stored");
        assertThat(byId(intake.getParentSpanId()).getName()).startsWith("http post");
        assertThat(consumed.getTraceId()).isEqualTo(intake.getTraceId());
        assertThat(consumed.getParentSpanId()).as("consumed on the inbox's own thread, in the intake's trace")
                .isEqualTo(intake.getSpanId());
    }

    private SpanData awaitSpan(Predicate<SpanData> matching) {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> orchestratorSpans.getFinishedSpanItems().stream().filter(matching).reduce((a, b) -> b),
                Optional::isPresent).orElseThrow();
    }

    private SpanData byId(String spanId) {
        return awaitSpan(s -> s.getSpanId().equals(spanId));
    }

    private static SpanData only(List<SpanData> spans, Predicate<SpanData> matching) {
        List<SpanData> found = spans.stream().filter(matching).toList();
        assertThat(found).hasSize(1);
        return found.getFirst();
    }

    private static Predicate<SpanData> named(String name) {
        return span -> span.getName().equals(name);
    }

    private static Predicate<SpanData> tagged(String key, String value) {
        return span -> value.equals(span.getAttributes().get(AttributeKey.stringKey(key)));
    }
}
