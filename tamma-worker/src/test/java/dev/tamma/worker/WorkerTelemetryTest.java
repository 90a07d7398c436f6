package dev.tamma.worker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code tamma worker}'s own tracing, against a local OTLP/HTTP receiver. */
class WorkerTelemetryTest {

    private final WireMockServer collector = new WireMockServer(wireMockConfig().dynamicPort());

    @BeforeEach
    void start() {
        collector.start();
        collector.stubFor(post(urlEqualTo("/v1/traces")).willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void stop() {
        collector.stop();
    }

    @Test
    void withoutTammaTracingEnabledNothingIsTracedOrSentEvenWithAnEndpoint() {
        try (WorkerTelemetry telemetry = WorkerTelemetry.from(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", collector.baseUrl()))) {
            assertThat(telemetry.enabled()).isFalse();
            Span span = telemetry.tracer().nextSpan().name("tamma.step.run").start();
            assertThat(Traceparent.of(span)).isEmpty();
            span.end();
        }
        assertThat(collector.getAllServeEvents()).isEmpty();
    }

    @Test
    void enabledItSendsTheStepSpanAsAChildOfTheLeasesTraceOverOtlpWhenClosed() {
        String lease = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        String sent;
        try (WorkerTelemetry telemetry = WorkerTelemetry.from(Map.of(WorkerTelemetry.ENABLED, "true",
                "OTEL_EXPORTER_OTLP_ENDPOINT", collector.baseUrl(), "OTEL_BSP_SCHEDULE_DELAY", "60000"))) {
            Tracer tracer = telemetry.tracer();
            TraceContext parent = Traceparent.parse(tracer, lease).orElseThrow();
            Span span = tracer.spanBuilder().setParent(parent).name("tamma.step.run").tag("tamma.step", "PLAN").start();
            sent = Traceparent.of(span).orElseThrow();
            span.end();
        } // the batch waits a minute: only closing sends it

        assertThat(sent).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-").endsWith("-01")
                .doesNotContain("00f067aa0ba902b7");
        List<LoggedRequest> exports = collector.findAll(postRequestedFor(urlEqualTo("/v1/traces")));
        assertThat(exports).hasSize(1);
        String body = new String(exports.getFirst().getBody(), StandardCharsets.ISO_8859_1);
        assertThat(exports.getFirst().getHeader("Content-Type")).isEqualTo("application/x-protobuf");
        assertThat(body).contains("tamma.step.run", "tamma-worker", "PLAN");
    }

    @Test
    void aTraceparentIsReadOnlyWhenWellFormedAndNamesATrace() {
        try (WorkerTelemetry telemetry = WorkerTelemetry.from(Map.of(WorkerTelemetry.ENABLED, "true",
                "OTEL_TRACES_EXPORTER", "none"))) {
            Tracer tracer = telemetry.tracer();
            assertThat(Traceparent.parse(tracer, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"))
                    .hasValueSatisfying(c -> assertThat(c.sampled()).isFalse());
            assertThat(Traceparent.parse(tracer, null)).isEmpty();
            assertThat(Traceparent.parse(tracer, "00-00000000000000000000000000000000-00f067aa0ba902b7-01")).isEmpty();
            assertThat(Traceparent.parse(tracer, "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")).isEmpty();
            assertThat(Traceparent.parse(tracer, "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).isEmpty();
            assertThat(Traceparent.parse(tracer, "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")).isEmpty();
            assertThat(Traceparent.of(Tracer.NOOP.nextSpan())).isEmpty();
            Span unsampled = tracer.spanBuilder().setParent(Traceparent.parse(tracer,
                    "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00").orElseThrow()).name("x").start();
            assertThat(Traceparent.of(unsampled)).as("a trace not sampled is not carried on").isEmpty();
            unsampled.end();
        }
    }
}
