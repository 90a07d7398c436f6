package dev.tamma.core.workflow;

import dev.tamma.core.workflow.WorkflowEvent.CheckpointPassed;
import dev.tamma.core.workflow.WorkflowEvent.StepCompleted;

/** The happy path: where a successful step leads, including the two checkpoints. */
final class StepFlow {

    static final String TAMMA = "tamma";

    private StepFlow() {
    }

    /** Records the success of the current attempt of {@code step} and moves on. */
    static void succeeded(Transition t, Step step, int attempt, StepOutput output) {
        String headBefore = t.state().change().headSha();
        t.emit(new StepCompleted(t.now(), step, attempt, output));
        switch (step) {
            case ANALYZE -> {
                if (output.questions().isEmpty()) {
                    enter(t, Step.PLAN, RunReason.NEXT_STEP, null);
                } else {
                    askQuestions(t);
                }
            }
            case ADDRESS_COMMENTS -> {
                // Fixes pushed while addressing comments need green CI (and a fresh review) too.
                String head = t.state().change().headSha();
                boolean pushed = head != null && !head.equals(headBefore);
                enter(t, pushed ? Step.CI_CHECKS : Step.COMPLETION_CHECK, RunReason.NEXT_STEP, null);
            }
            case COMPLETION_CHECK -> mergeCheckpoint(t);
            case MERGE -> t.complete(true, TAMMA);
            default -> enter(t, step.next(), RunReason.NEXT_STEP, null);
        }
    }

    /** Starts {@code step}: runs it on a worker, or holds the design checkpoint. */
    static void enter(Transition t, Step step, RunReason reason, String feedback) {
        if (step == Step.DESIGN_APPROVAL) {
            designCheckpoint(t);
        } else {
            t.runStep(step, t.payload(reason, feedback));
        }
    }

    static void askQuestions(Transition t) {
        t.waitForHuman(Step.ANALYZE, HumanWait.QUESTIONS, Comments.QUESTIONS_KEY,
                Comments.questions(t.state().change().questions(), t.config().humanWaitTimeout()));
    }

    static void designCheckpoint(Transition t) {
        if (passesOnItsOwn(t)) {
            t.emit(new CheckpointPassed(t.now(), HumanWait.DESIGN_APPROVAL, TAMMA, null, true));
            enter(t, Step.CREATE_PR, RunReason.NEXT_STEP, null);
        } else {
            t.waitForHuman(Step.DESIGN_APPROVAL, HumanWait.DESIGN_APPROVAL, Comments.DESIGN_APPROVAL_KEY,
                    Comments.designApprovalRequest(t.state()));
        }
    }

    /** The merge checkpoint belongs to COMPLETION_CHECK: it waits there, then runs MERGE. */
    static void mergeCheckpoint(Transition t) {
        if (passesOnItsOwn(t)) {
            t.emit(new CheckpointPassed(t.now(), HumanWait.MERGE_APPROVAL, TAMMA, null, true));
            enter(t, Step.MERGE, RunReason.NEXT_STEP, null);
        } else {
            t.waitForHuman(Step.COMPLETION_CHECK, HumanWait.MERGE_APPROVAL, Comments.MERGE_APPROVAL_KEY,
                    Comments.mergeApprovalRequest(t.state()));
        }
    }

    /** Reopens a wait that timed out into an escalation, with the prompt it had. */
    static void reopen(Transition t, HumanWait wait) {
        switch (wait) {
            case QUESTIONS -> askQuestions(t);
            case DESIGN_APPROVAL -> t.waitForHuman(Step.DESIGN_APPROVAL, wait, Comments.DESIGN_APPROVAL_KEY,
                    Comments.designApprovalRequest(t.state()));
            case MERGE_APPROVAL -> t.waitForHuman(Step.COMPLETION_CHECK, wait, Comments.MERGE_APPROVAL_KEY,
                    Comments.mergeApprovalRequest(t.state()));
            case ESCALATION -> throw new IllegalStateException("an escalation never resumes into an escalation");
        }
    }

    private static boolean passesOnItsOwn(Transition t) {
        return t.config().mode() == Mode.DEV && !t.state().isRisky();
    }
}
