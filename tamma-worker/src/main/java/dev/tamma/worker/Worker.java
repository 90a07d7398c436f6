package dev.tamma.worker;

import dev.tamma.core.workflow.FailureCause;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Runs leased steps: as a pool of virtual threads until stopped, or once for a CI runner job. A
 * stop lets running steps finish within the grace period, then releases the leases still held, so
 * the orchestrator offers those steps again at once and without counting an attempt.
 */
public final class Worker {

    /** How a single run ended; {@code tamma worker --once} exits 0, 1 or 78 for these. */
    public enum Outcome { SUCCEEDED, FAILED, NO_TASK }

    private static final Logger log = LoggerFactory.getLogger(Worker.class);
    private static final Duration POLL = Duration.ofSeconds(30);
    private static final int ANSWER_TRIES = 5;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** When a step still running acknowledges its lease, at the latest (sooner for short leases). */
    static final Duration ACKNOWLEDGE_WITHIN = Duration.ofSeconds(1);

    private final OrchestratorClient orchestrator;
    private final StepHandlers handlers;
    private final AiCallReporter aiCalls;
    private final String name;
    private final List<String> labels;
    private final Duration grace;
    private final Tracer tracer;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("tamma-worker-heartbeat").factory());
    private final Map<Thread, StepTask> running = new ConcurrentHashMap<>();
    private final List<Thread> loops = new ArrayList<>();
    private volatile boolean stopping;
    private volatile boolean refused;

    /** A worker whose handlers do not record AI calls through it; it has a reporter of its own all the same. */
    public Worker(OrchestratorClient orchestrator, StepHandlers handlers, String name, List<String> labels,
            Duration grace) {
        this(orchestrator, handlers, new AiCallReporter(orchestrator), name, labels, grace);
    }

    /**
     * @param aiCalls the reporter the handlers' providers record to; the worker tells it which
     *                leases it holds and waits for it before answering each one
     */
    public Worker(OrchestratorClient orchestrator, StepHandlers handlers, AiCallReporter aiCalls, String name,
            List<String> labels, Duration grace) {
        this(orchestrator, handlers, aiCalls, name, labels, grace, Tracer.NOOP);
    }

    /**
     * @param tracer what each step's span is started with, as a child of the lease's trace; give the
     *               client the same one, so the step's heartbeats and answer carry its context
     */
    public Worker(OrchestratorClient orchestrator, StepHandlers handlers, AiCallReporter aiCalls, String name,
            List<String> labels, Duration grace, Tracer tracer) {
        this.tracer = tracer;
        this.orchestrator = orchestrator;
        this.handlers = handlers;
        this.aiCalls = aiCalls;
        this.name = name;
        this.labels = List.copyOf(labels);
        this.grace = grace;
    }

    /** Takes one task, of {@code workflowId} if given, waiting up to {@code wait}, and runs it. */
    public Outcome runOnce(String workflowId, Duration wait) throws IOException, InterruptedException {
        Optional<StepTask> task = orchestrator.lease(name, labels, workflowId, wait);
        return task.isEmpty() ? Outcome.NO_TASK : run(task.get(), false).outcome();
    }

    /** How a step ended, and the lease its answer brought for the loop's next step (empty when none came). */
    private record Ran(Outcome outcome, Optional<StepTask> next) {
        static Ran without(Outcome outcome) {
            return new Ran(outcome, Optional.empty());
        }
    }

    /** Starts {@code concurrency} loops that lease and run steps until {@link #stop()}. */
    public synchronized void start(int concurrency) {
        for (int i = 0; i < concurrency; i++) {
            loops.add(Thread.ofVirtual().name("tamma-worker-" + i).start(this::loop));
        }
        log.info("Worker {} runs {} steps at a time{}", name, concurrency, labels.isEmpty() ? "" : " with labels " + labels);
    }

    /** Stops taking work, lets running steps finish within the grace period, releases the rest. */
    public void stop() throws InterruptedException {
        stopping = true;
        List<Thread> all;
        synchronized (this) {
            all = List.copyOf(loops);
        }
        all.stream().filter(t -> !running.containsKey(t)).forEach(Thread::interrupt); // idle: waiting for work
        Instant until = Instant.now().plus(grace);
        for (Thread t : all) {
            long left = Duration.between(Instant.now(), until).toMillis();
            if (left > 0) {
                t.join(left);
            }
        }
        all.forEach(Thread::interrupt); // past the grace period: give the steps back
        for (Thread t : all) {
            t.join(5_000);
        }
        heartbeats.shutdownNow();
        aiCalls.close();
    }

    /** Whether {@link #stop()} was called or the orchestrator refused this worker. */
    public boolean stopRequested() {
        return stopping;
    }

    /** Whether the pool stopped because the orchestrator refused this worker (a bad token). */
    public boolean refused() {
        return refused;
    }

    /** Waits until the pool has stopped. */
    public void awaitStopped() throws InterruptedException {
        List<Thread> all;
        synchronized (this) {
            all = List.copyOf(loops);
        }
        for (Thread t : all) {
            t.join();
        }
    }

    /**
     * Leases and runs steps until stopped. Only a refused token stops it: an orchestrator that
     * cannot be reached, answers with an error, or sends something this worker cannot read is
     * tried again after a pause growing to 30 s, so a restarting orchestrator or database never
     * ends a worker.
     */
    private void loop() {
        Duration backoff = Duration.ofSeconds(1);
        Optional<StepTask> next = Optional.empty();
        try {
            while (!stopping || next.isPresent()) {
                try {
                    Optional<StepTask> task = next.isPresent() ? next : orchestrator.lease(name, labels, null, POLL);
                    next = Optional.empty();
                    if (task.isPresent() && !stopping) {
                        next = run(task.get(), true).next();
                    } else if (task.isPresent()) {
                        orchestrator.release(task.get().leaseId());
                    }
                    backoff = Duration.ofSeconds(1);
                    continue;
                } catch (InterruptedException e) {
                    if (stopping) {
                        return;
                    }
                    log.warn("A worker loop was interrupted while the worker runs on; it goes on");
                    continue;
                } catch (IOException e) {
                    log.warn("Cannot reach the orchestrator ({}); trying again in {} s", e.getMessage(),
                            backoff.toSeconds());
                } catch (OrchestratorClient.RefusedException e) {
                    if (e.tokenRefused()) {
                        log.error("{}; this worker stops", e.getMessage());
                        refused = true;
                        stopping = true;
                        return;
                    }
                    // other than 5xx and 429: a wrong URL, or versions of worker and orchestrator that disagree
                    log.atLevel(e.mayPassLater() ? Level.WARN : Level.ERROR)
                            .log("{}; trying again in {} s", e.getMessage(), backoff.toSeconds());
                } catch (RuntimeException e) {
                    log.error("The worker loop failed; trying again in {} s", backoff.toSeconds(), e);
                }
                if (!pause(backoff)) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        } finally {
            if (!stopping) {
                log.error("A worker loop ended while the worker was not stopping; it runs one step fewer at a time");
            }
        }
    }

    /**
     * Runs the step and answers it; with {@code askForNext}, the answer also asks for the slot's
     * next lease unless the worker is stopping by then. A lease lost while the handler runs (its
     * heartbeat refused) ends this step only: the loop goes on taking work.
     */
    private Ran run(StepTask task, boolean askForNext) throws InterruptedException {
        Thread self = Thread.currentThread();
        running.put(self, task);
        Span span = stepSpan(task);
        StepRun run = new StepRun(self);
        ScheduledFuture<?> heartbeat = scheduleHeartbeats(task, run, span);
        try (StepLogContext context = StepLogContext.of(task); Tracer.SpanInScope scope = tracer.withSpan(span)) {
            log.info("Running {}", task);
            aiCalls.leased(task);
            StepResult result = null;
            boolean lost;
            try {
                result = handle(task);
                lost = run.handled();
            } catch (InterruptedException e) {
                reportAiCalls(task);
                lost = run.handled();
                if (!lost) { // stopping
                    giveBack(task);
                    span.tag("tamma.outcome", "released");
                    throw e;
                }
            }
            if (lost) { // a refused heartbeat interrupted the handler, or came as it finished
                span.tag("tamma.outcome", "lease lost");
                return Ran.without(Outcome.FAILED);
            }
            tagOutcome(span, result);
            // heartbeats go on until the answer is delivered, which may take retries
            return answer(task, result, askForNext);
        } finally {
            heartbeat.cancel(false);
            running.remove(self);
            span.end();
        }
    }

    /** Runs the step's handler, a failure of which fails the step; its AI calls are reported first. */
    private StepResult handle(StepTask task) throws InterruptedException {
        StepResult result;
        try {
            result = handlers.forStep(task.step()).run(task);
        } catch (RuntimeException e) {
            result = StepResult.failed(FailureCause.TRANSIENT, "the handler for " + task.step() + " failed: " + e);
        }
        aiCalls.finished(task); // the step's spend goes into the log before its outcome
        return result;
    }

    /**
     * The step's span, a child of the lease's (another process's, over HTTP); none when the lease
     * carries no trace (the orchestrator traces nothing, or did not sample this one). Only ids and
     * names go into it: never credentials, prompts or output.
     */
    private Span stepSpan(StepTask task) {
        return Traceparent.parse(tracer, task.traceparent()).map(lease -> tracer.spanBuilder().setParent(lease)
                .name("tamma.step.run").kind(Span.Kind.CONSUMER)
                .tag("tamma.workflow.id", task.workflowId())
                .tag("tamma.repository", task.repository())
                .tag("tamma.step", task.step().name())
                .tag("tamma.attempt", task.attempt())
                .tag("tamma.lease.id", task.leaseId().toString())
                .tag("tamma.worker", name)
                .start()).orElse(Span.NOOP);
    }

    /** A failure is named by its cause only: its message may quote the step's output. */
    private static void tagOutcome(Span span, StepResult result) {
        switch (result) {
            case StepResult.Succeeded s -> span.tag("tamma.outcome", "succeeded");
            case StepResult.Failed f -> span.tag("tamma.outcome", "failed").tag("tamma.failure.cause", f.cause().name())
                    .error(new StepFailed(f.cause()));
        }
    }

    /** Marks the step's span as failed, naming the cause and nothing the step printed. */
    private static final class StepFailed extends RuntimeException {
        StepFailed(FailureCause cause) {
            super("the step failed: " + cause, null, false, false);
        }
    }

    /**
     * Heartbeats every third of the lease's time. The first one acknowledges the lease, and comes
     * within {@link #ACKNOWLEDGE_WITHIN}: the orchestrator holds an unacknowledged lease only
     * briefly, so one whose reply never reached its worker is offered again at no attempt's cost. A
     * step that ends sooner is acknowledged by its answer, one request instead of two. Each is sent
     * from a thread of its own, so a slow one holds up no other lease's.
     */
    private ScheduledFuture<?> scheduleHeartbeats(StepTask task, StepRun run, Span span) {
        long every = Math.max(200, Duration.between(Instant.now(), task.expiresAt()).toMillis() / 3);
        long first = Math.min(every, ACKNOWLEDGE_WITHIN.toMillis());
        return heartbeats.scheduleWithFixedDelay(() -> {
            if (run.startBeat()) {
                Thread.ofVirtual().name("tamma-worker-heartbeat").start(() -> {
                    try (StepLogContext context = StepLogContext.of(task);
                            Tracer.SpanInScope scope = tracer.withSpan(span)) {
                        heartbeat(task, run);
                    } finally {
                        run.beatDone();
                    }
                });
            }
        }, first, every, TimeUnit.MILLISECONDS);
    }

    private void heartbeat(StepTask task, StepRun run) {
        try {
            Optional<OrchestratorClient.Heartbeat> beat = orchestrator.heartbeat(task.leaseId());
            if (beat.isPresent()) {
                task.credentials().renew(beat.get().credentials());
            } else if (run.leaseLost()) {
                log.warn("Lost the lease of {}; stopping the step", task);
            } else {
                log.debug("The lease of {} is no longer live; its step is past its handler", task);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Heartbeat for {} failed ({}); will try again", task, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Ran answer(StepTask task, StepResult result, boolean askForNext) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            // asked for no wait: a stopping worker must never be kept waiting on an answer
            OrchestratorClient.LeaseRequest next = askForNext && !stopping
                    ? new OrchestratorClient.LeaseRequest(name, labels, null, Duration.ZERO) : null;
            try {
                OrchestratorClient.Answered answered = switch (result) {
                    case StepResult.Succeeded s -> orchestrator.complete(task.leaseId(), s.output(), next);
                    case StepResult.Failed f -> orchestrator.fail(task.leaseId(), f, next);
                };
                OrchestratorClient.Answer answer = answered.answer();
                if (answer == OrchestratorClient.Answer.EXPIRED || answer == OrchestratorClient.Answer.UNKNOWN) {
                    log.warn("The orchestrator no longer holds the lease of {}; it has offered the step again", task);
                    return Ran.without(Outcome.FAILED);
                }
                return new Ran(result instanceof StepResult.Succeeded ? Outcome.SUCCEEDED : Outcome.FAILED,
                        answered.next());
            } catch (IOException | OrchestratorClient.RefusedException e) {
                if (e instanceof OrchestratorClient.RefusedException refusal && !refusal.mayPassLater()) {
                    throw refusal; // sending the same answer again would be refused again
                }
                if (attempt == ANSWER_TRIES) {
                    log.error("Could not report {} to the orchestrator ({}); its lease will expire and the step "
                            + "will run again", task, e.getMessage());
                    return Ran.without(Outcome.FAILED);
                }
                pause(Duration.ofSeconds(attempt));
            }
        }
    }

    /** Sends the step's AI calls before its lease is released, which would make the orchestrator refuse them. */
    private void reportAiCalls(StepTask task) {
        try {
            aiCalls.finished(task);
        } catch (InterruptedException e) {
            // stopping already: the caller releases the lease and passes the first interrupt on
        }
    }

    private void giveBack(StepTask task) {
        try {
            orchestrator.release(task.leaseId());
            log.info("Released {} on stopping", task);
        } catch (IOException | InterruptedException | RuntimeException e) {
            log.warn("Could not release {} ({}); its lease will expire instead", task, e.getMessage());
        }
    }

    /** Sleeps between retries against an orchestrator that is down; false when interrupted. */
    private static boolean pause(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
