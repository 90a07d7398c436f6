package dev.tamma.orchestrator.deadline;

import static org.awaitility.Awaitility.await;

import dev.tamma.core.workflow.FailureCause;
import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.WorkflowConfig;
import dev.tamma.core.workflow.WorkflowInput;
import dev.tamma.core.workflow.WorkflowState;
import dev.tamma.orchestrator.testdb.TammaSpringTest;
import dev.tamma.orchestrator.workflow.WorkflowEngine;
import dev.tamma.orchestrator.workflow.WorkflowReadModel;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The service stopped and started again in place (as a paused context is): its timers still fire. */
@TammaSpringTest
class DeadlineTimersRestartTest {

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    WorkflowEngine engine;

    @Autowired
    WorkflowReadModel readModel;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aRetryTimerScheduledAfterARestartFires() {
        context.stop();
        context.start();

        String workflow = "workflow-" + UUID.randomUUID();
        engine.start(workflow, "timers/app#1", WorkflowConfig.defaults(Mode.DEV)
                .withBackoff(Duration.ofMillis(100), Duration.ofMillis(200)));
        WorkflowState state = readModel.load(workflow).orElseThrow().state();
        engine.handle(workflow, new WorkflowInput.StepFailed(Instant.now(), state.step(), state.attempt(),
                FailureCause.TRANSIENT, "flaky", ""));

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM task WHERE workflow_id = ? AND attempt = 2").param(workflow)
                .query(Integer.class).single() == 1);
    }
}
