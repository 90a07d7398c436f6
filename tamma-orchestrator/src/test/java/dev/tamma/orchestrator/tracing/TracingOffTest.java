package dev.tamma.orchestrator.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.WorkflowConfig;
import dev.tamma.orchestrator.lease.WorkerTokens;
import dev.tamma.orchestrator.testdb.TammaSpringTest;
import dev.tamma.orchestrator.workflow.WorkflowEngine;
import dev.tamma.worker.OrchestratorClient;
import dev.tamma.worker.StepTask;
import dev.tamma.worker.Traceparent;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Out of the box Tamma traces nothing: no span recorded, no exporter made, nothing on a lease. */
@TammaSpringTest
class TracingOffTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    Tracer tracer;

    @Autowired
    WorkerTokens tokens;

    @Autowired
    WorkflowEngine engine;

    @Autowired
    JdbcClient jdbc;

    @Test
    void withTheDefaultConfigurationNoSpanIsRecordedOrExportedAndNoLeaseCarriesATrace() throws Exception {
        assertThat(context.getBeansOfType(SpanExporter.class)).as("span exporters").isEmpty();
        assertThat(context.getBean(SdkTracerProvider.class).getSampler()).isEqualTo(Sampler.alwaysOff());
        Span span = tracer.nextSpan().name("probe").start();
        assertThat(span.isNoop()).as("recording").isTrue();
        assertThat(Traceparent.of(span)).isEmpty();
        span.end();

        String owner = "untraced-" + UUID.randomUUID().toString().substring(0, 8);
        String workflow = "workflow-" + UUID.randomUUID();
        engine.start(workflow, owner + "/shop#1", WorkflowConfig.defaults(Mode.DEV));
        OrchestratorClient client = new OrchestratorClient(URI.create("http://localhost:" + port),
                tokens.create("untraced", List.of(owner + "/*"), List.of()).secret(), tracer);
        StepTask task = client.lease("plain", List.of(), workflow, Duration.ofSeconds(5)).orElseThrow();
        client.release(task.leaseId());

        assertThat(task.traceparent()).isNull();
        assertThat(jdbc.sql("SELECT count(*) FROM task WHERE workflow_id = ? AND traceparent IS NOT NULL")
                .param(workflow).query(Integer.class).single()).isZero();
    }
}
