package dev.tamma.core.workflow;

import dev.tamma.core.workflow.WorkflowCommand.PostComment;
import dev.tamma.core.workflow.WorkflowEvent.ReminderSent;
import java.time.Duration;

/** What a fired deadline does. Only the live deadline counts; any other timer is stale. */
final class Timers {

    private Timers() {
    }

    static void fired(Transition t, WorkflowInput.TimerFired timer) {
        WorkflowState s = t.state();
        if (s.isTerminal() || s.deadline() == null || !s.deadline().id().equals(timer.deadlineId())) {
            return;
        }
        switch (s.deadline().kind()) {
            case STEP_TIMEOUT -> FailurePolicy.failed(t, s.step(), s.attempt(), FailureCause.TIMEOUT,
                    "no result within " + Comments.human(t.config().stepTimeout(s.step())), "");
            case RETRY_BACKOFF -> FailurePolicy.retryNow(t);
            case HUMAN_REMINDER -> remind(t);
            case HUMAN_TIMEOUT -> timedOut(t);
        }
    }

    private static void remind(Transition t) {
        WorkflowState s = t.state();
        t.emit(new ReminderSent(t.now(), s.waitingFor()));
        t.command(new PostComment(Comments.REMINDER_KEY, Comments.reminder(s.waitingFor(), s.waitTimeoutAt())));
        // A late timer must not push the final deadline into the past.
        t.schedule(DeadlineKind.HUMAN_TIMEOUT, s.waitTimeoutAt().isAfter(t.now()) ? s.waitTimeoutAt() : t.now());
    }

    private static void timedOut(Transition t) {
        WorkflowState s = t.state();
        if (s.waitingFor() == HumanWait.ESCALATION) {
            // Nobody came: hold the repository no longer so other issues can move.
            t.cancel(CancelReason.NO_RESPONSE, StepFlow.TAMMA);
            return;
        }
        Duration waited = t.config().humanWaitTimeout();
        t.escalate(new Escalation(s.step(), FailureCause.TIMEOUT,
                "nobody answered " + Comments.describe(s.waitingFor()) + " within " + Comments.human(waited), "",
                s.failures(s.step()), t.config().maxAttempts(s.step()), null, null, s.waitingFor()));
    }
}
