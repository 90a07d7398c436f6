package dev.tamma.orchestrator.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.WorkflowConfig;
import dev.tamma.orchestrator.lease.FastLeases;
import dev.tamma.orchestrator.lease.WorkerTokens;
import dev.tamma.orchestrator.testdb.TammaSpringTest;
import dev.tamma.orchestrator.workflow.WorkflowEngine;
import dev.tamma.worker.OrchestratorClient;
import dev.tamma.worker.StepHandlers;
import dev.tamma.worker.StepResult;
import dev.tamma.worker.Worker;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A step leased over HTTP and run by a real worker, logged as Spring Boot's ECS JSON (the format
 * {@code TAMMA_LOG_FORMAT=ecs} selects): the lines of the lease service, the engine and the worker
 * carry the workflow, step, attempt, repository and lease, and a key the step logs is masked.
 */
@TammaSpringTest
@FastLeases
@ExtendWith(OutputCaptureExtension.class)
class StepLogFieldsTest {

    private static final String KEY = "sk-ant-api03-stepLogFieldsTestKey0123456789";
    private static final org.slf4j.Logger stepLog = LoggerFactory.getLogger("dev.tamma.worker.step.TestStep");

    @LocalServerPort
    int port;

    @Autowired
    WorkerTokens tokens;

    @Autowired
    WorkflowEngine engine;

    private final ByteArrayOutputStream json = new ByteArrayOutputStream();
    private OutputStreamAppender<ILoggingEvent> appender;

    /** A second console, in JSON, next to the service's own. */
    @BeforeEach
    void jsonAppender() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(context);
        encoder.setFormat("ecs");
        encoder.start();
        appender = new OutputStreamAppender<>();
        appender.setName("json-test");
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(json);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        LogRedaction.install(context);
    }

    @AfterEach
    void detach() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        appender.stop();
    }

    @Test
    void theLinesOfAStepCarryItsIdsAndNoSecret(CapturedOutput console) throws Exception {
        String owner = "logtest-" + UUID.randomUUID().toString().substring(0, 8);
        String workflow = "workflow-" + UUID.randomUUID();
        engine.start(workflow, owner + "/shop#3", WorkflowConfig.defaults(Mode.DEV));
        String token = tokens.create("log test", List.of(owner + "/*"), List.of()).secret();
        StepHandlers handlers = StepHandlers.none().forEveryStep(task -> {
            stepLog.info("asking the model with key {}", KEY);
            return StepResult.succeeded("claimed");
        });
        Worker worker = new Worker(new OrchestratorClient(URI.create("http://localhost:" + port), token), handlers,
                "log-worker", List.of(), Duration.ofSeconds(5));

        assertThat(worker.runOnce(workflow, Duration.ofSeconds(5))).isEqualTo(Worker.Outcome.SUCCEEDED);

        JsonMapper mapper = JsonMapper.builder().build();
        List<JsonNode> lines = json.toString(StandardCharsets.UTF_8).lines().map(mapper::readTree).toList();
        List<JsonNode> ofTheStep = lines.stream().filter(l -> workflow.equals(l.path("workflowId").asString())).toList();
        assertThat(ofTheStep).extracting(l -> l.path("log").path("logger").asString()).contains(
                "dev.tamma.orchestrator.lease.LeaseService", "dev.tamma.worker.Worker", "dev.tamma.worker.step.TestStep");
        JsonNode leased = ofTheStep.stream().filter(l -> l.path("message").asString().startsWith("Leased")).findFirst()
                .orElseThrow();
        assertThat(leased.path("step").asString()).isEqualTo(Step.ISSUE_ASSIGNED.name());
        assertThat(leased.path("attempt").asString()).isEqualTo("1");
        assertThat(leased.path("repository").asString()).isEqualTo(owner + "/shop");
        UUID lease = UUID.fromString(leased.path("leaseId").asString());
        assertThat(ofTheStep).filteredOn(l -> l.path("log").path("logger").asString().startsWith("dev.tamma.worker"))
                .allSatisfy(l -> {
                    assertThat(l.path("leaseId").asString()).isEqualTo(lease.toString());
                    assertThat(l.path("step").asString()).isEqualTo("ISSUE_ASSIGNED");
                });
        assertThat(ofTheStep).anySatisfy(l -> assertThat(l.path("message").asString())
                .isEqualTo("asking the model with key sk-ant-[REDACTED]"));
        assertThat(json.toString(StandardCharsets.UTF_8)).doesNotContain(KEY, token);
        assertThat(console.getAll()).contains("asking the model with key sk-ant-[REDACTED]").doesNotContain(KEY, token);
    }
}
