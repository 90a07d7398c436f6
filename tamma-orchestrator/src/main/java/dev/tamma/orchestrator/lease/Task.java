package dev.tamma.orchestrator.lease;

import dev.tamma.core.workflow.Step;
import dev.tamma.worker.StepLogContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A step of a workflow to run, and its lease while a worker has it. {@code acknowledgedAt} is the
 * worker's first heartbeat on the lease; {@code unacknowledgedLeases} counts leases that expired
 * before one came.
 */
public record Task(long id, String workflowId, String repository, Step step, int attempt, String payload,
        List<String> labels, Status status, UUID leaseId, String leaseOwner, Instant leaseExpiresAt,
        Instant leasedAt, Instant acknowledgedAt, int unacknowledgedLeases) {

    public enum Status { QUEUED, LEASED, SUCCEEDED, FAILED, EXPIRED }

    /** Its workflow, repository, step, attempt and lease in every line logged until closed. */
    public StepLogContext logContext() {
        return StepLogContext.open(workflowId, repository, step, attempt, leaseId);
    }
}
