package dev.tamma.orchestrator.api;

import dev.tamma.core.ai.AiCallRecorded;
import dev.tamma.core.ai.CostReport;
import dev.tamma.orchestrator.ai.AiCallEvents;
import dev.tamma.orchestrator.ai.AiCallHistory;
import dev.tamma.orchestrator.events.EventStore;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/** What AI calls cost, from the log: across workflows (as {@code tamma costs} sums it) and call by call for one. */
@Component
public class CostQueries {

    /** One call as the API shows it: who called, what it used and cost; never what was said. */
    public record Call(Instant occurredAt, String step, int attempt, String provider, String model, long inputTokens,
            long outputTokens, long cachedInputTokens, BigDecimal costUsd, boolean priceKnown, long latencyMs,
            String outcome) {

        static Call of(AiCallRecorded c) {
            return new Call(c.occurredAt(), c.context().step().name(), c.context().attempt(), c.provider(), c.model(),
                    c.usage().inputTokens(), c.usage().outputTokens(), c.usage().cachedInputTokens(), c.costUsd(),
                    c.priceKnown(), c.latency().toMillis(), c.outcome().name());
        }
    }

    /** A report: one line per key, most expensive first; {@code incomplete} when some calls had no known price. */
    public record Report(String by, List<CostReport.Line> lines, CostReport.Line total, boolean incomplete) {

        static Report of(CostReport report) {
            return new Report(report.dimension().name().toLowerCase(java.util.Locale.ROOT), report.lines(),
                    report.total(), report.incomplete());
        }
    }

    public record WorkflowCosts(String workflow, Report byStep, List<Call> calls) {
    }

    private final DataSource dataSource;
    private final EventStore events;

    public CostQueries(DataSource dataSource, EventStore events) {
        this.dataSource = dataSource;
        this.events = events;
    }

    public Report report(AiCallHistory range, CostReport.Dimension by) {
        try (Connection connection = dataSource.getConnection()) {
            return Report.of(range.report(connection, by));
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the AI calls failed: " + e.getMessage(), e);
        }
    }

    public WorkflowCosts of(String workflowId) {
        List<AiCallRecorded> calls = events.readStream(AiCallEvents.streamOf(workflowId)).stream()
                .filter(e -> e.type().equals(AiCallEvents.TYPE))
                .map(e -> AiCallEvents.decode(e.payload()))
                .toList();
        return new WorkflowCosts(workflowId, Report.of(CostReport.of(CostReport.Dimension.STEP, calls)),
                calls.stream().map(Call::of).toList());
    }
}
