package dev.tamma.orchestrator.lease;

import dev.tamma.core.workflow.Step;
import dev.tamma.orchestrator.metrics.MetricNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Queue and lease metrics; the names are listed in docs/operations.md. */
@Component
public class LeaseMetrics {


    private final MeterRegistry registry;
    private final JdbcClient jdbc;
    private final MultiGauge queued;
    private final MultiGauge leased;
    private final MultiGauge workflows;
    private final Timer leaseWait;

    public LeaseMetrics(MeterRegistry registry, JdbcClient jdbc) {
        this.registry = registry;
        this.jdbc = jdbc;
        this.queued = MultiGauge.builder(MetricNames.TASKS_QUEUED).description("Tasks waiting for a worker, by step")
                .register(registry);
        this.leased = MultiGauge.builder(MetricNames.TASKS_LEASED).description("Tasks a worker holds a lease on, by step")
                .register(registry);
        this.workflows = MultiGauge.builder(MetricNames.WORKFLOWS).description("Workflows by status").register(registry);
        this.leaseWait = Timer.builder(MetricNames.LEASE_WAIT).description("How long a worker's lease request waited for work")
                .publishPercentileHistogram().register(registry);
    }

    void leaseWait(Duration waited) {
        leaseWait.record(waited);
    }

    void stepFinished(Task task, Task.Status outcome, Instant now) {
        if (task.leasedAt() != null) {
            registry.timer(MetricNames.STEP_DURATION, "step", task.step().slug(), "outcome", outcome.name().toLowerCase())
                    .record(Duration.between(task.leasedAt(), now));
        }
    }

    void leaseExpired(Task task) {
        registry.counter(MetricNames.LEASES_EXPIRED, "step", task.step().slug()).increment();
    }

    void leaseUnacknowledged(Task task) {
        registry.counter(MetricNames.LEASES_UNACKNOWLEDGED, "step", task.step().slug()).increment();
    }

    /** Reads the gauges' values from the database; each replica refreshes its own. */
    void refresh() {
        queued.register(tasksByStep("QUEUED"), true);
        leased.register(tasksByStep("LEASED"), true);
        workflows.register(rows("SELECT status, count(*) FROM workflow GROUP BY status", "status"), true);
    }

    /**
     * Every step has a row, 0 when it has no task: an idle queue is then a series of zeros rather
     * than no series, which an autoscaler reading the gauge would take for a missing metric.
     */
    private List<MultiGauge.Row<?>> tasksByStep(String status) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("SELECT step, count(*) FROM task WHERE status = ? GROUP BY step").param(status)
                .query((RowCallbackHandler) rs -> counts.put(rs.getString(1), rs.getLong(2)));
        return Arrays.stream(Step.values()).<MultiGauge.Row<?>>map(step -> MultiGauge.Row.of(
                Tags.of("step", step.slug()), counts.getOrDefault(step.name(), 0L))).toList();
    }

    private List<MultiGauge.Row<?>> rows(String sql, String tag) {
        return jdbc.sql(sql).query((rs, n) -> MultiGauge.Row.of(Tags.of(tag, rs.getString(1)), rs.getLong(2)))
                .list().stream().<MultiGauge.Row<?>>map(r -> r).toList();
    }
}
