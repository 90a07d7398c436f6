package dev.tamma.worker;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The tracing of {@code tamma worker} on its own machine: off unless {@code TAMMA_TRACING_ENABLED}
 * is {@code true}; then an OpenTelemetry SDK set up from the standard {@code OTEL_*} variables (by
 * default spans go over OTLP/HTTP to {@code http://localhost:4318}, as service {@code tamma-worker}),
 * sampling as the orchestrator decided for each lease's trace. Closing it sends what is left, so a
 * {@code --once} run loses no span on exit.
 */
public final class WorkerTelemetry implements AutoCloseable {

    public static final String ENABLED = "TAMMA_TRACING_ENABLED";

    private final OpenTelemetrySdk sdk;
    private final Tracer tracer;
    private final AtomicBoolean closed = new AtomicBoolean();

    private WorkerTelemetry(OpenTelemetrySdk sdk, Tracer tracer) {
        this.sdk = sdk;
        this.tracer = tracer;
    }

    /** No spans at all. */
    public static WorkerTelemetry off() {
        return new WorkerTelemetry(null, Tracer.NOOP);
    }

    /** Tracing as {@code environment} asks for it. */
    public static WorkerTelemetry from(Map<String, String> environment) {
        if (!Boolean.parseBoolean(environment.getOrDefault(ENABLED, "false").strip())) {
            return off();
        }
        Map<String, String> properties = new HashMap<>();
        properties.put("otel.service.name", "tamma-worker");
        properties.put("otel.metrics.exporter", "none"); // the worker's spans only; its metrics are the orchestrator's
        properties.put("otel.logs.exporter", "none");
        properties.put("otel.exporter.otlp.protocol", "http/protobuf"); // the JDK's HttpClient sends it; gRPC is not included
        // the SDK reads the process's own environment too; this makes the given one count as well
        environment.forEach((name, value) -> {
            if (name.startsWith("OTEL_")) {
                properties.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> properties)
                .build()
                .getOpenTelemetrySdk();
        OtelCurrentTraceContext current = new OtelCurrentTraceContext();
        Tracer tracer = new OtelTracer(sdk.getTracer("dev.tamma.worker"), current, event -> { },
                new OtelBaggageManager(current, List.of(), List.of()));
        return new WorkerTelemetry(sdk, tracer);
    }

    public Tracer tracer() {
        return tracer;
    }

    public boolean enabled() {
        return sdk != null;
    }

    /** Sends the spans still queued and stops; safe to call twice (from a shutdown hook and on return). */
    @Override
    public void close() {
        if (sdk != null && closed.compareAndSet(false, true)) {
            sdk.close();
        }
    }
}
