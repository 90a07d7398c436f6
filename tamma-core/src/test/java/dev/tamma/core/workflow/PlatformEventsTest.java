package dev.tamma.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.workflow.PlatformEvent.BaseBranchMoved;
import dev.tamma.core.workflow.PlatformEvent.IssueClosed;
import dev.tamma.core.workflow.PlatformEvent.PullRequestClosed;
import dev.tamma.core.workflow.PlatformEvent.ReviewCommented;
import dev.tamma.core.workflow.PlatformEvent.ReviewSubmitted;
import dev.tamma.core.workflow.PlatformEvent.ReviewVerdict;
import dev.tamma.core.workflow.WorkflowCommand.ReleaseRepoLock;
import dev.tamma.core.workflow.WorkflowCommand.RunStep;
import dev.tamma.core.workflow.WorkflowCommand.StartNextIssue;
import org.junit.jupiter.api.Test;

/** Things done on the platform, by people or outside Tamma. */
class PlatformEventsTest {

    @Test
    void aPullRequestMergedOutsideTammaIsDoneAndReleasesTheLock() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.BUSINESS).runUntil(Step.PLAN);
        wf.succeed(Step.PLAN);
        wf.command("maria", "/tamma approve");
        wf.runUntil(Step.REVIEW);

        wf.send(new PullRequestClosed(wf.now, true, "maria"));

        assertThat(wf.state.status()).isEqualTo(WorkflowStatus.DONE);
        assertThat(wf.last.commands()).contains(new ReleaseRepoLock(), new StartNextIssue());
        assertThat(wf.eventsOf(WorkflowEvent.WorkflowCompleted.class)).singleElement()
                .satisfies(e -> assertThat(e.byTamma()).isFalse());
    }

    @Test
    void aPullRequestClosedOutsideTammaCancelsAndReleasesTheLock() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.DEV).runUntil(Step.TEST);

        wf.send(new PullRequestClosed(wf.now, false, "maria"));

        assertThat(wf.state.status()).isEqualTo(WorkflowStatus.CANCELLED);
        assertThat(wf.last.commands()).contains(new ReleaseRepoLock()).doesNotContain(new StartNextIssue());
    }

    @Test
    void anIssueClosedOutsideTammaCancels() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.DEV).runUntil(Step.ANALYZE);

        wf.send(new IssueClosed(wf.now, "maria"));

        assertThat(wf.state.status()).isEqualTo(WorkflowStatus.CANCELLED);
        assertThat(wf.last.commands()).contains(new ReleaseRepoLock());
    }

    @Test
    void theIssueClosedByTammasOwnMergeIsNotACancellation() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.DEV).runUntil(Step.MERGE);

        Decision closed = wf.send(new IssueClosed(wf.now, "tamma-bot"));
        wf.succeed(Step.MERGE);

        assertThat(closed.isEmpty()).isTrue();
        assertThat(wf.state.status()).isEqualTo(WorkflowStatus.DONE);
    }

    @Test
    void eventsAfterTheEndChangeNothing() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.DEV);
        wf.send(new IssueClosed(wf.now, "maria"));
        WorkflowState done = wf.state;

        assertThat(wf.send(new PullRequestClosed(wf.now, true, "maria")).isEmpty()).isTrue();
        assertThat(wf.send(new BaseBranchMoved(wf.now, "abc")).isEmpty()).isTrue();
        assertThat(wf.state).isEqualTo(done);
    }

    @Test
    void reviewFeedbackAtTheMergeCheckpointIsAddressedBeforeMerging() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.BUSINESS).runUntil(Step.PLAN);
        wf.succeed(Step.PLAN);
        wf.command("maria", "/tamma approve");
        wf.runUntil(Step.COMPLETION_CHECK).succeed(Step.COMPLETION_CHECK);

        wf.send(new ReviewSubmitted(wf.now, "drive-by", false, ReviewVerdict.CHANGES_REQUESTED, "no"));
        assertThat(wf.last.isEmpty()).as("unauthorized reviewers do not steer the workflow").isTrue();

        wf.send(new ReviewSubmitted(wf.now, "lee", true, ReviewVerdict.CHANGES_REQUESTED, "please add a test"));

        assertThat(wf.lastCommandsOf(RunStep.class)).singleElement().satisfies(run -> {
            assertThat(run.step()).isEqualTo(Step.ADDRESS_COMMENTS);
            assertThat(run.payload().reason()).isEqualTo(RunReason.REVIEW_FEEDBACK);
            assertThat(run.payload().feedback()).isEqualTo("please add a test");
        });
    }

    @Test
    void reviewCommentsBeforeAddressCommentsAreRecordedForIt() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.DEV).runUntil(Step.REVIEW);

        wf.send(new ReviewCommented(wf.now, "lee", true, "src/Main.java", "typo here"));

        assertThat(wf.state.change().openFeedback()).isEqualTo(1);
        assertThat(wf.lastCommandsOf(RunStep.class)).isEmpty();
        wf.succeed(Step.REVIEW);
        wf.succeed(Step.ADDRESS_COMMENTS);
        assertThat(wf.state.change().openFeedback()).isZero();
    }

    @Test
    void fixesPushedWhileAddressingCommentsGoThroughCiAgain() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.DEV).runUntil(Step.ADDRESS_COMMENTS);

        wf.succeed(Step.ADDRESS_COMMENTS, StepOutput.of("fixed typo").withHeadSha("sha-fix"));

        assertThat(wf.lastCommandsOf(RunStep.class)).singleElement().satisfies(run -> {
            assertThat(run.step()).isEqualTo(Step.CI_CHECKS);
            assertThat(run.payload().headSha()).isEqualTo("sha-fix");
        });
    }

    @Test
    void aNewPushWithdrawsAnEarlierMergeApproval() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.BUSINESS).runUntil(Step.PLAN);
        wf.succeed(Step.PLAN);
        wf.command("maria", "/tamma approve");
        wf.runUntil(Step.COMPLETION_CHECK).succeed(Step.COMPLETION_CHECK);
        wf.command("maria", "/tamma approve merge");
        assertThat(wf.state.change().mergeApprovedBy()).isEqualTo("maria");

        wf.fail(FailureCause.STRUCTURAL, "merge conflict", "");
        wf.command("maria", "/tamma retry from push");
        wf.succeed(Step.PUSH, StepOutput.of("pushed").withHeadSha("sha-new"));

        assertThat(wf.state.change().mergeApprovedBy()).isNull();
        wf.runUntil(Step.COMPLETION_CHECK).succeed(Step.COMPLETION_CHECK);
        assertThat(wf.state.waitingFor()).isEqualTo(HumanWait.MERGE_APPROVAL);
    }

    @Test
    void aMovedBaseBranchIsRecorded() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.DEV).runUntil(Step.REVIEW);

        wf.send(new BaseBranchMoved(wf.now, "base-2"));

        assertThat(wf.state.change().baseSha()).isEqualTo("base-2");
        assertThat(wf.state.step()).isEqualTo(Step.REVIEW);
        assertThat(wf.state.stepRunning()).isTrue();
    }
}
