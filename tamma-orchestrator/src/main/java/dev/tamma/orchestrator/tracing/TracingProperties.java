package dev.tamma.orchestrator.tracing;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Whether Tamma records traces ({@code tamma.tracing.*}). application.yml turns Spring Boot's
 * OpenTelemetry SDK and trace export on and off with it; where spans go is Spring Boot's
 * {@code management.opentelemetry.tracing.export.otlp.*} (or the {@code OTEL_EXPORTER_OTLP_*}
 * variables).
 *
 * @param enabled record spans and export them over OTLP; off by default
 */
@ConfigurationProperties("tamma.tracing")
public record TracingProperties(boolean enabled) {
}
