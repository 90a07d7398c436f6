package dev.tamma.orchestrator.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.WorkflowConfig;
import dev.tamma.orchestrator.ai.AiCallEvents;
import dev.tamma.orchestrator.testdb.TammaSpringTest;
import dev.tamma.orchestrator.workflow.WorkflowEngine;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /api/v1/leases/{id}/ai-calls}: workers report what their AI calls cost. */
@TammaSpringTest
@FastLeases
class AiCallReportApiTest {

    @LocalServerPort
    int port;

    @Autowired
    WorkerTokens tokens;

    @Autowired
    WorkflowEngine engine;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private String owner;
    private WorkerTokens.Created token;
    private String workflow;

    @BeforeEach
    void aWorkflowWithAStepToLease() {
        owner = "leasetest-" + UUID.randomUUID().toString().substring(0, 8);
        token = tokens.create("reporting worker", List.of(owner + "/*"), List.of());
        workflow = "workflow-" + UUID.randomUUID();
        engine.start(workflow, owner + "/shop#12", WorkflowConfig.defaults(Mode.DEV)
                .withBackoff(Duration.ofMillis(100), Duration.ofMillis(200)));
    }

    private record Reply(int status, JsonNode body) {
    }

    private Reply post(String path, String bearer, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : json.writeValueAsString(body)));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body().isEmpty() ? null : json.readTree(response.body()));
    }

    private String lease() throws Exception {
        Reply leased = post("/api/v1/leases", token.secret(), Map.of("worker", "w1", "waitSeconds", 5));
        assertThat(leased.status()).isEqualTo(200);
        assertThat(leased.body().path("aiSpend").path("workflowUsd").decimalValue()).isEqualByComparingTo("0");
        String lease = leased.body().path("leaseId").asString();
        assertThat(post("/api/v1/leases/" + lease + "/heartbeat", token.secret(), Map.of()).status())
                .as("acknowledged, as a worker does before it starts").isEqualTo(200);
        return lease;
    }

    private static Map<String, Object> call(String id, String cost) {
        Map<String, Object> call = new HashMap<>();
        call.put("id", id);
        call.put("provider", "anthropic");
        call.put("model", "claude-sonnet-4-5");
        call.put("inputTokens", 1200);
        call.put("outputTokens", 300);
        call.put("cachedInputTokens", 900);
        call.put("costUsd", new BigDecimal(cost));
        call.put("priceKnown", true);
        call.put("latencyMs", 2100);
        call.put("outcome", "SUCCESS");
        call.put("occurredAt", "2026-11-21T10:00:00.123Z");
        return call;
    }

    private List<JsonNode> stored() {
        return jdbc.sql("SELECT payload::text FROM event WHERE stream_id = ? ORDER BY stream_version")
                .param(AiCallEvents.streamOf(workflow)).query(String.class).list().stream().map(json::readTree).toList();
    }

    @Test
    void theLeaseNamesWhoseCallsTheyAreAndARepeatedReportIsStoredOnce() throws Exception {
        String lease = lease();
        Map<String, Object> report = Map.of("calls", List.of(call(UUID.randomUUID().toString(), "0.00567"),
                call(UUID.randomUUID().toString(), "0.25")));

        Reply first = post("/api/v1/leases/" + lease + "/ai-calls", token.secret(), report);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().path("recorded").asInt()).isEqualTo(2);
        Reply again = post("/api/v1/leases/" + lease + "/ai-calls", token.secret(), report);
        assertThat(again.body().path("recorded").asInt()).isZero();
        assertThat(again.body().path("alreadyRecorded").asInt()).isEqualTo(2);

        List<JsonNode> calls = stored();
        assertThat(calls).hasSize(2);
        JsonNode call = calls.getFirst();
        assertThat(call.path("workflowId").asString()).isEqualTo(workflow);
        assertThat(call.path("repository").asString()).isEqualTo(owner + "/shop");
        assertThat(call.path("issue").asInt()).isEqualTo(12);
        assertThat(call.path("step").asString()).isEqualTo("ISSUE_ASSIGNED");
        assertThat(call.path("attempt").asInt()).isEqualTo(1);
        assertThat(call.path("costUsd").decimalValue()).isEqualByComparingTo("0.00567");
        assertThat(call.path("occurredAt").asString()).isEqualTo("2026-11-21T10:00:00.123Z");
        assertThat(jdbc.sql("SELECT DISTINCT actor FROM event WHERE stream_id = ?")
                .param(AiCallEvents.streamOf(workflow)).query(String.class).single())
                .isEqualTo(token.id() + "/w1");
    }

    @Test
    void anotherWorkersLeaseOrNoTokenIsRefusedAndNothingIsStored() throws Exception {
        String lease = lease();
        String stranger = tokens.create("stranger", List.of(), List.of()).secret();
        Map<String, Object> report = Map.of("calls", List.of(call(UUID.randomUUID().toString(), "1.00")));

        Reply refused = post("/api/v1/leases/" + lease + "/ai-calls", stranger, report);
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.body().path("error").asString()).isEqualTo("no lease " + lease + " for this worker token");
        assertThat(post("/api/v1/leases/" + lease + "/ai-calls", null, report).status()).isEqualTo(401);
        assertThat(post("/api/v1/leases/" + UUID.randomUUID() + "/ai-calls", token.secret(), report).status())
                .isEqualTo(404);
        assertThat(stored()).isEmpty();
    }

    @Test
    void aLateReportForAnExpiredLeaseIsStillRecordedBecauseTheMoneyWasSpent() throws Exception {
        String lease = lease();
        await().atMost(Duration.ofSeconds(15)).until(() -> "EXPIRED".equals(jdbc.sql(
                "SELECT status FROM task WHERE lease_id = ?").param(UUID.fromString(lease)).query(String.class).single()));

        Reply late = post("/api/v1/leases/" + lease + "/ai-calls", token.secret(),
                Map.of("calls", List.of(call(UUID.randomUUID().toString(), "0.40"))));

        assertThat(late.status()).isEqualTo(200);
        assertThat(stored()).singleElement().satisfies(c -> assertThat(c.path("attempt").asInt()).isEqualTo(1));

        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql(
                "SELECT count(*) FROM task WHERE workflow_id = ? AND attempt = 2").param(workflow)
                .query(Integer.class).single() == 1);
        Reply next = post("/api/v1/leases", token.secret(), Map.of("worker", "w2", "waitSeconds", 5));
        assertThat(next.body().path("attempt").asInt()).isEqualTo(2);
        assertThat(next.body().path("aiSpend").path("workflowUsd").decimalValue())
                .as("the next attempt knows what was spent, whoever spent it").isEqualByComparingTo("0.40");
        assertThat(next.body().path("aiSpend").path("stepUsd").decimalValue()).isEqualByComparingTo("0.40");
    }

    @Test
    void fieldsOtherThanTheCostsAreNeverStored() throws Exception {
        String lease = lease();
        Map<String, Object> call = call(UUID.randomUUID().toString(), "0.10");
        call.put("prompt", "PROMPT-TEXT-1d9b");
        call.put("apiKey", "sk-KEY-IN-A-REPORT-44aa");
        call.put("workflowId", "workflow-someone-elses");

        assertThat(post("/api/v1/leases/" + lease + "/ai-calls", token.secret(), Map.of("calls", List.of(call)))
                .status()).isEqualTo(200);

        assertThat(stored()).singleElement().satisfies(c -> assertThat(c.path("workflowId").asString())
                .isEqualTo(workflow));
        for (String secret : List.of("PROMPT-TEXT-1d9b", "sk-KEY-IN-A-REPORT-44aa", "workflow-someone-elses")) {
            assertThat(jdbc.sql("SELECT count(*) FROM event WHERE payload::text LIKE ?").param("%" + secret + "%")
                    .query(Integer.class).single()).as(secret).isZero();
        }
    }

    @Test
    void badReportsAreRefusedNamingTheCallAndFieldAndNothingIsStored() throws Exception {
        String lease = lease();
        String path = "/api/v1/leases/" + lease + "/ai-calls";
        Map<String, Object> good = call(UUID.randomUUID().toString(), "0.10");
        Map<String, Object> badOutcome = call(UUID.randomUUID().toString(), "0.10");
        badOutcome.put("outcome", "FINE");
        Map<String, Object> negative = call(UUID.randomUUID().toString(), "-1");
        Map<String, Object> tooManyCached = call(UUID.randomUUID().toString(), "0.10");
        tooManyCached.put("cachedInputTokens", 5000);
        Map<String, Object> noId = call(UUID.randomUUID().toString(), "0.10");
        noId.remove("id");
        Map<String, Object> noModel = call(UUID.randomUUID().toString(), "0.10");
        noModel.put("model", " ");

        assertThat(error(path, Map.of("calls", List.of(good, badOutcome))))
                .startsWith("calls[1].outcome 'FINE' is not one of [SUCCESS, RATE_LIMITED");
        assertThat(error(path, Map.of("calls", List.of(negative)))).isEqualTo("calls[0].costUsd must not be negative, got -1");
        assertThat(error(path, Map.of("calls", List.of(tooManyCached))))
                .isEqualTo("calls[0]: cachedInputTokens (5000) cannot exceed inputTokens (1200)");
        assertThat(error(path, Map.of("calls", List.of(noId)))).startsWith("calls[0].id is required");
        assertThat(error(path, Map.of("calls", List.of(noModel)))).isEqualTo("calls[0].model is required");
        assertThat(error(path, Map.of("calls", List.of()))).startsWith("'calls' is required");
        assertThat(error(path, Map.of("calls", Collections.nCopies(501, good))))
                .startsWith("at most 500 calls per report, got 501");
        assertThat(error(path, "{\"calls\": [{\"id\": \"not-a-uuid\"}]}")).startsWith("the request body is not valid");
        assertThat(stored()).isEmpty();
    }

    private String error(String path, Object body) throws Exception {
        Reply reply = post(path, token.secret(), body);
        assertThat(reply.status()).isEqualTo(400);
        return reply.body().path("error").asString();
    }
}
