package dev.tamma.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.workflow.WorkflowCommand.PostComment;
import dev.tamma.core.workflow.WorkflowCommand.ReleaseRepoLock;
import dev.tamma.core.workflow.WorkflowCommand.RemoveLabel;
import dev.tamma.core.workflow.WorkflowCommand.ReplyToCommand;
import dev.tamma.core.workflow.WorkflowCommand.RunStep;
import dev.tamma.core.workflow.WorkflowCommand.StartNextIssue;
import dev.tamma.core.workflow.WorkflowCommand.UpdateComment;
import org.junit.jupiter.api.Test;

/** What people's {@code /tamma} commands do, and that the wrong ones do nothing but get an answer. */
class HumanCommandsTest {

    private static WorkflowDriver escalatedAtAnalyze() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.DEV).runUntil(Step.ANALYZE);
        for (int i = 0; i < 3; i++) {
            wf.fail(FailureCause.TRANSIENT, "provider returned 503", "");
            if (!wf.state.isTerminal() && wf.state.retryPending()) {
                wf.fireDeadline();
            }
        }
        assertThat(wf.state.status()).isEqualTo(WorkflowStatus.ESCALATED);
        return wf;
    }

    @Test
    void retryResetsTheStepsAttemptsAndRunsItAgain() {
        WorkflowDriver wf = escalatedAtAnalyze();

        wf.command("maria", "/tamma retry");

        assertThat(wf.state.status()).isEqualTo(WorkflowStatus.RUNNING);
        assertThat(wf.state.failures(Step.ANALYZE)).isZero();
        assertThat(wf.lastCommandsOf(RunStep.class)).singleElement().satisfies(run -> {
            assertThat(run.step()).isEqualTo(Step.ANALYZE);
            assertThat(run.attempt()).as("attempt numbers never repeat").isEqualTo(4);
            assertThat(run.payload().reason()).isEqualTo(RunReason.RETRY_REQUESTED);
        });
        assertThat(wf.last.commands()).contains(new RemoveLabel(Labels.NEEDS_HUMAN));
        assertThat(wf.lastCommandsOf(UpdateComment.class)).singleElement()
                .satisfies(c -> assertThat(c.key()).isEqualTo("escalation"));

        // A fresh budget: two more failures do not escalate, the third does.
        wf.fail(FailureCause.TRANSIENT, "503", "");
        wf.fireDeadline();
        wf.fail(FailureCause.TRANSIENT, "503", "");
        assertThat(wf.state.status()).isEqualTo(WorkflowStatus.RUNNING);
        wf.fireDeadline();
        wf.fail(FailureCause.TRANSIENT, "503", "");
        assertThat(wf.state.status()).isEqualTo(WorkflowStatus.ESCALATED);
    }

    @Test
    void retryFromAnEarlierStepRunsFromThereWithFreshAttempts() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.DEV).runUntil(Step.TEST);
        wf.fail(FailureCause.STRUCTURAL, "test command not found", "sh: gradle: not found");

        wf.command("maria", "/tamma retry from implement");

        assertThat(wf.state.failures(Step.TEST)).isZero();
        assertThat(wf.lastCommandsOf(RunStep.class)).singleElement().satisfies(run -> {
            assertThat(run.step()).isEqualTo(Step.IMPLEMENT);
            assertThat(run.payload().feedback()).isEqualTo("sh: gradle: not found");
        });
        wf.runUntil(Step.PUSH);
        assertThat(wf.state.status()).isEqualTo(WorkflowStatus.RUNNING);
    }

    @Test
    void retryFromALaterStepIsRefusedSoNoStepOrCheckpointIsSkipped() {
        WorkflowDriver wf = escalatedAtAnalyze();
        WorkflowState before = wf.state;

        wf.command("maria", "/tamma retry from merge");

        assertThat(wf.state).isEqualTo(before);
        assertThat(wf.last.commands()).singleElement().isInstanceOfSatisfying(ReplyToCommand.class,
                r -> assertThat(r.markdown()).contains("cannot skip ahead"));
    }

    @Test
    void retryFromAtACheckpointStartsOverFromThatStep() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.BUSINESS).runUntil(Step.PLAN);
        wf.succeed(Step.PLAN);

        wf.command("maria", "/tamma retry from analyze");

        assertThat(wf.state.status()).isEqualTo(WorkflowStatus.RUNNING);
        assertThat(wf.lastCommandsOf(RunStep.class)).extracting(RunStep::step).containsExactly(Step.ANALYZE);
    }

    @Test
    void stopCancelsReleasesTheLockAndSaysSo() {
        WorkflowDriver wf = escalatedAtAnalyze();

        wf.command("maria", "/tamma stop");

        assertThat(wf.state.status()).isEqualTo(WorkflowStatus.CANCELLED);
        assertThat(wf.last.commands()).contains(new ReleaseRepoLock(), new RemoveLabel(Labels.WORKING),
                new RemoveLabel(Labels.NEEDS_HUMAN));
        assertThat(wf.last.commands()).doesNotContain(new StartNextIssue());
        assertThat(wf.lastCommandsOf(PostComment.class)).singleElement()
                .satisfies(c -> assertThat(c.markdown()).contains("Stopped by @maria", "lock is released"));
        assertThat(wf.state.deadline()).isNull();
    }

    @Test
    void stopWhileAStepRunsCancelsAndTheStepsLateOutcomeIsIgnored() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.DEV).runUntil(Step.IMPLEMENT);
        int attempt = wf.state.attempt();
        wf.command("maria", "/tamma stop");

        Decision late = wf.send(new WorkflowInput.StepSucceeded(wf.now, Step.IMPLEMENT, attempt, StepOutput.of("x")));

        assertThat(late.isEmpty()).isTrue();
        assertThat(wf.state.status()).isEqualTo(WorkflowStatus.CANCELLED);
    }

    @Test
    void anUnauthorizedCommandChangesNothingAndIsAnswered() {
        WorkflowDriver wf = escalatedAtAnalyze();
        WorkflowState before = wf.state;

        for (String text : new String[] {"/tamma stop", "/tamma retry", "/tamma approve merge", "/tamma retry from plan"}) {
            Decision d = wf.unauthorizedCommand("drive-by", text);

            assertThat(d.events()).isEmpty();
            assertThat(d.commands()).singleElement().isInstanceOfSatisfying(ReplyToCommand.class, r -> {
                assertThat(r.actor()).isEqualTo("drive-by");
                assertThat(r.markdown()).contains("@drive-by", "write access", "Nothing was changed", "`/tamma help`");
            });
        }
        assertThat(wf.state).isEqualTo(before);
    }

    @Test
    void anyoneMayAskForHelpBecauseItChangesNothing() {
        WorkflowDriver wf = escalatedAtAnalyze();
        WorkflowState before = wf.state;

        Decision d = wf.unauthorizedCommand("drive-by", "/tamma help");

        assertThat(d.events()).isEmpty();
        assertThat(d.commands()).singleElement().isInstanceOfSatisfying(ReplyToCommand.class,
                r -> assertThat(r.markdown()).contains("/tamma retry", "/tamma stop").doesNotContain("write access"));
        assertThat(wf.state).isEqualTo(before);
    }

    @Test
    void everyAcceptedCommandIsAnsweredWithWhatHappensNext() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.BUSINESS).runUntil(Step.PLAN);
        wf.succeed(Step.PLAN, StepOutput.of("two options").withPlanOptions(2));

        wf.command("maria", "/tamma approve option 2");
        assertThat(wf.lastCommandsOf(ReplyToCommand.class)).singleElement()
                .satisfies(r -> assertThat(r.markdown()).contains("going ahead", "`create-pr`"));

        wf.runUntil(Step.COMPLETION_CHECK).succeed(Step.COMPLETION_CHECK);
        wf.command("maria", "/tamma approve merge");
        assertThat(wf.lastCommandsOf(ReplyToCommand.class)).singleElement()
                .satisfies(r -> assertThat(r.markdown()).contains("`merge`"));

        WorkflowDriver escalated = escalatedAtAnalyze();
        escalated.command("maria", "/tamma retry");
        assertThat(escalated.lastCommandsOf(ReplyToCommand.class)).singleElement()
                .satisfies(r -> assertThat(r.markdown()).contains("run `analyze` again"));

        WorkflowDriver again = escalatedAtAnalyze();
        again.command("maria", "/tamma retry from issue-assigned");
        assertThat(again.lastCommandsOf(ReplyToCommand.class)).singleElement()
                .satisfies(r -> assertThat(r.markdown()).contains("Starting again from `issue-assigned`"));
    }

    @Test
    void unknownAndMisplacedCommandsAreAnsweredWithHelp() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.DEV).runUntil(Step.BUILD);
        WorkflowState before = wf.state;

        wf.command("maria", "/tamma dance");
        assertThat(wf.last.commands()).singleElement().isInstanceOfSatisfying(ReplyToCommand.class,
                r -> assertThat(r.markdown()).contains("does not know `/tamma dance`", "running `build`", "/tamma stop"));

        wf.command("maria", "/tamma approve merge");
        assertThat(wf.last.commands()).singleElement().isInstanceOfSatisfying(ReplyToCommand.class,
                r -> assertThat(r.markdown()).contains("does not apply now"));

        wf.command("maria", "/tamma retry");
        wf.command("maria", "/tamma answer 42");
        wf.command("maria", "/tamma help");
        assertThat(wf.state).isEqualTo(before);
    }

    @Test
    void commandsToAFinishedWorkflowAreAnswered() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.DEV);
        wf.command("maria", "/tamma stop");

        wf.command("maria", "/tamma retry");

        assertThat(wf.state.status()).isEqualTo(WorkflowStatus.CANCELLED);
        assertThat(wf.last.events()).isEmpty();
        assertThat(wf.last.commands()).singleElement().isInstanceOfSatisfying(ReplyToCommand.class,
                r -> assertThat(r.markdown()).contains("cancelled"));
    }

    @Test
    void reviseAtTheMergeCheckpointSendsTheTextToAddressComments() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.BUSINESS).runUntil(Step.PLAN);
        wf.succeed(Step.PLAN);
        wf.command("maria", "/tamma approve");
        wf.runUntil(Step.COMPLETION_CHECK).succeed(Step.COMPLETION_CHECK);

        wf.command("maria", "/tamma revise rename the flag to --dry-run");

        assertThat(wf.lastCommandsOf(RunStep.class)).singleElement().satisfies(run -> {
            assertThat(run.step()).isEqualTo(Step.ADDRESS_COMMENTS);
            assertThat(run.payload().feedback()).isEqualTo("rename the flag to --dry-run");
        });
    }
}
