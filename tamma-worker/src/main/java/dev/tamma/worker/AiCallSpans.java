package dev.tamma.worker;

import dev.tamma.core.ai.AiCallRecorded;
import dev.tamma.core.ai.AiCallRecorder;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.concurrent.TimeUnit;

/**
 * Every AI call a step makes as a child span of the step's, drawn from the record the metering
 * layer makes when the call ends (so its start is the end less the latency): provider, model,
 * tokens, cost and outcome, never what was asked or answered. A call outside a traced step makes
 * no span. The record then goes on to {@code next}.
 */
public final class AiCallSpans implements AiCallRecorder {

    private final AiCallRecorder next;
    private final Tracer tracer;

    private AiCallSpans(AiCallRecorder next, Tracer tracer) {
        this.next = next;
        this.tracer = tracer;
    }

    /** {@code next}, with a span for each call when {@code tracer} traces anything. */
    public static AiCallRecorder around(AiCallRecorder next, Tracer tracer) {
        return tracer == Tracer.NOOP ? next : new AiCallSpans(next, tracer);
    }

    @Override
    public void record(AiCallRecorded call) {
        Span step = tracer.currentSpan();
        if (step != null && Traceparent.of(step).isPresent()) {
            long endMicros = TimeUnit.SECONDS.toMicros(call.occurredAt().getEpochSecond())
                    + TimeUnit.NANOSECONDS.toMicros(call.occurredAt().getNano());
            Span span = tracer.spanBuilder().setParent(step.context()).name("tamma.ai.call").kind(Span.Kind.CLIENT)
                    .startTimestamp(endMicros - call.latency().toNanos() / 1_000, TimeUnit.MICROSECONDS)
                    .tag("gen_ai.provider.name", call.provider())
                    .tag("gen_ai.request.model", call.model())
                    .tag("gen_ai.usage.input_tokens", call.usage().inputTokens())
                    .tag("gen_ai.usage.output_tokens", call.usage().outputTokens())
                    .tag("tamma.ai.cached_input_tokens", call.usage().cachedInputTokens())
                    .tag("tamma.ai.cost_usd", call.costUsd().doubleValue())
                    .tag("tamma.ai.outcome", call.outcome().name())
                    .start();
            if (call.outcome() != AiCallRecorded.Outcome.SUCCESS) {
                span.error(new AiCallFailed(call.outcome()));
            }
            span.end(endMicros, TimeUnit.MICROSECONDS);
        }
        next.record(call);
    }

    /** Marks a failed call's span, naming how it failed and nothing the provider said. */
    private static final class AiCallFailed extends RuntimeException {
        AiCallFailed(AiCallRecorded.Outcome outcome) {
            super("the AI call failed: " + outcome, null, false, false);
        }
    }
}
