package dev.tamma.worker;

import dev.tamma.core.ai.AiCallRecorded;
import dev.tamma.core.ai.AiCallRecorder;
import dev.tamma.core.ai.CallContext;
import dev.tamma.core.workflow.Step;
import dev.tamma.providers.cost.SpendLedger;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's {@link AiCallRecorder}: every call its steps' providers record goes to the
 * orchestrator under the lease of the step that made it, and so into the event log and
 * {@code tamma costs}.
 *
 * <p>Recording never waits on the network: one background thread sends what has piled up, in
 * batches. Before the worker answers a lease it waits until that lease's calls are sent, so a step's
 * spend is in the log before its outcome. A report that fails is tried again a few times with
 * backoff; after that, or when the orchestrator refuses it, the calls are given up with an error
 * in the log saying how many were lost. Nothing of a conversation is ever sent or logged: a record
 * holds counts, cost and timing only.
 */
public final class AiCallReporter implements AiCallRecorder, AutoCloseable {

    private static final int BATCH = 100;
    private static final Logger log = LoggerFactory.getLogger(AiCallReporter.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private record Key(String workflowId, Step step, int attempt) {
    }

    private record Pending(UUID leaseId, OrchestratorClient.ReportedAiCall call) {
    }

    private final OrchestratorClient orchestrator;
    private final int tries;
    private final Duration firstRetry;
    private final SpendLedger ledger;
    private final Map<Key, UUID> leases = new ConcurrentHashMap<>();
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Map<UUID, Integer> unsent = new HashMap<>(); // guarded by this
    private boolean closed; // guarded by this
    private final AtomicLong lost = new AtomicLong();
    private final Thread sender;

    /** A reporter with a ledger of its own that tries each report 4 times, 1, 2 and 4 seconds apart. */
    public AiCallReporter(OrchestratorClient orchestrator) {
        this(orchestrator, new SpendLedger());
    }

    /** A reporter that catches up {@code ledger}, the one the worker's providers are metered with. */
    public AiCallReporter(OrchestratorClient orchestrator, SpendLedger ledger) {
        this(orchestrator, ledger, 4, Duration.ofSeconds(1));
    }

    /**
     * @param tries      how often a report is tried before its calls are given up
     * @param firstRetry the wait before the second try; it doubles for each further one
     */
    public AiCallReporter(OrchestratorClient orchestrator, SpendLedger ledger, int tries, Duration firstRetry) {
        if (tries < 1) {
            throw new IllegalArgumentException("tries must be 1 or more, was " + tries);
        }
        this.orchestrator = orchestrator;
        this.ledger = ledger;
        this.tries = tries;
        this.firstRetry = firstRetry;
        this.sender = Thread.ofVirtual().name("tamma-ai-call-reporter").start(this::sendLoop);
    }

    /**
     * What this worker's workflows and steps have spent: hand it to the providers' metering with
     * this reporter, so budgets count every call, this worker's and the others'.
     */
    public SpendLedger ledger() {
        return ledger;
    }

    /**
     * From now on, calls made in this task's workflow, step and attempt are reported under its
     * lease; the ledger catches up with what the workflow had spent when it was leased.
     */
    public void leased(StepTask task) {
        ledger.catchUp(task.workflowId(), task.step(), task.aiSpend().workflowUsd(), task.aiSpend().stepUsd());
        leases.put(new Key(task.workflowId(), task.step(), task.attempt()), task.leaseId());
    }

    @Override
    public void record(AiCallRecorded call) {
        CallContext context = call.context();
        UUID lease = leases.get(new Key(context.workflowId(), context.step(), context.attempt()));
        if (lease == null) {
            lost.incrementAndGet();
            log.error("1 AI call ({} {}, ${}) of workflow {} step {} attempt {} was made outside any lease this "
                    + "worker holds, so it cannot be reported: it is lost from the event log and from tamma costs",
                    call.provider(), call.model(), call.costUsd(), context.workflowId(), context.step(),
                    context.attempt());
            return;
        }
        Pending pending = new Pending(lease, new OrchestratorClient.ReportedAiCall(UUID.randomUUID(), call));
        synchronized (this) {
            if (closed) {
                giveUp(1, pending, "the worker has stopped reporting");
                return;
            }
            unsent.merge(lease, 1, Integer::sum);
            queue.add(pending);
        }
    }

    /**
     * Waits until every call recorded for the task so far has been sent or given up, then stops
     * taking calls for it. Call before answering or releasing the lease: a released lease takes no
     * reports.
     */
    public void finished(StepTask task) throws InterruptedException {
        synchronized (this) {
            while (unsent.containsKey(task.leaseId())) {
                wait();
            }
        }
        leases.remove(new Key(task.workflowId(), task.step(), task.attempt()), task.leaseId());
        // its spend is in the log now, which the workflow's next lease brings back
        if (leases.keySet().stream().noneMatch(key -> key.workflowId().equals(task.workflowId()))) {
            ledger.forget(task.workflowId());
        }
    }

    /** How many calls were given up since this reporter started. */
    public long lost() {
        return lost.get();
    }

    /** Sends what is waiting (for up to 30 s), then stops the sending thread. */
    @Override
    public void close() throws InterruptedException {
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        synchronized (this) {
            closed = true;
            while (!unsent.isEmpty() && System.nanoTime() < deadline) {
                wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        }
        sender.interrupt();
        sender.join(CLOSE_WAIT.toMillis());
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        if (!left.isEmpty()) {
            giveUp(left.size(), left.getFirst(), "the worker stopped before they could be sent");
        }
    }

    private void sendLoop() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, BATCH - 1);
            Map<UUID, List<Pending>> byLease = new LinkedHashMap<>();
            batch.forEach(p -> byLease.computeIfAbsent(p.leaseId(), id -> new ArrayList<>()).add(p));
            batch.clear();
            boolean stopping = false;
            for (List<Pending> calls : byLease.values()) {
                if (stopping) {
                    giveUp(calls.size(), calls.getFirst(), "the worker stopped before they could be sent");
                } else {
                    stopping = !deliver(calls);
                }
                sent(calls.getFirst().leaseId(), calls.size());
            }
            if (stopping) {
                return;
            }
        }
    }

    /** Sends one lease's calls, trying again on failures that may pass; false when interrupted. */
    private boolean deliver(List<Pending> calls) {
        Pending first = calls.getFirst();
        List<OrchestratorClient.ReportedAiCall> report = calls.stream().map(Pending::call).toList();
        for (int attempt = 1; ; attempt++) {
            String failure;
            boolean mayPass;
            try {
                orchestrator.reportAiCalls(first.leaseId(), report);
                return true;
            } catch (IOException e) {
                failure = "cannot reach the orchestrator: " + e.getMessage();
                mayPass = true;
            } catch (OrchestratorClient.RefusedException e) {
                failure = e.getMessage();
                mayPass = e.mayPassLater();
            } catch (InterruptedException e) {
                giveUp(calls.size(), first, "the worker stopped while sending them");
                return false;
            } catch (RuntimeException e) {
                failure = e.toString();
                mayPass = false;
            }
            if (!mayPass || attempt == tries) {
                giveUp(calls.size(), first, failure + (mayPass ? " (tried " + tries + " times)" : ""));
                return true;
            }
            try {
                Thread.sleep(firstRetry.multipliedBy(1L << (attempt - 1)));
            } catch (InterruptedException e) {
                giveUp(calls.size(), first, "the worker stopped while sending them");
                return false;
            }
        }
    }

    private void giveUp(int count, Pending first, String why) {
        lost.addAndGet(count);
        CallContext context = first.call().call().context();
        log.error("Could not report {} AI call{} of lease {} (workflow {} step {} attempt {}) to the orchestrator: {}. "
                + "They are missing from the event log and from tamma costs", count, count == 1 ? "" : "s",
                first.leaseId(), context.workflowId(), context.step(), context.attempt(), why);
    }

    private synchronized void sent(UUID leaseId, int count) {
        unsent.computeIfPresent(leaseId, (id, left) -> left > count ? left - count : null);
        notifyAll();
    }
}
