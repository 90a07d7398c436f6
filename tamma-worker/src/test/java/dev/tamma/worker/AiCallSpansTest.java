package dev.tamma.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.ai.AiCallRecorded;
import dev.tamma.core.ai.AiCallRecorder;
import dev.tamma.core.ai.CallContext;
import dev.tamma.core.ai.TokenUsage;
import dev.tamma.core.workflow.Step;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** AI calls as child spans of the step that made them, from what the metering layer records. */
class AiCallSpansTest {

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
    private final OtelCurrentTraceContext current = new OtelCurrentTraceContext();
    private final Tracer tracer = new OtelTracer(provider.get("test"), current, event -> { },
            new OtelBaggageManager(current, List.of(), List.of()));
    private final List<AiCallRecorded> passedOn = new ArrayList<>();
    private final AiCallRecorder recorder = AiCallSpans.around(passedOn::add, tracer);

    @AfterEach
    void close() {
        provider.close();
    }

    private static AiCallRecorded call(AiCallRecorded.Outcome outcome, Instant end) {
        return new AiCallRecorded(new CallContext("workflow-1", "acme/shop", 7, Step.PLAN, 1), "anthropic",
                "claude-sonnet-4-5", new TokenUsage(1200, 300, 900), new BigDecimal("0.00567"), true,
                Duration.ofMillis(2100), outcome, end);
    }

    @Test
    void aCallInAStepIsAChildSpanSpanningTheCallWithItsModelTokensAndCost() {
        Instant end = Instant.parse("2026-11-21T10:00:02.100Z");
        Span step = tracer.nextSpan().name("tamma.step.run").start();
        try (var scope = tracer.withSpan(step)) {
            recorder.record(call(AiCallRecorded.Outcome.SUCCESS, end));
            recorder.record(call(AiCallRecorded.Outcome.RATE_LIMITED, end));
        } finally {
            step.end();
        }

        List<SpanData> calls = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("tamma.ai.call")).toList();
        assertThat(calls).hasSize(2).allSatisfy(s -> {
            assertThat(s.getParentSpanId()).isEqualTo(step.context().spanId());
            assertThat(s.getStartEpochNanos()).isEqualTo(Instant.parse("2026-11-21T10:00:00Z").toEpochMilli() * 1_000_000);
            assertThat(s.getEndEpochNanos()).isEqualTo(end.toEpochMilli() * 1_000_000);
            assertThat(s.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model"))).isEqualTo("claude-sonnet-4-5");
            assertThat(s.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(1200L);
            assertThat(s.getAttributes().get(AttributeKey.doubleKey("tamma.ai.cost_usd"))).isEqualTo(0.00567);
        });
        assertThat(calls).extracting(s -> s.getStatus().getStatusCode()).containsExactly(StatusCode.UNSET, StatusCode.ERROR);
        assertThat(passedOn).hasSize(2);
    }

    @Test
    void aCallOutsideATracedStepMakesNoSpanAndIsStillPassedOn() {
        recorder.record(call(AiCallRecorded.Outcome.SUCCESS, Instant.now()));

        assertThat(spans.getFinishedSpanItems()).isEmpty();
        assertThat(passedOn).hasSize(1);
        assertThat(AiCallSpans.around(passedOn::add, Tracer.NOOP)).isNotInstanceOf(AiCallSpans.class);
    }
}
