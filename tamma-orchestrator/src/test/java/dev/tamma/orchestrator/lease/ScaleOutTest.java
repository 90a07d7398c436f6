package dev.tamma.orchestrator.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.StepOutput;
import dev.tamma.core.workflow.WorkflowConfig;
import dev.tamma.orchestrator.TammaApplication;
import dev.tamma.orchestrator.testdb.TammaSpringTest;
import dev.tamma.orchestrator.testdb.TestDatabase;
import dev.tamma.orchestrator.workflow.WorkflowEngine;
import dev.tamma.worker.OrchestratorClient;
import dev.tamma.worker.StepHandlers;
import dev.tamma.worker.StepResult;
import dev.tamma.worker.Worker;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Two orchestrators on one database and eight workers split between them. */
@TammaSpringTest
@FastLeases
class ScaleOutTest {

    private static final int WORKFLOWS = 80; // 13 worker steps each: 1,040 tasks

    @LocalServerPort
    int port;

    @Autowired
    WorkerTokens tokens;

    @Autowired
    WorkflowEngine engine;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyTaskRunsExactlyOnceAndNoneIsHeldByTwoWorkersAtOnce() throws Exception {
        String owner = "leasetest-" + UUID.randomUUID().toString().substring(0, 8);
        String token = tokens.create("scale-out", List.of(owner + "/*"), List.of()).secret();
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        Set<String> runningNow = ConcurrentHashMap.newKeySet();
        AtomicInteger overlaps = new AtomicInteger();
        StepHandlers handlers = StepHandlers.none().forEveryStep(task -> {
            String key = task.workflowId() + "/" + task.step() + "/" + task.attempt();
            if (!runningNow.add(key)) {
                overlaps.incrementAndGet();
            }
            runs.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            runningNow.remove(key);
            return new StepResult.Succeeded(switch (task.step()) {
                case CREATE_PR -> StepOutput.of("pr").withPullRequest(1);
                case PUSH -> StepOutput.of("pushed").withHeadSha("sha");
                default -> StepOutput.of("ok");
            });
        });

        TestDatabase db = TestDatabase.get();
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(TammaApplication.class).run( // arguments outrank application.yml
                "--server.port=0", "--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(), "--tamma.leases.ttl=5s",
                "--tamma.leases.sweep-interval=200ms", "--tamma.deadlines.polling-interval=300ms")) {
            int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
            List<Worker> workers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int target = i % 2 == 0 ? port : secondPort;
                workers.add(new Worker(new OrchestratorClient(URI.create("http://localhost:" + target), token),
                        handlers, "worker-" + i, List.of(), Duration.ofSeconds(5)));
            }
            workers.forEach(w -> w.start(1));
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < WORKFLOWS; i++) {
                String id = "workflow-" + UUID.randomUUID();
                ids.add(id);
                engine.start(id, owner + "/repo#" + i, WorkflowConfig.defaults(Mode.DEV));
            }
            try {
                await().atMost(Duration.ofMinutes(3)).until(() -> jdbc.sql(
                        "SELECT count(*) FROM workflow WHERE workflow_id = ANY (?::text[]) AND status = 'DONE'")
                        .param(ids.toArray(String[]::new)).query(Integer.class).single() == WORKFLOWS);
            } finally {
                for (Worker w : workers) {
                    w.stop();
                }
            }
            List<String> statuses = jdbc.sql("SELECT status FROM task WHERE repository LIKE ?").param(owner + "/%")
                    .query(String.class).list();
            assertThat(statuses).hasSize(WORKFLOWS * 13).containsOnly("SUCCEEDED");
            assertThat(runs).hasSize(WORKFLOWS * 13);
            assertThat(runs.values()).allSatisfy(n -> assertThat(n.get()).as("runs of one task").isEqualTo(1));
            assertThat(overlaps.get()).isZero();
            List<String> owners = jdbc.sql("SELECT DISTINCT substring(lease_owner FROM '[^/]+$') FROM task "
                    + "WHERE repository LIKE ?").param(owner + "/%").query(String.class).list();
            assertThat(owners).as("workers of both orchestrators took work")
                    .contains("worker-0", "worker-1", "worker-6", "worker-7");
        }
    }
}
