package dev.tamma.orchestrator.lease;

import dev.tamma.core.workflow.Step;
import dev.tamma.worker.StepLogContext;
import io.micrometer.tracing.Span;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A step of a workflow to run, and its lease while a worker has it.
 *
 * @param acknowledgedAt       the worker's first heartbeat on the lease
 * @param unacknowledgedLeases how many of its leases expired before a heartbeat came
 * @param traceparent          the trace of the span that queued it, which its lease and expiry
 *                             continue; null when tracing was off
 */
public record Task(long id, String workflowId, String repository, Step step, int attempt, String payload,
        List<String> labels, Status status, UUID leaseId, String leaseOwner, Instant leaseExpiresAt,
        Instant leasedAt, Instant acknowledgedAt, int unacknowledgedLeases, String traceparent) {

    public enum Status { QUEUED, LEASED, SUCCEEDED, FAILED, EXPIRED }

    /** Tags a span with its workflow, repository, step, attempt and lease (no payload: it may quote a person). */
    public Span describe(Span span) {
        span.tag("tamma.workflow.id", workflowId).tag("tamma.repository", repository).tag("tamma.step", step.name())
                .tag("tamma.attempt", attempt);
        if (leaseId != null) {
            span.tag("tamma.lease.id", leaseId.toString());
        }
        return span;
    }

    /** Its workflow, repository, step, attempt and lease in every line logged until closed. */
    public StepLogContext logContext() {
        return StepLogContext.open(workflowId, repository, step, attempt, leaseId);
    }
}
