package dev.tamma.orchestrator.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.StepOutput;
import dev.tamma.core.workflow.WorkflowConfig;
import dev.tamma.orchestrator.TammaApplication;
import dev.tamma.orchestrator.testdb.TestDatabase;
import dev.tamma.orchestrator.workflow.WorkflowEngine;
import dev.tamma.orchestrator.workflow.WorkflowReadModel;
import dev.tamma.worker.OrchestratorClient;
import dev.tamma.worker.StepTask;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The orchestrator stops while a worker holds a lease; a new one takes over from the log. */
class OrchestratorRestartTest {

    private static ConfigurableApplicationContext orchestrator() {
        TestDatabase db = TestDatabase.get();
        return new SpringApplicationBuilder(TammaApplication.class).run( // arguments outrank application.yml
                "--server.port=0", "--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(), "--tamma.leases.ttl=2s",
                "--tamma.leases.sweep-interval=200ms", "--tamma.deadlines.polling-interval=300ms");
    }

    private static OrchestratorClient client(ConfigurableApplicationContext context, String token) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new OrchestratorClient(URI.create("http://localhost:" + port), token);
    }

    @Test
    void aLeaseHeldAcrossARestartExpiresTheStepRerunsAndTheWorkflowGoesOn() throws Exception {
        String owner = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        String workflow = "workflow-" + UUID.randomUUID();
        String token;
        StepTask held;
        try (ConfigurableApplicationContext first = orchestrator()) {
            token = first.getBean(WorkerTokens.class).create("restart", List.of(owner + "/*"), List.of()).secret();
            first.getBean(WorkflowEngine.class).start(workflow, owner + "/app#1",
                    WorkflowConfig.defaults(Mode.DEV).withBackoff(Duration.ofMillis(100), Duration.ofMillis(200)));
            held = client(first, token).lease("w", List.of(), workflow, Duration.ofSeconds(5)).orElseThrow();
            assertThat(held.step()).isEqualTo(Step.ISSUE_ASSIGNED);
            assertThat(client(first, token).heartbeat(held.leaseId())).as("acknowledged").isPresent();
        } // the orchestrator stops between the claim and the answer

        try (ConfigurableApplicationContext second = orchestrator()) {
            OrchestratorClient worker = client(second, token);
            StepTask rerun = await().atMost(Duration.ofSeconds(30)).until(
                    () -> worker.lease("w", List.of(), workflow, Duration.ofSeconds(1)).orElse(null),
                    task -> task != null);
            assertThat(rerun.step()).isEqualTo(Step.ISSUE_ASSIGNED);
            assertThat(rerun.attempt()).isEqualTo(2);
            assertThat(worker.complete(held.leaseId(), StepOutput.of("too late")))
                    .isEqualTo(OrchestratorClient.Answer.EXPIRED);
            assertThat(worker.complete(rerun.leaseId(), StepOutput.of("claimed")))
                    .isEqualTo(OrchestratorClient.Answer.RECORDED);

            WorkflowReadModel readModel = second.getBean(WorkflowReadModel.class);
            assertThat(readModel.load(workflow).orElseThrow().state().step()).isEqualTo(Step.ANALYZE);
            assertThat(worker.lease("w", List.of(), workflow, Duration.ofSeconds(5)).orElseThrow().step())
                    .isEqualTo(Step.ANALYZE);
        }
    }
}
