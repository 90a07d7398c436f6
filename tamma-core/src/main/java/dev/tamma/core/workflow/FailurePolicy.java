package dev.tamma.core.workflow;

import dev.tamma.core.workflow.WorkflowEvent.AttemptFailed;
import java.util.Set;

/**
 * What a failed attempt leads to: another attempt after a backoff, a trip back to IMPLEMENT with
 * the failure output, or an escalation once the step's budget is spent.
 */
final class FailurePolicy {

    /** Steps whose ordinary failure means the code is wrong, so IMPLEMENT must fix it. */
    private static final Set<Step> VERIFYING = Set.of(Step.BUILD, Step.TEST, Step.CI_CHECKS);

    private FailurePolicy() {
    }

    /** The current attempt of {@code step} failed. */
    static void failed(Transition t, Step step, int attempt, FailureCause cause, String message, String excerpt) {
        t.emit(new AttemptFailed(t.now(), step, attempt, cause, message, excerpt, step));
        if (cause == FailureCause.TRANSIENT && VERIFYING.contains(step)) {
            backToImplement(t, step, cause, message, excerpt);
        } else if (cause == FailureCause.STRUCTURAL || budgetSpent(t, step)) {
            StepPayload again = t.payload(RunReason.RETRY_REQUESTED, t.state().payload().feedback());
            t.escalate(escalation(t, step, cause, message, excerpt, step, again));
        } else {
            int failure = t.state().failures(step);
            t.schedule(DeadlineKind.RETRY_BACKOFF,
                    t.now().plus(Backoff.delay(t.config(), t.jitter(), t.state().workflowId(), step, failure)));
        }
    }

    /**
     * CI went red on the current head while the workflow was past CI_CHECKS: the running step's
     * work is moot, and the failure counts against CI_CHECKS.
     */
    static void redCiLater(Transition t, String message, String excerpt) {
        WorkflowState s = t.state();
        t.emit(new AttemptFailed(t.now(), s.step(), s.attempt(), FailureCause.TRANSIENT, message, excerpt,
                Step.CI_CHECKS));
        backToImplement(t, Step.CI_CHECKS, FailureCause.TRANSIENT, message, excerpt);
    }

    /** The retry's backoff is over: run the step again with the same feedback. */
    static void retryNow(Transition t) {
        WorkflowState s = t.state();
        t.runStep(s.step(), t.payload(RunReason.RETRY, s.payload().feedback()));
    }

    private static void backToImplement(Transition t, Step countedAgainst, FailureCause cause, String message,
                                        String excerpt) {
        RunReason reason = switch (countedAgainst) {
            case BUILD -> RunReason.BUILD_FAILED;
            case TEST -> RunReason.TEST_FAILED;
            default -> RunReason.CI_FAILED;
        };
        StepPayload fix = t.payload(reason, excerpt);
        if (budgetSpent(t, countedAgainst)) {
            t.escalate(escalation(t, countedAgainst, cause, message, excerpt, Step.IMPLEMENT, fix));
        } else {
            t.runStep(Step.IMPLEMENT, fix);
        }
    }

    private static boolean budgetSpent(Transition t, Step step) {
        return t.state().failures(step) >= t.config().maxAttempts(step);
    }

    private static Escalation escalation(Transition t, Step step, FailureCause cause, String message,
                                         String excerpt, Step resumeStep, StepPayload resume) {
        return new Escalation(step, cause, message, excerpt, t.state().failures(step), t.config().maxAttempts(step),
                resumeStep, resume, null);
    }
}
