package dev.tamma.core.workflow;

import dev.tamma.core.workflow.WorkflowEvent.AttemptFailed;
import dev.tamma.core.workflow.WorkflowEvent.BaseBranchMoved;
import dev.tamma.core.workflow.WorkflowEvent.CheckpointPassed;
import dev.tamma.core.workflow.WorkflowEvent.DeadlineScheduled;
import dev.tamma.core.workflow.WorkflowEvent.HumanWaitStarted;
import dev.tamma.core.workflow.WorkflowEvent.QuestionsAnswered;
import dev.tamma.core.workflow.WorkflowEvent.ReminderSent;
import dev.tamma.core.workflow.WorkflowEvent.RetryRequested;
import dev.tamma.core.workflow.WorkflowEvent.ReviewFeedbackReceived;
import dev.tamma.core.workflow.WorkflowEvent.RevisionRequested;
import dev.tamma.core.workflow.WorkflowEvent.StepCompleted;
import dev.tamma.core.workflow.WorkflowEvent.StepStarted;
import dev.tamma.core.workflow.WorkflowEvent.WorkflowCancelled;
import dev.tamma.core.workflow.WorkflowEvent.WorkflowCompleted;
import dev.tamma.core.workflow.WorkflowEvent.WorkflowEscalated;
import dev.tamma.core.workflow.WorkflowEvent.WorkflowStarted;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A workflow's state: nothing but the fold of its events over {@link #empty()}.
 *
 * @param workflowId         the stream id; {@code null} until {@link WorkflowStarted}
 * @param issue              the issue reference, e.g. {@code acme/shop#42}
 * @param config             the settings the workflow started with
 * @param status             where it stands; {@code null} until started
 * @param step               the step running, waiting or escalated at
 * @param attempt            the latest attempt number of {@code step}
 * @param stepRunning        a worker task for ({@code step}, {@code attempt}) is outstanding
 * @param payload            the payload of the latest attempt, reused by its retry
 * @param attemptsStarted    the latest attempt number per step; attempt numbers never repeat
 * @param failures           failures counted against each step's limit since its last reset
 * @param waitingFor         what a person is asked for, or {@code null}
 * @param waitTimeoutAt      when that wait escalates (or, for an escalation, cancels)
 * @param reminded           the wait's single reminder was posted
 * @param deadline           the one live deadline, or {@code null} when terminal
 * @param deadlinesScheduled how many deadlines were scheduled, to give each a fresh id
 * @param change             what is known about the change
 * @param escalation         why the workflow is escalated, while it is
 */
public record WorkflowState(
        String workflowId,
        String issue,
        WorkflowConfig config,
        WorkflowStatus status,
        Step step,
        int attempt,
        boolean stepRunning,
        StepPayload payload,
        Map<Step, Integer> attemptsStarted,
        Map<Step, Integer> failures,
        HumanWait waitingFor,
        Instant waitTimeoutAt,
        boolean reminded,
        Deadline deadline,
        int deadlinesScheduled,
        Change change,
        Escalation escalation) {

    public WorkflowState {
        attemptsStarted = Map.copyOf(attemptsStarted);
        failures = Map.copyOf(failures);
    }

    /** The state before {@link WorkflowStarted}: the seed of every fold. */
    public static WorkflowState empty() {
        return new WorkflowState(null, null, null, null, null, 0, false, null, Map.of(), Map.of(), null, null,
                false, null, 0, Change.none(), null);
    }

    /** Folds {@code events} over {@link #empty()}. */
    public static WorkflowState replay(List<? extends WorkflowEvent> events) {
        WorkflowState state = empty();
        for (WorkflowEvent event : events) {
            state = state.apply(event);
        }
        return state;
    }

    public boolean isStarted() {
        return status != null;
    }

    public boolean isTerminal() {
        return status != null && status.isTerminal();
    }

    public int failures(Step s) {
        return failures.getOrDefault(s, 0);
    }

    public int attemptsStarted(Step s) {
        return attemptsStarted.getOrDefault(s, 0);
    }

    /** The last attempt failed and its retry waits for the backoff deadline. */
    public boolean retryPending() {
        return status == WorkflowStatus.RUNNING && !stepRunning && deadline != null
                && deadline.kind() == DeadlineKind.RETRY_BACKOFF;
    }

    public boolean isRisky() {
        return config != null && change.isRisky(config.deletionThreshold());
    }

    /** The state after {@code event}. Pure: never looks at anything but its arguments. */
    public WorkflowState apply(WorkflowEvent event) {
        return switch (event) {
            case WorkflowStarted e -> new WorkflowState(e.workflowId(), e.issue(), e.config(), WorkflowStatus.RUNNING,
                    Step.ISSUE_ASSIGNED, 0, false, null, Map.of(), Map.of(), null, null, false, null, 0,
                    Change.none(), null);
            case StepStarted e -> new WorkflowState(workflowId, issue, config, WorkflowStatus.RUNNING, e.step(),
                    e.attempt(), true, e.payload(), put(attemptsStarted, e.step(), e.attempt()), failures, null, null,
                    false, deadline, deadlinesScheduled, change, null);
            case StepCompleted e -> new WorkflowState(workflowId, issue, config, status, step, attempt, false,
                    payload, attemptsStarted, failures, waitingFor, waitTimeoutAt, reminded, deadline,
                    deadlinesScheduled, change.with(e.step(), e.output()), escalation);
            case AttemptFailed e -> new WorkflowState(workflowId, issue, config, status, step, attempt, false,
                    payload, attemptsStarted, put(failures, e.countedAgainst(), failures(e.countedAgainst()) + 1),
                    waitingFor, waitTimeoutAt, reminded, deadline, deadlinesScheduled, change, escalation);
            case DeadlineScheduled e -> new WorkflowState(workflowId, issue, config, status, step, attempt,
                    stepRunning, payload, attemptsStarted, failures, waitingFor, waitTimeoutAt, reminded,
                    e.deadline(), deadlinesScheduled + 1, change, escalation);
            case HumanWaitStarted e -> new WorkflowState(workflowId, issue, config, WorkflowStatus.WAITING_FOR_HUMAN,
                    e.step(), attempt, false, payload, attemptsStarted, failures, e.waitingFor(), e.timeoutAt(), false,
                    deadline, deadlinesScheduled, change, null);
            case ReminderSent e -> new WorkflowState(workflowId, issue, config, status, step, attempt, stepRunning,
                    payload, attemptsStarted, failures, waitingFor, waitTimeoutAt, true, deadline,
                    deadlinesScheduled, change, escalation);
            case CheckpointPassed e -> withWaitEnded(e.checkpoint() == HumanWait.DESIGN_APPROVAL
                    ? change.withApprovedOption(e.approvedOption())
                    : change.withMergeApprovedBy(e.actor()));
            case RevisionRequested e -> withWaitEnded(change);
            case QuestionsAnswered e -> withWaitEnded(change);
            case RetryRequested e -> new WorkflowState(workflowId, issue, config, status, step, attempt, stepRunning,
                    payload, attemptsStarted, reset(failures, e.resetSteps()), waitingFor, waitTimeoutAt, reminded,
                    deadline, deadlinesScheduled, change, escalation);
            case ReviewFeedbackReceived e -> withChange(change.withFeedback(e.body()));
            case BaseBranchMoved e -> withChange(change.withBaseSha(e.sha()));
            case WorkflowEscalated e -> new WorkflowState(workflowId, issue, config, WorkflowStatus.ESCALATED,
                    e.escalation().step(), attempt, false, payload, attemptsStarted, failures, HumanWait.ESCALATION,
                    e.timeoutAt(), false, deadline, deadlinesScheduled, change, e.escalation());
            case WorkflowCompleted e -> finished(WorkflowStatus.DONE);
            case WorkflowCancelled e -> finished(WorkflowStatus.CANCELLED);
        };
    }

    private WorkflowState withWaitEnded(Change newChange) {
        return new WorkflowState(workflowId, issue, config, status, step, attempt, stepRunning, payload,
                attemptsStarted, failures, null, null, false, deadline, deadlinesScheduled, newChange, escalation);
    }

    private WorkflowState withChange(Change newChange) {
        return new WorkflowState(workflowId, issue, config, status, step, attempt, stepRunning, payload,
                attemptsStarted, failures, waitingFor, waitTimeoutAt, reminded, deadline, deadlinesScheduled,
                newChange, escalation);
    }

    private WorkflowState finished(WorkflowStatus terminal) {
        return new WorkflowState(workflowId, issue, config, terminal, step, attempt, false, payload,
                attemptsStarted, failures, null, null, false, null, deadlinesScheduled, change, escalation);
    }

    private static Map<Step, Integer> put(Map<Step, Integer> map, Step key, int value) {
        Map<Step, Integer> copy = new EnumMap<>(Step.class);
        copy.putAll(map);
        copy.put(key, value);
        return copy;
    }

    private static Map<Step, Integer> reset(Map<Step, Integer> map, List<Step> steps) {
        Map<Step, Integer> copy = new EnumMap<>(Step.class);
        copy.putAll(map);
        steps.forEach(copy::remove);
        return copy;
    }
}
