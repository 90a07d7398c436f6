package dev.tamma.orchestrator.lease;

import dev.tamma.core.workflow.FailureCause;
import dev.tamma.core.workflow.StepOutput;
import dev.tamma.core.workflow.WorkflowInput;
import dev.tamma.orchestrator.tracing.WorkSpans;
import dev.tamma.orchestrator.workflow.WorkflowEngine;
import dev.tamma.platforms.PlatformAddress;
import io.micrometer.tracing.Span;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The lease protocol: workers claim tasks, keep them alive, and answer once. Answers are
 * idempotent per lease; an answer to a lease that expired changes nothing, because the expiry was
 * already counted as a failed attempt and the step offered again.
 */
@Service
public class LeaseService {

    private static final Logger log = LoggerFactory.getLogger(LeaseService.class);

    /**
     * A granted lease: the task, until when it is held, the credentials it needs, where the
     * repository's platform is (none without a platform entry), and the trace of its grant, which
     * the worker's step continues (null while tracing is off).
     */
    public record Lease(Task task, Instant expiresAt, Map<String, String> credentials,
            Optional<PlatformAddress> platform, String traceparent) {
        @Override
        public String toString() {
            return "Lease[" + task + ", expiresAt=" + expiresAt + ", credentials=" + redacted(credentials) + "]";
        }
    }

    /**
     * A claimed task that could not be handed out (its credentials could not be had, say). It is
     * back in the queue, no attempt counted, so the next request can take it at once.
     */
    public static final class NotHandedOut extends RuntimeException {
        NotHandedOut(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** How an answer to a lease was taken. */
    public enum Answer {
        /** Recorded now. */
        ACCEPTED,
        /** The same answer was recorded before; nothing changed. */
        ALREADY_RECORDED,
        /** The lease expired or was answered differently; nothing changed. */
        CONFLICT,
        /** No such lease for this worker. */
        UNKNOWN
    }

    private final TaskQueue queue;
    private final TaskSignal signal;
    private final WorkflowEngine engine;
    private final TransactionTemplate transactions;
    private final LeaseProperties properties;
    private final LeaseCredentials credentials;
    private final LeaseMetrics metrics;
    private final WorkSpans spans;
    private final Clock clock;

    public LeaseService(TaskQueue queue, TaskSignal signal, WorkflowEngine engine, TransactionTemplate transactions,
            LeaseProperties properties, LeaseCredentials credentials, LeaseMetrics metrics, WorkSpans spans,
            Clock clock) {
        this.queue = queue;
        this.signal = signal;
        this.engine = engine;
        this.transactions = transactions;
        this.properties = properties;
        this.credentials = credentials;
        this.metrics = metrics;
        this.spans = spans;
        this.clock = clock;
    }

    /** Claims a task, waiting up to {@code wait} (capped by {@code tamma.leases.max-wait}) for one. */
    public Optional<Lease> lease(WorkerIdentity worker, String workerName, List<String> labels, String workflowId,
            Duration wait) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + min(wait, properties.maxWait()).toNanos();
        String owner = ownerPrefix(worker) + workerName;
        List<String> effectiveLabels = worker.effectiveLabels(labels);
        List<String> repositories = worker.repositoryPatterns();
        while (signal.open()) {
            long seen = signal.generation();
            Optional<Task> task = transactions.execute(
                    tx -> queue.claim(owner, effectiveLabels, repositories, workflowId, properties.ackTimeout()));
            if (task.isPresent()) {
                metrics.leaseWait(Duration.ofNanos(System.nanoTime() - started));
                Task t = task.get();
                Span granted = t.describe(spans.continuing(t.traceparent(), "tamma.lease.grant")
                        .tag("tamma.worker", owner).start());
                try (var context = t.logContext()) {
                    Lease lease = new Lease(t, t.leaseExpiresAt(), credentials.forRepository(t.repository()),
                            credentials.platform(t.repository()), WorkSpans.traceparentOf(granted));
                    log.info("Leased {} attempt {} of {} to {}", t.step(), t.attempt(), t.workflowId(), owner);
                    return Optional.of(lease);
                } catch (RuntimeException e) {
                    granted.error(e);
                    throw giveBack(t, e);
                } finally {
                    granted.end();
                }
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return Optional.empty();
            }
            signal.awaitAfter(seen, min(Duration.ofNanos(remaining), properties.recheck()));
        }
        return Optional.empty(); // the service is stopping
    }

    /**
     * A heartbeat's answer: until when the lease holds now, and its credentials of the moment.
     * Credentials that cannot be had just then (the platform unreachable) are left out: the worker
     * keeps the ones it has, and the lease is extended all the same.
     */
    public record Heartbeat(OffsetDateTime expiresAt, Map<String, String> credentials) {
        @Override
        public String toString() {
            return "Heartbeat[expiresAt=" + expiresAt + ", credentials=" + redacted(credentials) + "]";
        }
    }

    /**
     * Extends the lease and hands out its credentials again: a GitHub App's installation token is
     * renewed here before it expires, so a step longer than the token's hour keeps working. The
     * lease is extended first, in a statement of its own, whatever becomes of the credentials.
     */
    public Optional<Heartbeat> heartbeat(WorkerIdentity worker, UUID leaseId) {
        return queue.heartbeat(leaseId, ownerPrefix(worker), properties.ttl())
                .map(extended -> new Heartbeat(extended.expiresAt(), credentials.renewal(extended.repository())));
    }

    private static String redacted(Map<String, String> credentials) {
        return credentials.isEmpty() ? "none" : "[redacted]";
    }

    /**
     * Puts a task just claimed back in the queue because handing it out failed, and says so: the
     * worker gets an error it may try again after, and the task does not wait out an unacknowledged
     * lease.
     */
    public NotHandedOut giveBack(Task task, RuntimeException cause) {
        try (var context = task.logContext()) {
            transactions.executeWithoutResult(tx -> queue.release(task.leaseId()));
            log.warn("Could not hand out {} attempt {} of {} ({}); it is back in the queue", task.step(),
                    task.attempt(), task.workflowId(), cause.getMessage());
        }
        return new NotHandedOut(task.step() + " of " + task.workflowId() + " in " + task.repository()
                + " could not be handed out (" + cause.getMessage() + "); it is back in the queue", cause);
    }

    /** Gives a leased task back unanswered; no attempt is counted. */
    public Answer release(WorkerIdentity worker, UUID leaseId) {
        return transactions.execute(tx -> {
            Optional<Task> task = queue.lockByLease(leaseId).filter(t -> ownedBy(t, worker));
            if (task.isEmpty()) {
                return Answer.UNKNOWN;
            }
            return queue.release(leaseId) ? Answer.ACCEPTED : Answer.CONFLICT;
        });
    }

    public Answer complete(WorkerIdentity worker, UUID leaseId, StepOutput output) {
        return answer(worker, leaseId, Task.Status.SUCCEEDED,
                task -> new WorkflowInput.StepSucceeded(clock.instant(), task.step(), task.attempt(), output));
    }

    public Answer fail(WorkerIdentity worker, UUID leaseId, FailureCause cause, String message, String excerpt) {
        return answer(worker, leaseId, Task.Status.FAILED, task -> new WorkflowInput.StepFailed(clock.instant(),
                task.step(), task.attempt(), cause, message, excerpt));
    }

    /**
     * Records the answer in one transaction that starts by locking the task: the lock, the owner
     * and the expiry are all read by that one statement, so the task is read once per answer.
     */
    private Answer answer(WorkerIdentity worker, UUID leaseId, Task.Status outcome,
            Function<Task, WorkflowInput> input) {
        // under the worker's answer (its traceparent header), so the trace runs on from its step
        Span span = spans.child("tamma.lease.answer").tag("tamma.lease.id", leaseId.toString())
                .tag("tamma.outcome", outcome.name()).start();
        return spans.call(span, () -> {
            AtomicReference<Task> answered = new AtomicReference<>();
            Answer answer = engine.retryingConflicts("of lease " + leaseId, () -> transactions.execute(tx -> {
                Optional<TaskQueue.Locked> locked = queue.lockByLeaseJudgingExpiry(leaseId)
                        .filter(l -> ownedBy(l.task(), worker));
                if (locked.isEmpty()) {
                    return Answer.UNKNOWN;
                }
                Task task = locked.get().task();
                answered.set(task);
                if (task.status() == outcome) {
                    return Answer.ALREADY_RECORDED;
                }
                if (task.status() != Task.Status.LEASED || locked.get().expired()) {
                    return Answer.CONFLICT;
                }
                try (var context = task.logContext()) { // around the engine's, so its lines name the lease
                    queue.finish(task.id(), outcome);
                    engine.decideAndRecord(task.workflowId(), input.apply(task));
                }
                metrics.stepFinished(task, outcome, clock.instant());
                return Answer.ACCEPTED;
            }));
            span.tag("tamma.answer", answer.name());
            Task task = answered.get();
            if (task != null) {
                task.describe(span);
                try (var context = task.logContext()) {
                    log.info("{} attempt {} of {} answered {}: {}", task.step(), task.attempt(), task.workflowId(),
                            outcome, answer);
                }
            }
            return answer;
        });
    }

    /** The start of every lease owner under this worker's token. */
    private static String ownerPrefix(WorkerIdentity worker) {
        return worker.tokenId() + "/";
    }

    static boolean ownedBy(Task task, WorkerIdentity worker) {
        return task.leaseOwner() != null && task.leaseOwner().startsWith(ownerPrefix(worker));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
