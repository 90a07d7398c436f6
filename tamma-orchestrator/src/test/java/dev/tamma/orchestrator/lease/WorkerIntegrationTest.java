package dev.tamma.orchestrator.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tamma.core.workflow.FailureCause;
import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.StepOutput;
import dev.tamma.core.workflow.WorkflowConfig;
import dev.tamma.core.workflow.WorkflowStatus;
import dev.tamma.orchestrator.cli.TammaCommandLine;
import dev.tamma.orchestrator.testdb.TammaSpringTest;
import dev.tamma.orchestrator.workflow.WorkflowEngine;
import dev.tamma.orchestrator.workflow.WorkflowReadModel;
import dev.tamma.worker.OrchestratorClient;
import dev.tamma.worker.StepHandlers;
import dev.tamma.worker.StepResult;
import dev.tamma.worker.Worker;
import dev.tamma.worker.WorkerCommand;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Real workers against the real lease API: the whole loop over HTTP, crashes and stops included. */
@TammaSpringTest
@FastLeases
class WorkerIntegrationTest {

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

    @TempDir
    Path dir;

    private String owner;
    private String token;

    @BeforeEach
    void ownRepositories() {
        owner = "leasetest-" + UUID.randomUUID().toString().substring(0, 8);
        token = tokens.create("integration", List.of(owner + "/*"), List.of()).secret();
    }

    private String startWorkflow(WorkflowConfig config) {
        String id = "workflow-" + UUID.randomUUID();
        engine.start(id, owner + "/shop#7", config);
        return id;
    }

    private OrchestratorClient client() {
        return new OrchestratorClient(URI.create("http://localhost:" + port), token);
    }

    private WorkflowStatus status(String workflow) {
        return readModel.load(workflow).orElseThrow().state().status();
    }

    @Test
    void aPoolOfWorkersCarriesADevModeWorkflowThroughAllItsStepsToDone() throws Exception {
        String workflow = startWorkflow(WorkflowConfig.defaults(Mode.DEV));
        StepHandlers handlers = StepHandlers.none().forEveryStep(task -> new StepResult.Succeeded(switch (task.step()) {
            case CREATE_PR -> StepOutput.of("draft PR").withPullRequest(5);
            case PUSH -> StepOutput.of("pushed").withHeadSha("sha-" + task.attempt());
            default -> StepOutput.of(task.step() + " done");
        }));
        Worker pool = new Worker(client(), handlers, "pool", List.of(), Duration.ofSeconds(5));
        pool.start(3);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> status(workflow) == WorkflowStatus.DONE);
        } finally {
            pool.stop();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM task WHERE workflow_id = ? AND status = 'SUCCEEDED'")
                .param(workflow).query(Integer.class).single()).isEqualTo(13);
    }

    @Test
    void onceExitsZeroOnSuccessOneOnFailureAnd78WhenNoTaskCame() throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("token"), token + "\n");
        String url = "http://localhost:" + port;
        StepHandlers succeeds = StepHandlers.none().forEveryStep(task -> StepResult.succeeded("ok"));
        StepHandlers fails = StepHandlers.none().forEveryStep(task -> StepResult.failed(FailureCause.TRANSIENT, "no"));

        assertThat(once(succeeds, url, tokenFile, "--wait", "1")).isEqualTo(WorkerCommand.NO_TASK);
        String workflow = startWorkflow(WorkflowConfig.defaults(Mode.DEV));
        assertThat(once(succeeds, url, tokenFile, "--workflow", workflow, "--wait", "5")).isZero();
        assertThat(once(fails, url, tokenFile, "--workflow", workflow, "--wait", "5")).isEqualTo(1);
    }

    private int once(StepHandlers handlers, String url, Path tokenFile, String... more) {
        String[] args = new String[6 + more.length];
        System.arraycopy(new String[] {"worker", "--once", "--orchestrator", url, "--token-file", tokenFile.toString()},
                0, args, 0, 6);
        System.arraycopy(more, 0, args, 6, more.length);
        return TammaCommandLine.run(() -> { throw new IllegalStateException("workers use no database"); }, handlers,
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), args);
    }

    @Test
    void aWorkerKilledMidStepLosesItsLeaseAndTheStepRunsAgainAsTheNextAttempt() throws Exception {
        WorkflowConfig quickRetry = WorkflowConfig.defaults(Mode.DEV)
                .withBackoff(Duration.ofMillis(100), Duration.ofMillis(200));
        String workflow = startWorkflow(quickRetry);
        Process doomed = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), HangingWorkerMain.class.getName(),
                "http://localhost:" + port, token, workflow)
                .redirectErrorStream(true).start();
        try (var out = new BufferedReader(new InputStreamReader(doomed.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.lines().filter(l -> l.startsWith("RUNNING")).findFirst())
                    .hasValue("RUNNING " + workflow + " ISSUE_ASSIGNED 1");
            // killed once it has told the orchestrator it works on the step; before, the lease is
            // offered again for free (LeaseApiTest)
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT acknowledged_at IS NOT NULL FROM task "
                    + "WHERE workflow_id = ? AND step = 'ISSUE_ASSIGNED'").param(workflow).query(Boolean.class).single());
            doomed.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no goodbye to the orchestrator
        }

        StepHandlers succeeds = StepHandlers.none().forEveryStep(task -> StepResult.succeeded("done"));
        Worker survivor = new Worker(client(), succeeds, "survivor", List.of(), Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(30)).until(
                () -> survivor.runOnce(workflow, Duration.ofSeconds(2)) == Worker.Outcome.SUCCEEDED);

        assertThat(jdbc.sql("SELECT attempt || ':' || status FROM task WHERE workflow_id = ? AND step = 'ISSUE_ASSIGNED' "
                + "ORDER BY attempt").param(workflow).query(String.class).list())
                .containsExactly("1:EXPIRED", "2:SUCCEEDED");
        assertThat(jdbc.sql("SELECT payload->>'cause' FROM event WHERE stream_id = ? AND type = 'step.failed'")
                .param(workflow).query(String.class).list()).containsExactly("LEASE_EXPIRED");
    }

    @Test
    void aStepStillRunningAcknowledgesItsLeaseWhileItRuns() throws Exception {
        String workflow = startWorkflow(WorkflowConfig.defaults(Mode.DEV));
        StepHandlers waitsForItsAcknowledgement = StepHandlers.none().forEveryStep(task -> {
            await().atMost(Duration.ofSeconds(10)).until(() -> acknowledged(task.leaseId()));
            return StepResult.succeeded("done");
        });
        Worker worker = new Worker(client(), waitsForItsAcknowledgement, "slow", List.of(), Duration.ofSeconds(5));

        // an unacknowledged lease lasts 2 s here: a step answered after it would be refused
        assertThat(worker.runOnce(workflow, Duration.ofSeconds(5))).isEqualTo(Worker.Outcome.SUCCEEDED);
        assertThat(jdbc.sql("SELECT status FROM task WHERE workflow_id = ? AND step = 'ISSUE_ASSIGNED'")
                .param(workflow).query(String.class).single()).isEqualTo("SUCCEEDED");
    }

    @Test
    void aTokenRenewedWhileAStepRunsReachesItWithTheNextHeartbeat() throws Exception {
        RotatingToken.set("rotating-token-before");
        String rotating = "rotating-" + UUID.randomUUID().toString().substring(0, 8);
        String workflow = "workflow-" + UUID.randomUUID();
        engine.start(workflow, rotating + "/shop#7", WorkflowConfig.defaults(Mode.DEV));
        String rotatingToken = tokens.create("rotating", List.of(rotating + "/*"), List.of()).secret();
        List<Optional<String>> seen = new CopyOnWriteArrayList<>();
        StepHandlers readsItsTokenTwice = StepHandlers.none().forEveryStep(task -> {
            seen.add(task.credentials().token());
            RotatingToken.set("rotating-token-after");
            // heartbeats come every third of the 2 s lease
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> task.credentials().token().equals(Optional.of("rotating-token-after")));
            seen.add(task.credentials().token());
            return StepResult.succeeded("done");
        });
        Worker worker = new Worker(new OrchestratorClient(URI.create("http://localhost:" + port), rotatingToken),
                readsItsTokenTwice, "rotating", List.of(), Duration.ofSeconds(5));

        assertThat(worker.runOnce(workflow, Duration.ofSeconds(5))).isEqualTo(Worker.Outcome.SUCCEEDED);
        assertThat(seen).containsExactly(Optional.of("rotating-token-before"), Optional.of("rotating-token-after"));
    }

    @Test
    void aWorkerWhoseLeaseIsLostStopsThatStepAndGoesOnTakingWork() throws Exception {
        String workflow = startWorkflow(WorkflowConfig.defaults(Mode.DEV)
                .withBackoff(Duration.ofMillis(100), Duration.ofMillis(200)));
        CountDownLatch started = new CountDownLatch(1);
        StepHandlers firstHangs = StepHandlers.none().forEveryStep(task -> {
            if (task.step() == Step.ISSUE_ASSIGNED && started.getCount() > 0) {
                started.countDown();
                new CountDownLatch(1).await(); // until the lost lease interrupts it
            }
            return StepResult.succeeded("done");
        });
        Worker worker = new Worker(client(), firstHangs, "survivor", List.of(), Duration.ofSeconds(5));
        worker.start(1); // one slot: if losing a lease ended it, nothing would take the next step
        try {
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT acknowledged_at IS NOT NULL FROM task "
                    + "WHERE workflow_id = ? AND step = 'ISSUE_ASSIGNED'").param(workflow).query(Boolean.class).single());
            jdbc.sql("UPDATE task SET lease_expires_at = now() - interval '1 second' WHERE workflow_id = ?")
                    .param(workflow).update(); // as if its heartbeats had not come through in time

            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT count(*) FROM task "
                    + "WHERE workflow_id = ? AND step = 'ANALYZE' AND status = 'SUCCEEDED'").param(workflow)
                    .query(Integer.class).single() == 1);
        } finally {
            worker.stop();
        }
        assertThat(jdbc.sql("SELECT status FROM task WHERE workflow_id = ? AND step = 'ISSUE_ASSIGNED' ORDER BY id")
                .param(workflow).query(String.class).list()).last().isEqualTo("SUCCEEDED");
    }

    private boolean acknowledged(UUID leaseId) {
        return jdbc.sql("SELECT acknowledged_at IS NOT NULL FROM task WHERE lease_id = ?").param(leaseId)
                .query(Boolean.class).single();
    }

    @Test
    void aStoppedWorkerReleasesTheStepItCouldNotFinishWithoutCountingAnAttempt() throws Exception {
        String workflow = startWorkflow(WorkflowConfig.defaults(Mode.DEV));
        CountDownLatch started = new CountDownLatch(1);
        StepHandlers slow = StepHandlers.none().forEveryStep(task -> {
            started.countDown();
            new CountDownLatch(1).await(); // until the stop interrupts it
            return StepResult.succeeded("never");
        });
        Worker worker = new Worker(client(), slow, "stopping", List.of(), Duration.ofMillis(500));
        worker.start(1);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        worker.stop();

        assertThat(jdbc.sql("SELECT status FROM task WHERE workflow_id = ? AND step = 'ISSUE_ASSIGNED' AND attempt = 1")
                .param(workflow).query(String.class).single()).isEqualTo("QUEUED");
        assertThat(jdbc.sql("SELECT count(*) FROM event WHERE stream_id = ? AND type = 'step.failed'")
                .param(workflow).query(Integer.class).single()).isZero();
        assertThat(status(workflow)).isEqualTo(WorkflowStatus.RUNNING);
    }
}
