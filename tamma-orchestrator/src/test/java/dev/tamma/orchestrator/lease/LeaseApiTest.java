package dev.tamma.orchestrator.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.WorkflowConfig;
import dev.tamma.orchestrator.testdb.ApiClient;
import dev.tamma.orchestrator.testdb.TammaSpringTest;
import dev.tamma.orchestrator.workflow.WorkflowEngine;
import dev.tamma.orchestrator.workflow.WorkflowReadModel;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@TammaSpringTest
@ExtendWith(OutputCaptureExtension.class)
@FastLeases
class LeaseApiTest {

    private static final String SECRET = "ghp_secretForLeaseTestRepos";

    @LocalServerPort
    int port;

    @Autowired
    WorkerTokens tokens;

    @Autowired
    WorkflowEngine engine;

    @Autowired
    WorkflowReadModel readModel;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TaskQueue queue;

    @Autowired
    TransactionTemplate transactions;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private String owner;
    private String token;

    /** Each test gets repositories of its own and a token limited to them, so queues do not mix. */
    @BeforeEach
    void ownRepositories() {
        owner = "leasetest-" + UUID.randomUUID().toString().substring(0, 8);
        token = tokens.create("test worker", List.of(owner + "/*"), List.of()).secret();
    }

    private String startWorkflow(WorkflowConfig config) {
        String id = "workflow-" + UUID.randomUUID();
        engine.start(id, owner + "/shop#12", config);
        return id;
    }

    private record Reply(int status, JsonNode body) {
    }

    private Reply post(String path, String bearer, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body().isEmpty() ? null : json.readTree(response.body()));
    }

    private Reply lease(int waitSeconds) throws Exception {
        return post("/api/v1/leases", token, Map.of("worker", "w1", "labels", List.of(), "waitSeconds", waitSeconds));
    }

    @Test
    void withoutAValidTokenEveryCallIs401() throws Exception {
        assertThat(post("/api/v1/leases", null, Map.of("worker", "w")).status()).isEqualTo(401);
        assertThat(post("/api/v1/leases", "tamma_wt_madeup", Map.of("worker", "w")).status()).isEqualTo(401);
        var revoked = tokens.create("old", List.of(), List.of());
        tokens.revoke(revoked.id());
        Reply reply = post("/api/v1/leases/" + UUID.randomUUID() + "/complete", revoked.secret(), Map.of());
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body().path("error").asString()).contains("worker token");
    }

    @Test
    void aWorkerLeasesTheStepKeepsItAliveAndCompletesItOnce() throws Exception {
        String workflow = startWorkflow(WorkflowConfig.defaults(Mode.DEV));

        Reply leased = lease(5);
        assertThat(leased.status()).isEqualTo(200);
        assertThat(leased.body().path("workflowId").asString()).isEqualTo(workflow);
        assertThat(leased.body().path("step").asString()).isEqualTo("ISSUE_ASSIGNED");
        assertThat(leased.body().path("attempt").asInt()).isEqualTo(1);
        assertThat(leased.body().path("credentials").path("token").asString()).isEqualTo(SECRET);
        String lease = leased.body().path("leaseId").asString();

        Reply beat = post("/api/v1/leases/" + lease + "/heartbeat", token, Map.of());
        assertThat(beat.status()).isEqualTo(200);
        assertThat(beat.body().path("credentials").path("token").asString()).as("the credentials of the moment")
                .isEqualTo(SECRET);
        Map<String, Object> output = Map.of("output", Map.of("summary", "claimed"));
        Reply done = post("/api/v1/leases/" + lease + "/complete", token, output);
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body().path("status").asString()).isEqualTo("recorded");
        assertThat(post("/api/v1/leases/" + lease + "/complete", token, output).body().path("status").asString())
                .isEqualTo("already recorded");
        assertThat(post("/api/v1/leases/" + lease + "/fail", token, Map.of("cause", "TRANSIENT")).status())
                .isEqualTo(409);
        assertThat(post("/api/v1/leases/" + lease + "/heartbeat", token, Map.of()).status()).isEqualTo(409);

        assertThat(readModel.load(workflow).orElseThrow().state().step()).isEqualTo(Step.ANALYZE);
        Reply next = lease(5);
        assertThat(next.body().path("step").asString()).isEqualTo("ANALYZE");
    }

    @Test
    void aHeartbeatWhoseCredentialsCannotBeHadJustThenStillExtendsTheLease() throws Exception {
        RotatingToken.set("rotating-token-at-grant");
        String rotating = "rotating-" + UUID.randomUUID().toString().substring(0, 8);
        engine.start("workflow-" + UUID.randomUUID(), rotating + "/shop#4", WorkflowConfig.defaults(Mode.DEV));
        String rotatingToken = tokens.create("rotating", List.of(rotating + "/*"), List.of()).secret();
        Reply leased = post("/api/v1/leases", rotatingToken, Map.of("worker", "w1", "waitSeconds", 5));
        assertThat(leased.body().path("credentials").path("token").asString()).isEqualTo("rotating-token-at-grant");
        String heartbeat = "/api/v1/leases/" + leased.body().path("leaseId").asString() + "/heartbeat";

        RotatingToken.set(""); // a rotation half done
        Reply emptyFile = post(heartbeat, rotatingToken, Map.of());
        Files.delete(RotatingToken.FILE);
        // a source that does not answer: reading a named pipe without a writer waits
        assertThat(new ProcessBuilder("mkfifo", RotatingToken.FILE.toString()).start().waitFor()).isZero();
        long started = System.nanoTime();
        Reply noAnswer = post(heartbeat, rotatingToken, Map.of());
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        try (var writer = Files.newBufferedWriter(RotatingToken.FILE)) {
            writer.write("rotating-token-late\n"); // lets the reader that waits on it go
        }
        Files.delete(RotatingToken.FILE);

        for (Reply beat : List.of(emptyFile, noAnswer)) {
            assertThat(beat.status()).isEqualTo(200);
            assertThat(beat.body().path("credentials").isObject()).isTrue();
            assertThat(beat.body().path("credentials").isEmpty()).as("none, so the worker keeps its own").isTrue();
        }
        assertThat(waited).as("the heartbeat waited for the credentials only briefly")
                .isLessThan(Duration.ofSeconds(10));
        // granted, it held for the 2 s an unacknowledged lease lasts here; each heartbeat gave it 2 s from then
        assertThat(jdbc.sql("SELECT acknowledged_at IS NOT NULL AND lease_expires_at > leased_at + interval '2 seconds'"
                        + " FROM task WHERE lease_id = ?").param(UUID.fromString(leased.body().path("leaseId").asString()))
                .query(Boolean.class).single()).as("acknowledged and extended").isTrue();
    }

    @Test
    void aTaskWhoseCredentialsCannotBeHadIsPutBackAndTheWorkerToldToTryAgain() throws Exception {
        String rotating = "rotating-" + UUID.randomUUID().toString().substring(0, 8);
        String workflow = "workflow-" + UUID.randomUUID();
        engine.start(workflow, rotating + "/shop#5", WorkflowConfig.defaults(Mode.DEV));
        String rotatingToken = tokens.create("rotating", List.of(rotating + "/*"), List.of()).secret();
        Files.deleteIfExists(RotatingToken.FILE);

        Reply refused = post("/api/v1/leases", rotatingToken, Map.of("worker", "w1", "waitSeconds", 5));

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.body().path("error").asString()).contains("ISSUE_ASSIGNED of " + workflow)
                .contains("Cannot read the token file for rotating-*/*").endsWith("it is back in the queue");
        assertThat(jdbc.sql("SELECT status || ' ' || attempt || ' ' || unacknowledged_leases || ' '"
                        + " || (lease_id IS NULL) FROM task WHERE workflow_id = ?").param(workflow)
                .query(String.class).single()).as("queued again, nothing counted").isEqualTo("QUEUED 1 0 true");
        RotatingToken.set("rotating-token-back");
        Reply leased = post("/api/v1/leases", rotatingToken, Map.of("worker", "w1", "waitSeconds", 5));
        assertThat(leased.status()).isEqualTo(200);
        assertThat(leased.body().path("credentials").path("token").asString()).isEqualTo("rotating-token-back");
    }

    @Test
    void aWaitingWorkerIsWokenWhenWorkArrives() throws Exception {
        CompletableFuture<Reply> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return lease(15);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !waiting.isDone());
        long queuedAt = System.nanoTime();
        startWorkflow(WorkflowConfig.defaults(Mode.DEV));

        Reply reply = waiting.get();
        long wokenAfterMillis = (System.nanoTime() - queuedAt) / 1_000_000;
        assertThat(reply.status()).isEqualTo(200);
        assertThat(wokenAfterMillis).as("woken by the notification, long before the 20 s recheck").isLessThan(3_000);
    }

    @Test
    void aTokenLimitedToLabelsCannotClaimWorkNeedingOthers() throws Exception {
        String workflow = "workflow-" + UUID.randomUUID();
        transactions.executeWithoutResult(tx -> queue.enqueue(workflow, owner + "/gpu", Step.BUILD, 1, "{}",
                List.of("gpu"), null));
        String linuxOnly = tokens.create("linux only", List.of(owner + "/*"), List.of("linux")).secret();
        Map<String, Object> asksForBoth = Map.of("worker", "w", "labels", List.of("gpu", "linux"), "waitSeconds", 1);

        assertThat(post("/api/v1/leases", linuxOnly, asksForBoth).status()).isEqualTo(204);
        assertThat(post("/api/v1/leases", token, Map.of("worker", "w", "labels", List.of("linux"), "waitSeconds", 1))
                .status()).as("a worker without the task's label").isEqualTo(204);
        Reply leased = post("/api/v1/leases", token, asksForBoth);
        assertThat(leased.status()).isEqualTo(200);
        assertThat(leased.body().path("step").asString()).isEqualTo("BUILD");
    }

    @Test
    void theQueueAndLeaseMetricsArePublished() throws Exception {
        startWorkflow(WorkflowConfig.defaults(Mode.DEV));
        String lease = lease(5).body().path("leaseId").asString();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            // kept alive past the 2 s TTL until the gauges have been refreshed and scraped
            assertThat(post("/api/v1/leases/" + lease + "/heartbeat", token, Map.of()).status()).isEqualTo(200);
            String metrics = ApiClient.admin(port).get("/actuator/prometheus").body();
            assertThat(metrics).contains("tamma_lease_wait_seconds_count", "tamma_tasks_queued{",
                    "tamma_workflows{status=\"RUNNING\"}");
            // what the worker autoscaling rule reads: the lease held counts, and every step has both
            // series, 0 when it has no task (other tests' tasks share the database, hence at least)
            assertThat(gauge(metrics, "tamma_tasks_leased", "issue-assigned")).isGreaterThanOrEqualTo(1);
            for (Step step : Step.values()) {
                assertThat(gauge(metrics, "tamma_tasks_queued", step.slug())).isNotNegative();
                assertThat(gauge(metrics, "tamma_tasks_leased", step.slug())).isNotNegative();
            }
        });
    }

    /** The value of one step's series, failing when the series is absent. */
    private static double gauge(String metrics, String name, String step) {
        Matcher line = Pattern.compile("(?m)^" + name + "\\{step=\"" + step + "\"} (\\S+)$").matcher(metrics);
        assertThat(line.find()).as("%s{step=%s} is published", name, step).isTrue();
        return Double.parseDouble(line.group(1));
    }

    @Test
    void anotherTokensLeaseCanBeNeitherKeptAliveNorAnswered() throws Exception {
        String workflow = startWorkflow(WorkflowConfig.defaults(Mode.DEV));
        Reply leased = lease(5);
        String lease = leased.body().path("leaseId").asString();
        String stranger = tokens.create("stranger", List.of(owner + "/*"), List.of()).secret();

        assertThat(post("/api/v1/leases/" + lease + "/heartbeat", stranger, Map.of()).status()).isEqualTo(409);
        assertThat(jdbc.sql("SELECT acknowledged_at IS NULL FROM task WHERE lease_id = ?").param(UUID.fromString(lease))
                .query(Boolean.class).single()).as("the stranger's heartbeat acknowledged nothing").isTrue();
        assertThat(post("/api/v1/leases/" + lease + "/complete", stranger, Map.of("output", Map.of("summary", "x")))
                .status()).isEqualTo(404);
        assertThat(post("/api/v1/leases/" + lease + "/fail", stranger, Map.of("cause", "TRANSIENT")).status())
                .isEqualTo(404);
        assertThat(readModel.load(workflow).orElseThrow().state().step()).isEqualTo(Step.ISSUE_ASSIGNED);

        acknowledge(leased);
        assertThat(post("/api/v1/leases/" + lease + "/complete", token, Map.of("output", Map.of("summary", "x")))
                .status()).as("the owner still answers it").isEqualTo(200);
    }

    @Test
    void anAnswerThatAsksForTheNextLeaseIsRecordedFirstAndBringsTheStepItQueued() throws Exception {
        String workflow = startWorkflow(WorkflowConfig.defaults(Mode.DEV));
        String lease = acknowledgedLease();
        Map<String, Object> next = Map.of("worker", "w1", "labels", List.of(), "waitSeconds", 5);

        Reply done = post("/api/v1/leases/" + lease + "/complete", token,
                Map.of("output", Map.of("summary", "claimed"), "next", next));

        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body().path("status").asString()).isEqualTo("recorded");
        JsonNode second = done.body().path("next");
        assertThat(second.path("workflowId").asString()).isEqualTo(workflow);
        assertThat(second.path("step").asString()).isEqualTo("ANALYZE");
        assertThat(second.path("credentials").path("token").asString()).isEqualTo(SECRET);
        assertThat(jdbc.sql("SELECT status FROM task WHERE lease_id = ?")
                .param(UUID.fromString(second.path("leaseId").asString())).query(String.class).single())
                .isEqualTo("LEASED");

        Reply again = post("/api/v1/leases/" + lease + "/complete", token,
                Map.of("output", Map.of("summary", "claimed"), "next", Map.of("worker", "w1", "waitSeconds", 0)));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("status").asString()).isEqualTo("already recorded");
        assertThat(again.body().path("next").isNull()).as("nothing else is queued").isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM event WHERE stream_id = ? AND type = 'step.completed' "
                + "AND payload->>'step' = 'ISSUE_ASSIGNED'").param(workflow).query(Integer.class).single()).as("recorded once").isEqualTo(1);
    }

    @Test
    void anAnswerIsRecordedWhenNoNextTaskComesAndARefusedAnswerLeasesNothing() throws Exception {
        String workflow = startWorkflow(WorkflowConfig.defaults(Mode.DEV));
        String lease = acknowledgedLease();

        Reply done = post("/api/v1/leases/" + lease + "/fail", token, Map.of("cause", "TRANSIENT", "message", "flaky",
                "next", Map.of("worker", "w1", "waitSeconds", 0, "workflowId", "no-such-workflow")));
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body().path("status").asString()).isEqualTo("recorded");
        assertThat(done.body().has("next")).isTrue();
        assertThat(done.body().path("next").isNull()).isTrue();
        assertThat(jdbc.sql("SELECT status FROM task WHERE lease_id = ?").param(UUID.fromString(lease))
                .query(String.class).single()).isEqualTo("FAILED");

        Reply refused = post("/api/v1/leases/" + lease + "/complete", token,
                Map.of("output", Map.of("summary", "x"), "next", Map.of("worker", "w1", "waitSeconds", 0)));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().has("next")).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM task WHERE workflow_id = ? AND status = 'LEASED'").param(workflow)
                .query(Integer.class).single()).as("a refused answer claims nothing").isZero();
    }

    @Test
    void aBadNextRequestIsRefusedBeforeTheAnswerIsRecorded() throws Exception {
        String workflow = startWorkflow(WorkflowConfig.defaults(Mode.DEV));
        String lease = acknowledgedLease();

        Reply bad = post("/api/v1/leases/" + lease + "/complete", token,
                Map.of("output", Map.of("summary", "x"), "next", Map.of("waitSeconds", 0)));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("error").asString()).contains("'next.worker'");
        Reply negative = post("/api/v1/leases/" + lease + "/fail", token,
                Map.of("cause", "TRANSIENT", "next", Map.of("worker", "w1", "waitSeconds", -1)));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.body().path("error").asString()).contains("'next.waitSeconds'");
        assertThat(readModel.load(workflow).orElseThrow().state().step()).isEqualTo(Step.ISSUE_ASSIGNED);
        assertThat(post("/api/v1/leases/" + lease + "/heartbeat", token, Map.of()).status())
                .as("the lease is still live").isEqualTo(200);
    }

    @Test
    void withNothingToDoTheRequestEndsWith204() throws Exception {
        assertThat(lease(1).status()).isEqualTo(204);
    }

    @Test
    void anExpiredLeaseIsAFailedAttemptTheStepIsOfferedAgainAndTheLateAnswerIsRefused() throws Exception {
        WorkflowConfig quickRetry = WorkflowConfig.defaults(Mode.DEV)
                .withBackoff(Duration.ofMillis(100), Duration.ofMillis(200));
        String workflow = startWorkflow(quickRetry);
        String lease = acknowledgedLease(); // the worker has the task

        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql(
                "SELECT count(*) FROM task WHERE workflow_id = ? AND step = 'ISSUE_ASSIGNED' AND attempt = 2")
                .param(workflow).query(Integer.class).single() == 1);

        assertThat(jdbc.sql("SELECT status FROM task WHERE lease_id = ?").param(UUID.fromString(lease))
                .query(String.class).single()).isEqualTo("EXPIRED");
        assertThat(jdbc.sql("SELECT payload->>'cause' FROM event WHERE stream_id = ? AND type = 'step.failed'")
                .param(workflow).query(String.class).list()).containsExactly("LEASE_EXPIRED");
        int version = jdbc.sql("SELECT version FROM workflow WHERE workflow_id = ?").param(workflow)
                .query(Integer.class).single();
        Reply late = post("/api/v1/leases/" + lease + "/complete", token, Map.of("output", Map.of("summary", "late")));
        assertThat(late.status()).isEqualTo(409);
        assertThat(jdbc.sql("SELECT version FROM workflow WHERE workflow_id = ?").param(workflow)
                .query(Integer.class).single()).as("nothing recorded for the late answer").isEqualTo(version);
        Reply again = lease(5);
        assertThat(again.body().path("attempt").asInt()).isEqualTo(2);
    }

    @Test
    void aLeaseNeverAcknowledgedGoesBackToTheQueueWithoutCountingAnAttempt() throws Exception {
        String workflow = startWorkflow(WorkflowConfig.defaults(Mode.DEV));
        String first = lease(5).body().path("leaseId").asString();

        await().atMost(Duration.ofSeconds(15)).until(() -> unacknowledged(workflow) == 1);
        Reply again = lease(5);
        assertThat(again.body().path("step").asString()).isEqualTo("ISSUE_ASSIGNED");
        assertThat(again.body().path("attempt").asInt()).as("no attempt counted").isEqualTo(1);
        assertThat(again.body().path("leaseId").asString()).isNotEqualTo(first);
        assertThat(post("/api/v1/leases/" + first + "/complete", token, Map.of("output", Map.of("summary", "x")))
                .status()).as("the old lease is gone").isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM event WHERE stream_id = ? AND type = 'step.failed'")
                .param(workflow).query(Integer.class).single()).isZero();
    }

    @Test
    void aWorkerThatHangsUpWhileItsRequestWaitsCostsTheStepNoAttempt() throws Exception {
        byte[] body = json.writeValueAsBytes(Map.of("worker", "gone", "labels", List.of(), "waitSeconds", 20));
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/leases HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        } // the worker goes away while its request waits for work
        String workflow = startWorkflow(WorkflowConfig.defaults(Mode.DEV));

        await().atMost(Duration.ofSeconds(20)).until(() -> unacknowledged(workflow) == 1);
        Reply leased = lease(5);
        assertThat(leased.body().path("attempt").asInt()).isEqualTo(1);
        String lease = leased.body().path("leaseId").asString();
        assertThat(post("/api/v1/leases/" + lease + "/complete", token, Map.of("output", Map.of("summary", "ok")))
                .status()).isEqualTo(200);
        assertThat(readModel.load(workflow).orElseThrow().state().step()).isEqualTo(Step.ANALYZE);
    }

    @Test
    void afterThreeUnacknowledgedLeasesTheNextExpiryCountsAsAnAttempt() throws Exception {
        String workflow = startWorkflow(WorkflowConfig.defaults(Mode.DEV)
                .withBackoff(Duration.ofMillis(100), Duration.ofMillis(200)));
        jdbc.sql("UPDATE task SET unacknowledged_leases = 3 WHERE workflow_id = ?").param(workflow).update();
        lease(5);

        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql(
                "SELECT count(*) FROM task WHERE workflow_id = ? AND step = 'ISSUE_ASSIGNED' AND attempt = 2")
                .param(workflow).query(Integer.class).single() == 1);
        assertThat(jdbc.sql("SELECT payload->>'cause' FROM event WHERE stream_id = ? AND type = 'step.failed'")
                .param(workflow).query(String.class).list()).containsExactly("LEASE_EXPIRED");
    }

    /** Leases the waiting task and acknowledges it, as a worker that has it does; its lease id. */
    private String acknowledgedLease() throws Exception {
        Reply leased = lease(5);
        acknowledge(leased);
        return leased.body().path("leaseId").asString();
    }

    private void acknowledge(Reply leased) throws Exception {
        assertThat(post("/api/v1/leases/" + leased.body().path("leaseId").asString() + "/heartbeat", token, Map.of())
                .status()).isEqualTo(200);
    }

    private int unacknowledged(String workflow) {
        return jdbc.sql("SELECT unacknowledged_leases FROM task WHERE workflow_id = ? AND status = 'QUEUED'")
                .param(workflow).query(Integer.class).optional().orElse(0);
    }

    @Test
    void aTaskThatCannotBeRecordedDoesNotHoldUpOtherExpiries() throws Exception {
        String orphan = "workflow-gone-" + UUID.randomUUID();
        transactions.executeWithoutResult(tx -> queue.enqueue(orphan, owner + "/gone", Step.BUILD, 1, "{}", List.of(), null));
        Reply orphanLease = lease(1);
        assertThat(orphanLease.body().path("workflowId").asString()).isEqualTo(orphan);
        acknowledge(orphanLease);
        String workflow = startWorkflow(WorkflowConfig.defaults(Mode.DEV)
                .withBackoff(Duration.ofMillis(100), Duration.ofMillis(200)));
        Reply leased = lease(5);
        assertThat(leased.body().path("workflowId").asString()).isEqualTo(workflow);
        acknowledge(leased);

        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "SELECT count(*) FROM task WHERE workflow_id = ? AND attempt = 2").param(workflow)
                .query(Integer.class).single() == 1);
        assertThat(jdbc.sql("SELECT status FROM task WHERE workflow_id = ?").param(orphan).query(String.class).single())
                .isEqualTo("EXPIRED");
    }

    @Test
    void aTokenOnlySeesItsRepositoriesAndNoSecretIsLoggedOrRecorded(CapturedOutput output) throws Exception {
        String otherOwner = "elsewhere-" + UUID.randomUUID().toString().substring(0, 8);
        engine.start("workflow-" + UUID.randomUUID(), otherOwner + "/app#3", WorkflowConfig.defaults(Mode.DEV));
        assertThat(lease(1).status()).as("the other repository's task is not offered").isEqualTo(204);

        String workflow = startWorkflow(WorkflowConfig.defaults(Mode.DEV));
        Reply leased = lease(5);
        assertThat(leased.body().path("credentials").path("token").asString()).isEqualTo(SECRET);

        assertThat(output.getAll()).doesNotContain(SECRET).doesNotContain(token);
        assertThat(jdbc.sql("SELECT count(*) FROM event WHERE payload::text LIKE ? OR actor LIKE ?")
                .params("%" + SECRET + "%", "%" + SECRET + "%").query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM worker_token WHERE token_hash = ?").param(token)
                .query(Integer.class).single()).as("the token is stored hashed").isZero();
        assertThat(workflow).isNotBlank();
    }
}
