package dev.tamma.worker;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A span's context as a W3C Trace Context {@code traceparent} (version 00): how a task carries its
 * trace from being queued to the lease, how a lease hands it to the worker, and how the worker's
 * calls to the orchestrator carry it back. One format everywhere, whatever propagation the
 * orchestrator's HTTP layer is set to.
 */
public final class Traceparent {

    /** The HTTP header, and the lease response's field. */
    public static final String HEADER = "traceparent";

    private static final Pattern FORMAT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final String NO_TRACE = "0".repeat(32);
    private static final String NO_SPAN = "0".repeat(16);

    private Traceparent() {
    }

    /**
     * The span's traceparent; empty for no span or one that is not sampled (tracing off), so work
     * picked up later is traced only when the work that queued it was.
     */
    public static Optional<String> of(Span span) {
        return span == null ? Optional.empty() : of(span.context());
    }

    /** The context's traceparent; empty when it names no sampled trace. */
    public static Optional<String> of(TraceContext context) {
        if (context == null || !Boolean.TRUE.equals(context.sampled()) || !valid(context.traceId(), 32, NO_TRACE)
                || !valid(context.spanId(), 16, NO_SPAN)) {
            return Optional.empty();
        }
        return Optional.of("00-" + context.traceId() + "-" + context.spanId() + "-01");
    }

    /** The context a traceparent names, to start child spans of; empty when it is missing or malformed. */
    public static Optional<TraceContext> parse(Tracer tracer, String traceparent) {
        Matcher m = traceparent == null ? null : FORMAT.matcher(traceparent.strip());
        if (m == null || !m.matches() || m.group(1).equals(NO_TRACE) || m.group(2).equals(NO_SPAN)) {
            return Optional.empty();
        }
        boolean sampled = (Integer.parseInt(m.group(3), 16) & 1) == 1;
        return Optional.of(tracer.traceContextBuilder().traceId(m.group(1)).spanId(m.group(2)).sampled(sampled).build());
    }

    private static boolean valid(String id, int length, String none) {
        return id != null && id.length() == length && !id.equals(none);
    }
}
