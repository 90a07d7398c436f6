package dev.tamma.orchestrator.webhook;

import dev.tamma.orchestrator.metrics.MetricNames;
import dev.tamma.orchestrator.webhook.WebhookInbox.NewDelivery;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores verified deliveries in the inbox with group commit: the deliveries that arrive while one
 * write is committing go into the next, in one transaction. Each request still waits until its own
 * row is committed, so a 2xx always means stored; under load many deliveries share a commit
 * instead of each queueing for a connection of its own.
 */
@Component
class InboxWriter implements SmartLifecycle {

    /** Thrown when a delivery cannot be stored now; the platform should send it again later. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(InboxWriter.class);

    static final int WRITERS = 2; // one commits while the other gathers the next write
    static final int MAX_PER_WRITE = 64;
    static final int MAX_WAITING = 10_000;
    static final Duration MAX_WAIT = Duration.ofSeconds(10);

    private record Waiting(NewDelivery delivery, CompletableFuture<Boolean> stored) {
    }

    private final WebhookInbox inbox;
    private final TransactionTemplate transactions;
    private final DistributionSummary writes;
    private final BlockingQueue<Waiting> queue = new LinkedBlockingQueue<>(MAX_WAITING);
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running;

    InboxWriter(WebhookInbox inbox, TransactionTemplate transactions, MeterRegistry metrics) {
        this.inbox = inbox;
        this.transactions = transactions;
        this.writes = DistributionSummary.builder(MetricNames.WEBHOOK_INBOX_WRITES)
                .description("deliveries stored per inbox transaction").register(metrics);
    }

    /**
     * Stores a delivery and returns once it is committed: true when stored, false when the same
     * delivery was stored before.
     *
     * @throws Unavailable when it could not be stored (the database refused or is unreachable, or
     *                     too many deliveries are waiting); nothing is stored then, or it is stored
     *                     and a resend is answered as a duplicate
     */
    boolean store(NewDelivery delivery) {
        Waiting waiting = new Waiting(delivery, new CompletableFuture<>());
        if (!running || !queue.offer(waiting)) {
            throw new Unavailable(running ? MAX_WAITING + " deliveries are waiting to be stored"
                    : "the service is stopping", null);
        }
        try {
            return waiting.stored().get(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new Unavailable("the inbox could not store the delivery", e.getCause());
        } catch (TimeoutException e) {
            throw new Unavailable("the inbox did not store the delivery within " + MAX_WAIT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while the delivery was being stored", e);
        }
    }

    private void writeLoop() {
        List<Waiting> batch = new ArrayList<>(MAX_PER_WRITE);
        while (true) {
            Waiting first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first == null) {
                if (!running) {
                    return; // stopping, and nothing is left to write
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, MAX_PER_WRITE - 1);
            try {
                write(batch);
            } catch (RuntimeException | Error e) { // the writer lives on; the batch's requests are answered 503
                log.error("Writing {} webhook deliveries to the inbox failed", batch.size(), e);
                batch.forEach(w -> w.stored().completeExceptionally(e));
            }
            batch.clear();
        }
    }

    /** One transaction for the batch; if it fails, each delivery on its own, so one bad row fails alone. */
    private void write(List<Waiting> batch) {
        Map<String, Waiting> firsts = new HashMap<>();
        List<Waiting> unique = new ArrayList<>(batch.size());
        List<Waiting> repeats = new ArrayList<>();
        for (Waiting w : batch) {
            (firsts.putIfAbsent(w.delivery().key(), w) == null ? unique : repeats).add(w);
        }
        try {
            boolean[] stored = transactions.execute(tx -> inbox.insert(unique.stream().map(Waiting::delivery).toList()));
            writes.record(unique.size());
            for (int i = 0; i < unique.size(); i++) {
                unique.get(i).stored().complete(stored[i]);
            }
        } catch (RuntimeException e) {
            if (unique.size() == 1) {
                unique.getFirst().stored().completeExceptionally(e);
            } else {
                log.warn("Storing {} webhook deliveries together failed ({}); storing them one by one", unique.size(),
                        e.getClass().getSimpleName());
                unique.forEach(this::writeAlone);
            }
        }
        // the same delivery twice in one write (sent twice at the same instant): the second is a duplicate
        for (Waiting repeat : repeats) {
            firsts.get(repeat.delivery().key()).stored().whenComplete((stored, failure) -> {
                if (failure != null) {
                    repeat.stored().completeExceptionally(failure);
                } else {
                    repeat.stored().complete(false);
                }
            });
        }
    }

    private void writeAlone(Waiting w) {
        try {
            boolean[] stored = transactions.execute(tx -> inbox.insert(List.of(w.delivery())));
            writes.record(1);
            w.stored().complete(stored[0]);
        } catch (RuntimeException e) {
            w.stored().completeExceptionally(e);
        }
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < WRITERS; i++) {
            writers.add(Thread.ofPlatform().daemon().name("tamma-inbox-writer-" + i).start(this::writeLoop));
        }
    }

    /** Stops taking deliveries and writes those already waiting. */
    @Override
    public void stop() {
        running = false;
        for (Thread writer : writers) {
            try {
                writer.join(MAX_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        writers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the web server: requests in flight at shutdown are still stored and answered. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
