package dev.tamma.orchestrator.workflow;

import dev.tamma.core.workflow.Decision;
import dev.tamma.core.workflow.StepRequest;
import dev.tamma.core.workflow.WorkflowCommand;
import dev.tamma.core.workflow.WorkflowConfig;
import dev.tamma.core.workflow.WorkflowEvent;
import dev.tamma.core.workflow.WorkflowInput;
import dev.tamma.core.workflow.WorkflowMachine;
import dev.tamma.core.workflow.WorkflowState;
import dev.tamma.orchestrator.events.ConcurrencyConflictException;
import dev.tamma.orchestrator.events.EventStore;
import dev.tamma.orchestrator.events.NewEvent;
import dev.tamma.orchestrator.deadline.DeadlineTimers;
import dev.tamma.orchestrator.lease.TaskQueue;
import dev.tamma.orchestrator.tracing.WorkSpans;
import dev.tamma.worker.StepLogContext;
import io.micrometer.tracing.Span;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the core state machine against the log: load the state, decide, and in one transaction
 * append the events, update the read model and carry the commands into durable form: steps to run
 * become tasks, deadlines become timers, the rest wait in the command outbox. A concurrent writer
 * to the same workflow makes the append conflict; the input is then decided again on the newer
 * state.
 */
@Service
public class WorkflowEngine {

    static final int CONFLICT_RETRIES = 3;
    private static final String TAMMA = "tamma";
    private static final Logger log = LoggerFactory.getLogger(WorkflowEngine.class);

    private final EventStore events;
    private final WorkflowReadModel readModel;
    private final WorkflowEventCodec codec;
    private final WorkflowMachine machine;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final CommandOutbox outbox;
    private final TaskQueue tasks;
    private final DeadlineTimers deadlines;
    private final WorkflowMetrics metrics;
    private final WorkSpans spans;

    public WorkflowEngine(EventStore events, WorkflowReadModel readModel, WorkflowEventCodec codec,
            WorkflowMachine machine, Clock clock, TransactionTemplate transactions, CommandOutbox outbox, TaskQueue tasks,
            DeadlineTimers deadlines, WorkflowMetrics metrics, WorkSpans spans) {
        this.events = events;
        this.readModel = readModel;
        this.codec = codec;
        this.machine = machine;
        this.clock = clock;
        this.transactions = transactions;
        this.outbox = outbox;
        this.tasks = tasks;
        this.deadlines = deadlines;
        this.metrics = metrics;
        this.spans = spans;
    }

    /** Starts a workflow for {@code issue}; its id must be new. */
    public Decision start(String workflowId, String issue, WorkflowConfig config) {
        Decision decision = machine.start(workflowId, issue, config, clock.instant());
        Span span = decisionSpan(workflowId, repositoryOf(issue), "Start").start();
        try (var context = StepLogContext.open(workflowId, repositoryOf(issue), null, null, null)) {
            spans.run(span, () -> {
                transactions.executeWithoutResult(tx -> record(workflowId, issue, 0, decision, TAMMA));
                decided(span, decision);
            });
        } catch (ConcurrencyConflictException e) {
            throw new IllegalArgumentException("A workflow with the id " + workflowId + " exists already", e);
        }
        return decision;
    }

    /** Decides on {@code input} and records the outcome; the returned decision is what was stored. */
    public Decision handle(String workflowId, WorkflowInput input) {
        return retryingConflicts(workflowId, () -> transactions.execute(tx -> decideAndRecord(workflowId, input)));
    }

    /**
     * Decides and records inside the caller's transaction, which must be active; for callers that
     * change their own tables with the decision. A conflict aborts that transaction: run the whole
     * of it again through {@link #retryingConflicts}.
     */
    public Decision decideAndRecord(String workflowId, WorkflowInput input) {
        return decideAndRecord(workflowId, input, false);
    }

    /**
     * Like {@link #handle}, but a decision without events (a command that does not fit the moment,
     * answered with a reply only) is returned unrecorded: for callers that answer the person themselves.
     */
    public Decision handleIfItChanges(String workflowId, WorkflowInput input) {
        return retryingConflicts(workflowId, () -> transactions.execute(tx -> decideAndRecord(workflowId, input, true)));
    }

    private Decision decideAndRecord(String workflowId, WorkflowInput input, boolean onlyChanges) {
        String actor = input instanceof WorkflowInput.HumanCommand command ? command.actor() : TAMMA;
        WorkflowReadModel.Snapshot snapshot = readModel.load(workflowId)
                .orElseThrow(() -> new IllegalArgumentException("There is no workflow " + workflowId));
        WorkflowState state = snapshot.state();
        Span.Builder builder = decisionSpan(workflowId, repositoryOf(state.issue()), input.getClass().getSimpleName());
        if (state.step() != null) {
            builder.tag("tamma.step", state.step().name()).tag("tamma.attempt", state.attempt());
        }
        Span span = builder.start();
        try (var context = StepLogContext.open(workflowId, repositoryOf(state.issue()), state.step(),
                state.attempt(), null)) {
            // a conflict fails this span; the decision made again on the newer state has its own
            return spans.call(span, () -> {
                Decision decision = machine.decide(state, input);
                if (!onlyChanges || !decision.events().isEmpty()) {
                    record(workflowId, state.issue(), snapshot.version(), decision, actor);
                }
                decided(span, decision);
                return decision;
            });
        }
    }

    /** The engine's handling of one input: what it was, and what came of it (never what a person wrote). */
    private Span.Builder decisionSpan(String workflowId, String repository, String input) {
        return spans.child("tamma.workflow.decide").tag("tamma.workflow.id", workflowId)
                .tag("tamma.repository", repository).tag("tamma.input", input);
    }

    private static void decided(Span span, Decision decision) {
        span.tag("tamma.events", decision.events().size()).tag("tamma.commands", decision.commands().size());
    }

    /** Runs {@code work} again when another writer moved the workflow on first, up to three times. */
    public <T> T retryingConflicts(String workflowId, Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (ConcurrencyConflictException e) {
                if (attempt == CONFLICT_RETRIES) {
                    throw e;
                }
                log.debug("Workflow {} moved on while deciding; deciding again ({} of {})", workflowId, attempt,
                        CONFLICT_RETRIES);
            }
        }
    }

    /**
     * Commands first, events last: appending takes the log's lock until commit, so the less the
     * transaction does after it, the less other workflows wait.
     */
    private void record(String workflowId, String issue, int expectedVersion, Decision decision, String actor) {
        UUID correlation = UUID.randomUUID();
        for (WorkflowCommand command : decision.commands()) {
            switch (command) {
                case WorkflowCommand.RunStep run -> queue(workflowId, issue, run);
                case WorkflowCommand.ScheduleDeadline deadline ->
                        deadlines.schedule(workflowId, deadline.id(), deadline.at());
                default -> outbox.add(workflowId, correlation, command.getClass().getSimpleName(),
                        codec.encodeCommand(command));
            }
        }
        List<NewEvent> encoded = decision.events().stream()
                .map((WorkflowEvent e) -> codec.encode(e, actor, correlation))
                .toList();
        events.append(workflowId, expectedVersion, encoded);
        metrics.recorded(decision);
    }

    /** Queues the step as a task that carries this span's trace to its lease, wherever that is granted. */
    private void queue(String workflowId, String issue, WorkflowCommand.RunStep run) {
        Span span = spans.child("tamma.task.queued").tag("tamma.workflow.id", workflowId)
                .tag("tamma.repository", repositoryOf(issue)).tag("tamma.step", run.step().name())
                .tag("tamma.attempt", run.attempt()).start();
        spans.run(span, () -> tasks.enqueue(workflowId, repositoryOf(issue), run.step(), run.attempt(),
                codec.encodeTask(new StepRequest(issue, run.step(), run.attempt(), run.payload())), List.of(),
                WorkSpans.traceparentOf(span)));
    }

    /** {@code acme/shop#42} is issue 42 of the repository {@code acme/shop}. */
    static String repositoryOf(String issue) {
        int hash = issue.lastIndexOf('#');
        return hash < 0 ? issue : issue.substring(0, hash);
    }
}
