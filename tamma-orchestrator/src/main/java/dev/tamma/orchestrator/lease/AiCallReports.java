package dev.tamma.orchestrator.lease;

import dev.tamma.core.ai.AiCallRecorded;
import dev.tamma.core.ai.CallContext;
import dev.tamma.core.ai.TokenUsage;
import dev.tamma.orchestrator.ai.AiCallLog;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * AI calls a worker reports for one of its leases. The lease says whose calls they are (workflow,
 * repository, step, attempt): a worker cannot charge another workflow. A report for a lease that
 * has expired or been answered is still recorded, because the money was spent all the same; only a
 * lease that is not the caller's, or that was released (its id is forgotten then), is refused.
 */
@Service
class AiCallReports {

    /** A reported call, checked, waiting for its lease's context. */
    record ReportedCall(UUID id, String provider, String model, TokenUsage usage, BigDecimal costUsd,
            boolean priceKnown, Duration latency, AiCallRecorded.Outcome outcome, Instant occurredAt) {

        AiCallRecorded in(CallContext context) {
            return new AiCallRecorded(context, provider, model, usage, costUsd, priceKnown, latency, outcome,
                    occurredAt);
        }
    }

    /** How a report was taken: how many calls were new, and how many had been reported before. */
    record Receipt(int recorded, int alreadyRecorded) {
    }

    private final TaskQueue queue;
    private final JdbcClient jdbc;
    private final AiCallLog log;

    AiCallReports(TaskQueue queue, JdbcClient jdbc, AiCallLog log) {
        this.queue = queue;
        this.jdbc = jdbc;
        this.log = log;
    }

    /** Records the calls; empty when the lease is unknown to this worker's token. */
    Optional<Receipt> report(WorkerIdentity worker, UUID leaseId, List<ReportedCall> calls) {
        Optional<Task> found = queue.findByLease(leaseId).filter(task -> LeaseService.ownedBy(task, worker));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Task task = found.get();
        CallContext context = new CallContext(task.workflowId(), task.repository(), issueNumber(task.workflowId()),
                task.step(), task.attempt());
        List<AiCallLog.IdentifiedCall> identified = calls.stream()
                .map(call -> new AiCallLog.IdentifiedCall(call.id(), call.in(context)))
                .toList();
        int recorded = log.append(identified, task.leaseOwner());
        return Optional.of(new Receipt(recorded, calls.size() - recorded));
    }

    /** The number in the workflow's {@code owner/repo#42}; 0 when the workflow is not known. */
    private int issueNumber(String workflowId) {
        return jdbc.sql("SELECT issue FROM workflow WHERE workflow_id = ?").param(workflowId).query(String.class)
                .optional()
                .map(issue -> issue.substring(issue.lastIndexOf('#') + 1))
                .filter(number -> number.matches("\\d{1,9}"))
                .map(Integer::parseInt)
                .orElse(0);
    }
}
