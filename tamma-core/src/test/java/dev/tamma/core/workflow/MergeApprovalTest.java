package dev.tamma.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.workflow.WorkflowCommand.ReplyToCommand;
import dev.tamma.core.workflow.WorkflowCommand.RunStep;
import dev.tamma.core.workflow.WorkflowInput.HumanCommand;
import org.junit.jupiter.api.Test;

/** Business mode's four eyes: the issue's author does not approve its merge, unless allowed. */
class MergeApprovalTest {

    @Test
    void inBusinessModeTheAuthorsApprovalDoesNotCountUnlessAllowed() {
        assertThat(MergeApproval.check(Mode.BUSINESS, "Erin", "erin", false)).isEqualTo(MergeApproval.BY_ISSUE_AUTHOR);
        assertThat(MergeApproval.check(Mode.BUSINESS, "carol", "erin", false)).isEqualTo(MergeApproval.ALLOWED);
        assertThat(MergeApproval.check(Mode.BUSINESS, "erin", "erin", true)).isEqualTo(MergeApproval.ALLOWED);
        assertThat(MergeApproval.check(Mode.BUSINESS, "carol", null, false)).isEqualTo(MergeApproval.AUTHOR_UNKNOWN);
        assertThat(MergeApproval.check(Mode.BUSINESS, "carol", " ", false)).isEqualTo(MergeApproval.AUTHOR_UNKNOWN);
    }

    @Test
    void devModeHasNoSuchRule() {
        assertThat(MergeApproval.check(Mode.DEV, "erin", "erin", false)).isEqualTo(MergeApproval.ALLOWED);
        assertThat(MergeApproval.check(Mode.DEV, "erin", null, false)).isEqualTo(MergeApproval.ALLOWED);
        assertThat(MergeApproval.needsIssueAuthor(Mode.DEV, false)).isFalse();
        assertThat(MergeApproval.needsIssueAuthor(Mode.BUSINESS, true)).isFalse();
        assertThat(MergeApproval.needsIssueAuthor(Mode.BUSINESS, false)).isTrue();
    }

    @Test
    void aRefusedMergeApprovalIsAnsweredAndTheWorkflowKeepsWaiting() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.BUSINESS).runUntil(Step.PLAN);
        wf.succeed(Step.PLAN);
        wf.command("carol", "/tamma approve");
        wf.runUntil(Step.COMPLETION_CHECK).succeed(Step.COMPLETION_CHECK);
        WorkflowState waiting = wf.state;

        Decision byAuthor = wf.send(new HumanCommand(wf.now, "erin", true, new UserCommand.ApproveMerge(),
                MergeApproval.BY_ISSUE_AUTHOR));
        Decision unknown = wf.send(new HumanCommand(wf.now, "carol", true, new UserCommand.ApproveMerge(),
                MergeApproval.AUTHOR_UNKNOWN));

        assertThat(byAuthor.events()).isEmpty();
        assertThat(byAuthor.commands()).singleElement().isInstanceOfSatisfying(ReplyToCommand.class,
                r -> assertThat(r.markdown()).contains("You opened this issue", "Nothing was changed"));
        assertThat(unknown.commands()).singleElement().isInstanceOfSatisfying(ReplyToCommand.class,
                r -> assertThat(r.markdown()).contains("could not find out who opened this issue"));
        assertThat(wf.state).isEqualTo(waiting);

        wf.send(new HumanCommand(wf.now, "carol", true, new UserCommand.ApproveMerge(), MergeApproval.ALLOWED));
        assertThat(wf.lastCommandsOf(RunStep.class)).extracting(RunStep::step).containsExactly(Step.MERGE);
        assertThat(wf.state.change().mergeApprovedBy()).isEqualTo("carol");
    }
}
