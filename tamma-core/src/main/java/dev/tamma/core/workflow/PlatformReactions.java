package dev.tamma.core.workflow;

import dev.tamma.core.workflow.PlatformEvent.BaseBranchMoved;
import dev.tamma.core.workflow.PlatformEvent.CiFinished;
import dev.tamma.core.workflow.PlatformEvent.IssueClosed;
import dev.tamma.core.workflow.PlatformEvent.PullRequestClosed;
import dev.tamma.core.workflow.PlatformEvent.ReviewCommented;
import dev.tamma.core.workflow.PlatformEvent.ReviewSubmitted;
import dev.tamma.core.workflow.PlatformEvent.ReviewVerdict;
import dev.tamma.core.workflow.WorkflowEvent.ReviewFeedbackReceived;

/** How the workflow follows what happens on the platform, including things done outside Tamma. */
final class PlatformReactions {

    private PlatformReactions() {
    }

    static void handle(Transition t, PlatformEvent event) {
        if (t.state().isTerminal()) {
            return;
        }
        switch (event) {
            case CiFinished ci -> ciFinished(t, ci);
            case ReviewSubmitted r -> {
                if (r.verdict() != ReviewVerdict.APPROVED) {
                    feedback(t, r.reviewer(), r.authorized(), r.body());
                }
            }
            case ReviewCommented c -> feedback(t, c.author(), c.authorized(), c.body());
            case PullRequestClosed pr -> {
                if (pr.merged()) {
                    // Merged is merged, whoever did it; Tamma's own MERGE may report it first this way.
                    boolean byTamma = t.state().step() == Step.MERGE && t.state().stepRunning();
                    t.complete(byTamma, byTamma ? StepFlow.TAMMA : pr.actor());
                } else {
                    t.cancel(CancelReason.PULL_REQUEST_CLOSED, pr.actor());
                }
            }
            case IssueClosed closed -> {
                // MERGE closes the issue itself; that close is not a cancellation.
                if (t.state().step() != Step.MERGE || t.state().status() != WorkflowStatus.RUNNING) {
                    t.cancel(CancelReason.ISSUE_CLOSED, closed.actor());
                }
            }
            case BaseBranchMoved moved -> t.emit(new WorkflowEvent.BaseBranchMoved(t.now(), moved.sha()));
        }
    }

    private static void ciFinished(Transition t, CiFinished ci) {
        WorkflowState s = t.state();
        // Checks on an older commit, or before anything was pushed, say nothing about the change.
        if (!ci.sha().equals(s.change().headSha()) || s.status() == WorkflowStatus.ESCALATED) {
            return;
        }
        boolean atCiChecks = s.step() == Step.CI_CHECKS && s.status() == WorkflowStatus.RUNNING;
        if (ci.success()) {
            if (atCiChecks) {
                StepFlow.succeeded(t, Step.CI_CHECKS, s.attempt(), StepOutput.of("CI passed on " + ci.sha()));
            }
            return;
        }
        String message = "CI failed on " + ci.sha();
        if (atCiChecks) {
            FailurePolicy.failed(t, Step.CI_CHECKS, s.attempt(), FailureCause.TRANSIENT, message, ci.outputExcerpt());
        } else if (s.step().ordinal() > Step.CI_CHECKS.ordinal()) {
            FailurePolicy.redCiLater(t, message, ci.outputExcerpt());
        }
    }

    /** People's review feedback; at the merge checkpoint it sends the workflow back to address it. */
    private static void feedback(Transition t, String author, boolean authorized, String body) {
        WorkflowState s = t.state();
        if (!authorized || s.change().pullRequest() == null) {
            return;
        }
        t.emit(new ReviewFeedbackReceived(t.now(), author, body));
        boolean atMergeCheckpoint = s.step() == Step.COMPLETION_CHECK
                && (s.status() == WorkflowStatus.RUNNING || s.waitingFor() == HumanWait.MERGE_APPROVAL);
        if (atMergeCheckpoint) {
            StepFlow.enter(t, Step.ADDRESS_COMMENTS, RunReason.REVIEW_FEEDBACK, body);
        }
    }
}
