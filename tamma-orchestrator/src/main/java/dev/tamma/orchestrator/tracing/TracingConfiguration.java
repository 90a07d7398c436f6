package dev.tamma.orchestrator.tracing;

import io.micrometer.tracing.exporter.SpanExportingPredicate;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Tracing off ({@code tamma.tracing.enabled} false, the default): Spring Boot's tracer stays, so the
 * code that starts spans needs no switch, but nothing is sampled, so no span is recorded, exported
 * or carried to a task, an inbox row or a lease. On, Spring Boot's own sampler decides
 * ({@code management.tracing.sampling.probability}, 1.0 in application.yml).
 */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

    @Bean
    @ConditionalOnBooleanProperty(name = "tamma.tracing.enabled", havingValue = false, matchIfMissing = true)
    Sampler tracingOff() {
        return Sampler.alwaysOff();
    }

    /**
     * Spring Security would add a span for every filter chain a request passes, between the
     * request's span and Tamma's own, which says nothing an operator reads a trace for.
     */
    @Bean
    SecurityObservationSettings noSecuritySpans() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * A lease request that found no work is not worth a trace: every idle worker makes one about
     * twice a minute. A request that got a task is kept, showing how long it waited.
     */
    @Bean
    SpanExportingPredicate idleLeasePollsAreNotExported() {
        return span -> !("/api/v1/leases".equals(span.getTags().get("uri"))
                && "204".equals(span.getTags().get("status")));
    }
}
