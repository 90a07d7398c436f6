package dev.tamma.core.workflow;

import dev.tamma.core.workflow.UserCommand.Answer;
import dev.tamma.core.workflow.UserCommand.Approve;
import dev.tamma.core.workflow.UserCommand.ApproveMerge;
import dev.tamma.core.workflow.UserCommand.ApproveOption;
import dev.tamma.core.workflow.UserCommand.Help;
import dev.tamma.core.workflow.UserCommand.Retry;
import dev.tamma.core.workflow.UserCommand.RetryFrom;
import dev.tamma.core.workflow.UserCommand.Revise;
import dev.tamma.core.workflow.UserCommand.Status;
import dev.tamma.core.workflow.UserCommand.Stop;
import dev.tamma.core.workflow.UserCommand.Unrecognized;
import dev.tamma.core.workflow.WorkflowCommand.RemoveLabel;
import dev.tamma.core.workflow.WorkflowCommand.UpdateComment;
import dev.tamma.core.workflow.WorkflowEvent.CheckpointPassed;
import dev.tamma.core.workflow.WorkflowEvent.QuestionsAnswered;
import dev.tamma.core.workflow.WorkflowEvent.RetryRequested;
import dev.tamma.core.workflow.WorkflowEvent.RevisionRequested;
import java.util.Arrays;
import java.util.List;

/**
 * People's {@code /tamma} commands. Every command gets an answer; one that does not fit the
 * moment, or comes from someone without the right, is answered and changes nothing.
 */
final class HumanCommands {

    private HumanCommands() {
    }

    static void handle(Transition t, WorkflowInput.HumanCommand input) {
        String actor = input.actor();
        WorkflowState s = t.state();
        // Help and status only read, so anyone may ask; everything else needs the right to command.
        boolean readsOnly = input.command() instanceof Help || input.command() instanceof Status;
        if (!input.authorized() && !readsOnly) {
            t.reply(actor, Comments.notAuthorized(actor));
            return;
        }
        if (s.isTerminal() && !(input.command() instanceof Status)) {
            t.reply(actor, Comments.finished(s));
            return;
        }
        switch (input.command()) {
            case Stop stop -> t.cancel(CancelReason.STOPPED, actor);
            case Status status -> t.reply(actor, StatusReport.render(s, StatusReport.Links.none()));
            case Help help -> t.reply(actor, Comments.help(s));
            case Unrecognized u -> t.reply(actor, Comments.unrecognized(u.text(), s));
            case Approve a -> approveDesign(t, actor, null);
            case ApproveOption a -> approveDesign(t, actor, a.option());
            case ApproveMerge a -> approveMerge(t, actor, input.mergeApproval());
            case Revise r -> revise(t, actor, r.text());
            case Answer a -> answer(t, actor, a.text());
            case Retry r -> retry(t, actor);
            case RetryFrom r -> retryFrom(t, actor, r.step());
        }
    }

    private static void approveDesign(Transition t, String actor, Integer option) {
        WorkflowState s = t.state();
        if (s.waitingFor() == HumanWait.MERGE_APPROVAL) {
            // A bare approve must not merge by accident: merging is asked for by name.
            t.reply(actor, Comments.useApproveMerge());
            return;
        }
        if (s.waitingFor() != HumanWait.DESIGN_APPROVAL) {
            t.reply(actor, Comments.notNow("approve", s));
            return;
        }
        int options = s.change().planOptions();
        if (option != null && options > 0 && option > options) {
            t.reply(actor, Comments.noSuchOption(option, options));
            return;
        }
        t.emit(new CheckpointPassed(t.now(), HumanWait.DESIGN_APPROVAL, actor, option, false));
        t.command(new UpdateComment(Comments.DESIGN_APPROVAL_KEY, Comments.approved("The design", actor, option)));
        t.reply(actor, Comments.goingAhead(Step.CREATE_PR));
        StepFlow.enter(t, Step.CREATE_PR, RunReason.NEXT_STEP, null);
    }

    private static void approveMerge(Transition t, String actor, MergeApproval approval) {
        WorkflowState s = t.state();
        if (s.waitingFor() != HumanWait.MERGE_APPROVAL) {
            t.reply(actor, Comments.notNow("approve merge", s));
            return;
        }
        if (approval != MergeApproval.ALLOWED) {
            t.reply(actor, Comments.mergeApprovalRefused(approval));
            return;
        }
        t.emit(new CheckpointPassed(t.now(), HumanWait.MERGE_APPROVAL, actor, null, false));
        t.command(new UpdateComment(Comments.MERGE_APPROVAL_KEY, Comments.approved("Merging", actor, null)));
        t.reply(actor, Comments.goingAhead(Step.MERGE));
        StepFlow.enter(t, Step.MERGE, RunReason.NEXT_STEP, null);
    }

    private static void revise(Transition t, String actor, String text) {
        HumanWait wait = t.state().waitingFor();
        if (wait != HumanWait.DESIGN_APPROVAL && wait != HumanWait.MERGE_APPROVAL) {
            t.reply(actor, Comments.notNow("revise", t.state()));
            return;
        }
        t.emit(new RevisionRequested(t.now(), wait, actor, text));
        // At the design checkpoint the plan changes; at the merge checkpoint the code does.
        Step redo = wait == HumanWait.DESIGN_APPROVAL ? Step.PLAN : Step.ADDRESS_COMMENTS;
        t.reply(actor, Comments.revising(redo));
        StepFlow.enter(t, redo, RunReason.REVISION_REQUESTED, text);
    }

    private static void answer(Transition t, String actor, String text) {
        if (t.state().waitingFor() != HumanWait.QUESTIONS) {
            t.reply(actor, Comments.notNow("answer", t.state()));
            return;
        }
        t.emit(new QuestionsAnswered(t.now(), actor, text));
        t.reply(actor, Comments.thanksForAnswer());
        StepFlow.enter(t, Step.ANALYZE, RunReason.QUESTIONS_ANSWERED, text);
    }

    private static void retry(Transition t, String actor) {
        WorkflowState s = t.state();
        if (s.status() != WorkflowStatus.ESCALATED) {
            t.reply(actor, Comments.notNow("retry", s));
            return;
        }
        Escalation e = s.escalation();
        t.emit(new RetryRequested(t.now(), actor, e.step(), List.of(e.step())));
        resolveEscalation(t, actor);
        t.reply(actor, Comments.retrying(e));
        if (e.resumeWait() != null) {
            StepFlow.reopen(t, e.resumeWait());
        } else {
            t.runStep(e.resumeStep(), e.resumePayload());
        }
    }

    private static void retryFrom(Transition t, String actor, Step from) {
        WorkflowState s = t.state();
        if (s.status() != WorkflowStatus.ESCALATED && s.status() != WorkflowStatus.WAITING_FOR_HUMAN) {
            t.reply(actor, Comments.notNow("retry from", s));
            return;
        }
        if (from.ordinal() > s.step().ordinal()) {
            // Skipping ahead would bypass the steps (and checkpoints) in between.
            t.reply(actor, Comments.cannotSkipAhead(from, s.step()));
            return;
        }
        boolean escalated = s.status() == WorkflowStatus.ESCALATED;
        String feedback = escalated ? s.escalation().outputExcerpt() : null;
        List<Step> reset = Arrays.stream(Step.values()).filter(step -> step.ordinal() >= from.ordinal()).toList();
        t.emit(new RetryRequested(t.now(), actor, from, reset));
        if (escalated) {
            resolveEscalation(t, actor);
        }
        t.reply(actor, Comments.restartingFrom(from));
        StepFlow.enter(t, from, RunReason.RETRY_REQUESTED, feedback);
    }

    private static void resolveEscalation(Transition t, String actor) {
        t.command(new RemoveLabel(Labels.NEEDS_HUMAN));
        t.command(new UpdateComment(Comments.ESCALATION_KEY, Comments.escalationResolved(actor)));
    }
}
