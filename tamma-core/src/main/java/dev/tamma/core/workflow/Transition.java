package dev.tamma.core.workflow;

import dev.tamma.core.workflow.WorkflowCommand.PostComment;
import dev.tamma.core.workflow.WorkflowCommand.ReleaseRepoLock;
import dev.tamma.core.workflow.WorkflowCommand.RemoveLabel;
import dev.tamma.core.workflow.WorkflowCommand.ReplyToCommand;
import dev.tamma.core.workflow.WorkflowCommand.RunStep;
import dev.tamma.core.workflow.WorkflowCommand.ScheduleDeadline;
import dev.tamma.core.workflow.WorkflowCommand.SetLabel;
import dev.tamma.core.workflow.WorkflowCommand.StartNextIssue;
import dev.tamma.core.workflow.WorkflowEvent.DeadlineScheduled;
import dev.tamma.core.workflow.WorkflowEvent.HumanWaitStarted;
import dev.tamma.core.workflow.WorkflowEvent.StepStarted;
import dev.tamma.core.workflow.WorkflowEvent.WorkflowCancelled;
import dev.tamma.core.workflow.WorkflowEvent.WorkflowCompleted;
import dev.tamma.core.workflow.WorkflowEvent.WorkflowEscalated;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One decision being built. Each event is applied as soon as it is emitted, so the rest of the
 * decision reasons about the state those events produce; the state can therefore never hold
 * anything the events do not say. Lives only inside one {@code decide} call.
 */
final class Transition {

    private final Instant now;
    private final Jitter jitter;
    private final List<WorkflowEvent> events = new ArrayList<>();
    private final List<WorkflowCommand> commands = new ArrayList<>();
    private WorkflowState state;

    Transition(WorkflowState state, Instant now, Jitter jitter) {
        this.state = state;
        this.now = now;
        this.jitter = jitter;
    }

    WorkflowState state() {
        return state;
    }

    WorkflowConfig config() {
        return state.config();
    }

    Instant now() {
        return now;
    }

    Jitter jitter() {
        return jitter;
    }

    void emit(WorkflowEvent event) {
        events.add(event);
        state = state.apply(event);
    }

    void command(WorkflowCommand command) {
        commands.add(command);
    }

    void reply(String actor, String markdown) {
        command(new ReplyToCommand(actor, markdown));
    }

    Decision decision() {
        return new Decision(events, commands);
    }

    /** A payload carrying what every step may need to know about the change. */
    StepPayload payload(RunReason reason, String feedback) {
        return new StepPayload(reason, blankToNull(feedback), state.change().approvedOption(), state.change().headSha(),
                state.change().pullRequest());
    }

    /** Hands the next attempt of {@code step} to the workers, with its deadline. */
    void runStep(Step step, StepPayload payload) {
        int attempt = state.attemptsStarted(step) + 1;
        emit(new StepStarted(now, step, attempt, payload));
        command(new RunStep(step, attempt, payload));
        schedule(DeadlineKind.STEP_TIMEOUT, now.plus(config().stepTimeout(step)));
    }

    /** Replaces the live deadline; the old one's timer becomes stale. */
    void schedule(DeadlineKind kind, Instant at) {
        Deadline deadline = new Deadline(state.workflowId() + "/deadline/" + (state.deadlinesScheduled() + 1), at, kind);
        emit(new DeadlineScheduled(now, deadline));
        command(new ScheduleDeadline(deadline.id(), deadline.at(), deadline.kind()));
    }

    /** Asks a person for something; they get one reminder before the wait times out. */
    void waitForHuman(Step step, HumanWait wait, String commentKey, String prompt) {
        Instant timeoutAt = now.plus(config().humanWaitTimeout());
        emit(new HumanWaitStarted(now, step, wait, timeoutAt));
        command(new PostComment(commentKey, prompt));
        schedule(DeadlineKind.HUMAN_REMINDER, timeoutAt.minus(config().reminderBeforeTimeout()));
    }

    /** Stops trying and asks a person what to do. */
    void escalate(Escalation escalation) {
        Instant timeoutAt = now.plus(config().escalationTimeout());
        emit(new WorkflowEscalated(now, escalation, timeoutAt));
        command(new PostComment(Comments.ESCALATION_KEY, Comments.escalation(state, escalation)));
        command(new SetLabel(Labels.NEEDS_HUMAN));
        schedule(DeadlineKind.HUMAN_REMINDER, timeoutAt.minus(config().reminderBeforeTimeout()));
    }

    /** Merged: free the repository and move on to the next issue. */
    void complete(boolean byTamma, String actor) {
        boolean wasEscalated = state.status() == WorkflowStatus.ESCALATED;
        emit(new WorkflowCompleted(now, byTamma, actor));
        if (!byTamma) {
            command(new PostComment(Comments.OUTCOME_KEY, Comments.mergedOutside(actor)));
        }
        clearLabels(wasEscalated);
        command(new ReleaseRepoLock());
        command(new StartNextIssue());
    }

    /** Stops for good without merging and frees the repository, saying so. */
    void cancel(CancelReason reason, String actor) {
        boolean wasEscalated = state.status() == WorkflowStatus.ESCALATED;
        emit(new WorkflowCancelled(now, reason, actor));
        command(new PostComment(Comments.OUTCOME_KEY, Comments.cancelled(reason, actor)));
        clearLabels(wasEscalated);
        command(new ReleaseRepoLock());
    }

    private void clearLabels(boolean wasEscalated) {
        command(new RemoveLabel(Labels.WORKING));
        if (wasEscalated) {
            command(new RemoveLabel(Labels.NEEDS_HUMAN));
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
