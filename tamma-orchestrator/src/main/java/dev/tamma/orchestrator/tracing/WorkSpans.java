package dev.tamma.orchestrator.tracing;

import dev.tamma.worker.Traceparent;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Starts the spans of Tamma's own work (webhook deliveries, the engine's decisions, tasks and their
 * leases) on Spring Boot's tracer, which is a no-op while tracing is off. Work picked up later, by
 * another thread, replica or worker, continues the trace its row was stored with.
 */
@Component
public class WorkSpans {

    private final Tracer tracer;

    public WorkSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /** A span under the current one (a new trace when there is none), not yet started. */
    public Span.Builder child(String name) {
        return tracer.spanBuilder().name(name);
    }

    /**
     * A span continuing the trace {@code traceparent} names, not yet started; under the current
     * span when it names none (the row was stored while tracing was off).
     */
    public Span.Builder continuing(String traceparent, String name) {
        Span.Builder builder = child(name);
        Traceparent.parse(tracer, traceparent).ifPresent(builder::setParent);
        return builder;
    }

    /** Work run in a span: it may throw what its code throws. */
    @FunctionalInterface
    public interface SpanWork<T, E extends Exception> {
        T call() throws E;
    }

    /** Work without a result run in a span. */
    @FunctionalInterface
    public interface SpanTask<E extends Exception> {
        void run() throws E;
    }

    /** Runs {@code work} with {@code span} current, marks the span failed when it throws, and ends it. */
    public <T, E extends Exception> T call(Span span, SpanWork<T, E> work) throws E {
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.call();
        } catch (Exception e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** {@link #call} for work without a result. */
    public <E extends Exception> void run(Span span, SpanTask<E> work) throws E {
        call(span, () -> {
            work.run();
            return null;
        });
    }

    /** What to store with a row for later work to continue this span's trace; null while tracing is off. */
    public static String traceparentOf(Span span) {
        return Traceparent.of(span).orElse(null);
    }

    /** The current span's traceparent, if any. */
    public Optional<String> current() {
        return Traceparent.of(tracer.currentSpan());
    }
}
