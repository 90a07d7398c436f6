package dev.tamma.orchestrator.lease;

import dev.tamma.core.workflow.FailureCause;
import dev.tamma.core.workflow.WorkflowInput;
import dev.tamma.orchestrator.events.ConcurrencyConflictException;
import dev.tamma.orchestrator.instance.ReplicaJob;
import dev.tamma.orchestrator.tracing.WorkSpans;
import dev.tamma.orchestrator.workflow.WorkflowEngine;
import io.micrometer.tracing.Span;
import java.time.Clock;
import net.javacrumbs.shedlock.core.LockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns expired leases into failed attempts ({@link FailureCause#LEASE_EXPIRED}), so the workflow
 * decides what comes next: usually the step offered again. Runs on one replica at a time (ShedLock).
 */
@Component
public class LeaseSweeper implements ReplicaJob.Owner {

    private static final Logger log = LoggerFactory.getLogger(LeaseSweeper.class);
    static final String LOCK = "lease-sweep";
    /** Unacknowledged leases of one task that go back to the queue for free; the next one counts. */
    static final int UNACKNOWLEDGED_LIMIT = 3;

    private final TaskQueue queue;
    private final WorkflowEngine engine;
    private final TransactionTemplate transactions;
    private final ReplicaJob job;
    private final LeaseMetrics metrics;
    private final WorkSpans spans;
    private final Clock clock;

    public LeaseSweeper(TaskQueue queue, WorkflowEngine engine, TransactionTemplate transactions,
            LockProvider lockProvider, LeaseProperties properties, LeaseMetrics metrics, WorkSpans spans, Clock clock) {
        this.queue = queue;
        this.engine = engine;
        this.transactions = transactions;
        this.job = new ReplicaJob(LOCK, "The lease sweep", properties.sweepInterval(),
                properties.sweepInterval().multipliedBy(10), lockProvider, clock, this::sweep, metrics::refresh);
        this.metrics = metrics;
        this.spans = spans;
        this.clock = clock;
    }

    /**
     * Expires every lease whose time is up; returns how many. A lease never acknowledged goes back to
     * the queue instead, up to {@value #UNACKNOWLEDGED_LIMIT} times a task. One task that cannot be recorded
     * never holds up the others: a conflict is tried again at the next sweep, any other failure is
     * logged and the task expired without a decision.
     */
    public int sweep() {
        int expired = 0;
        for (long taskId : queue.expiredIds(100)) {
            try {
                if (Boolean.TRUE.equals(transactions.execute(tx -> expire(taskId)))) {
                    expired++;
                }
            } catch (ConcurrencyConflictException e) {
                log.debug("Workflow of task {} moved on while expiring its lease; next sweep", taskId);
            } catch (RuntimeException e) {
                log.error("Could not record the expired lease of task {} in its workflow; expiring it alone", taskId, e);
                transactions.executeWithoutResult(tx -> queue.lockExpired(taskId)
                        .ifPresent(task -> queue.finish(task.id(), Task.Status.EXPIRED)));
            }
        }
        return expired;
    }

    private boolean expire(long taskId) {
        return queue.lockExpired(taskId).map(task -> {
            Span span = task.describe(spans.continuing(task.traceparent(), "tamma.lease.expired")
                    .tag("tamma.worker", String.valueOf(task.leaseOwner())).start());
            try (var context = task.logContext()) {
                spans.run(span, () -> expire(task));
            }
            return true;
        }).orElse(false);
    }

    private void expire(Task task) {
        if (task.acknowledgedAt() == null && task.unacknowledgedLeases() < UNACKNOWLEDGED_LIMIT) {
            // The worker never heartbeated: most likely it went away while its request waited.
            queue.requeueUnacknowledged(task.id());
            metrics.leaseUnacknowledged(task);
            log.info("Lease of {} on {} attempt {} of workflow {} was never acknowledged; offered again "
                    + "without counting an attempt", task.leaseOwner(), task.step(), task.attempt(), task.workflowId());
            return;
        }
        queue.finish(task.id(), Task.Status.EXPIRED);
        engine.decideAndRecord(task.workflowId(), new WorkflowInput.StepFailed(clock.instant(), task.step(),
                task.attempt(), FailureCause.LEASE_EXPIRED,
                "the lease of " + task.leaseOwner() + " expired without an answer", ""));
        metrics.leaseExpired(task);
        log.info("Lease of {} on {} attempt {} of workflow {} expired", task.leaseOwner(), task.step(),
                task.attempt(), task.workflowId());
    }

    @Override
    public ReplicaJob job() {
        return job;
    }
}
