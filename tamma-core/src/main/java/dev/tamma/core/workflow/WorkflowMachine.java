package dev.tamma.core.workflow;

import dev.tamma.core.workflow.WorkflowCommand.SetLabel;
import dev.tamma.core.workflow.WorkflowEvent.WorkflowStarted;
import dev.tamma.core.workflow.WorkflowInput.HumanCommand;
import dev.tamma.core.workflow.WorkflowInput.StepFailed;
import dev.tamma.core.workflow.WorkflowInput.StepSucceeded;
import dev.tamma.core.workflow.WorkflowInput.TimerFired;
import java.time.Instant;
import java.util.Objects;

/**
 * The workflow as two pure functions: {@link #decide} turns an input into events and commands,
 * {@link #apply} folds an event into the state. The orchestrator stores a decision's events and
 * enqueues its commands in one transaction, then applies the events to get the new state.
 *
 * <p>Nothing here reads a clock, a random source or any I/O: time comes in with each input, and
 * retry jitter from the {@link Jitter} given at construction.
 */
public final class WorkflowMachine {

    private final Jitter jitter;

    public WorkflowMachine(Jitter jitter) {
        this.jitter = Objects.requireNonNull(jitter, "jitter");
    }

    /** Takes on {@code issue}: claims it and runs ISSUE_ASSIGNED. The caller already holds the repo lock. */
    public Decision start(String workflowId, String issue, WorkflowConfig config, Instant now) {
        Transition t = new Transition(WorkflowState.empty(), now, jitter);
        t.emit(new WorkflowStarted(now, workflowId, issue, config));
        t.command(new SetLabel(Labels.WORKING));
        StepFlow.enter(t, Step.ISSUE_ASSIGNED, RunReason.NEXT_STEP, null);
        return t.decision();
    }

    /**
     * What to do about {@code input} in {@code state}. Never throws for any input in any state:
     * stale outcomes and timers yield {@link Decision#none()}, misplaced commands a reply.
     */
    public Decision decide(WorkflowState state, WorkflowInput input) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(input, "input");
        if (!state.isStarted()) {
            return Decision.none();
        }
        Transition t = new Transition(state, input.now(), jitter);
        switch (input) {
            case StepSucceeded s -> {
                if (isCurrentAttempt(state, s.step(), s.attempt())) {
                    StepFlow.succeeded(t, s.step(), s.attempt(), s.output());
                }
            }
            case StepFailed f -> {
                if (isCurrentAttempt(state, f.step(), f.attempt())) {
                    FailurePolicy.failed(t, f.step(), f.attempt(), f.cause(), f.message(), f.outputExcerpt());
                }
            }
            case HumanCommand c -> HumanCommands.handle(t, c);
            case TimerFired timer -> Timers.fired(t, timer);
            case PlatformEvent p -> PlatformReactions.handle(t, p);
        }
        return t.decision();
    }

    /** The state after {@code event}; the same fold the orchestrator uses to replay a stream. */
    public WorkflowState apply(WorkflowState state, WorkflowEvent event) {
        return state.apply(event);
    }

    /**
     * Only the outstanding task's outcome counts: a late report from a timed-out or superseded
     * attempt, or a duplicate delivery, changes nothing.
     */
    private static boolean isCurrentAttempt(WorkflowState state, Step step, int attempt) {
        return state.status() == WorkflowStatus.RUNNING && state.stepRunning()
                && state.step() == step && state.attempt() == attempt;
    }
}
