package dev.tamma.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.workflow.PlatformEvent.CiFinished;
import dev.tamma.core.workflow.WorkflowCommand.PostComment;
import dev.tamma.core.workflow.WorkflowCommand.RunStep;
import dev.tamma.core.workflow.WorkflowCommand.ScheduleDeadline;
import dev.tamma.core.workflow.WorkflowCommand.SetLabel;
import dev.tamma.core.workflow.WorkflowInput.StepSucceeded;
import dev.tamma.core.workflow.WorkflowInput.TimerFired;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Attempts, backoff, feeding failures back to IMPLEMENT, and escalation. */
class FailureHandlingTest {

    @Test
    void aTransientFailureIsRetriedAfterABackoffDeadline() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.DEV).runUntil(Step.ANALYZE);

        wf.fail(FailureCause.TRANSIENT, "provider returned 503", "");

        assertThat(wf.state.status()).isEqualTo(WorkflowStatus.RUNNING);
        assertThat(wf.lastCommandsOf(RunStep.class)).as("no attempt before the backoff").isEmpty();
        ScheduleDeadline retry = wf.lastCommandsOf(ScheduleDeadline.class).getFirst();
        assertThat(retry.kind()).isEqualTo(DeadlineKind.RETRY_BACKOFF);
        // Base 30 s, no jitter: half the window fixed plus none of the spread.
        assertThat(retry.at()).isEqualTo(wf.now.plusSeconds(15));

        wf.fireDeadline();

        assertThat(wf.lastCommandsOf(RunStep.class)).singleElement().satisfies(run -> {
            assertThat(run.step()).isEqualTo(Step.ANALYZE);
            assertThat(run.attempt()).isEqualTo(2);
            assertThat(run.payload().reason()).isEqualTo(RunReason.RETRY);
        });
    }

    @Test
    void threeTransientFailuresEscalateWithTheCommentAndTheLabel() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.DEV).runUntil(Step.PLAN);

        wf.fail(FailureCause.TRANSIENT, "provider returned 503", "first");
        wf.fireDeadline();
        wf.fail(FailureCause.TIMEOUT, "no answer within 30 minutes", "second");
        wf.fireDeadline();
        wf.fail(FailureCause.LEASE_EXPIRED, "worker w-7 stopped heartbeating", "error: connection reset");

        assertThat(wf.state.status()).isEqualTo(WorkflowStatus.ESCALATED);
        assertThat(wf.stepsRun()).filteredOn(s -> s == Step.PLAN).hasSize(3);
        assertThat(wf.last.commands()).contains(new SetLabel(Labels.NEEDS_HUMAN));
        PostComment comment = wf.lastCommandsOf(PostComment.class).getFirst();
        assertThat(comment.key()).isEqualTo("escalation");
        assertThat(comment.markdown())
                .contains("step `plan` (3 of 3 attempts failed)")
                .contains("the worker running it stopped responding: worker w-7 stopped heartbeating")
                .contains("```\nerror: connection reset\n```")
                .contains("/tamma retry", "/tamma retry from <step>", "/tamma stop");
        assertThat(wf.lastCommandsOf(ScheduleDeadline.class)).singleElement()
                .extracting(ScheduleDeadline::kind).isEqualTo(DeadlineKind.HUMAN_REMINDER);
    }

    @Test
    void backoffDoublesAndIsCappedAndJitterComesFromOutside() {
        WorkflowConfig config = WorkflowConfig.defaults(Mode.DEV).withMaxAttempts(Step.PLAN, 10)
                .withBackoff(Duration.ofSeconds(10), Duration.ofSeconds(50));
        Jitter full = (workflowId, step, failure) -> 0.999_999;
        Duration first = Backoff.delay(config, full, "wf", Step.PLAN, 1);
        Duration second = Backoff.delay(config, full, "wf", Step.PLAN, 2);
        Duration capped = Backoff.delay(config, full, "wf", Step.PLAN, 9);

        assertThat(first).isEqualTo(Duration.ofSeconds(10));
        assertThat(second).isEqualTo(Duration.ofSeconds(20));
        assertThat(capped).isEqualTo(Duration.ofSeconds(50));
        assertThat(Backoff.delay(config, Jitter.none(), "wf", Step.PLAN, 2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(Backoff.delay(config, Jitter.seeded(42), "wf", Step.PLAN, 2))
                .isEqualTo(Backoff.delay(config, Jitter.seeded(42), "wf", Step.PLAN, 2))
                .isBetween(Duration.ofSeconds(10), Duration.ofSeconds(20));
    }

    @Test
    void aStructuralFailureEscalatesAtOnce() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.DEV).runUntil(Step.BUILD);

        wf.fail(FailureCause.STRUCTURAL, "no build command configured", "");

        assertThat(wf.state.status()).isEqualTo(WorkflowStatus.ESCALATED);
        assertThat(wf.state.failures(Step.BUILD)).isEqualTo(1);
        assertThat(wf.last.commands()).contains(new SetLabel(Labels.NEEDS_HUMAN));
        assertThat(wf.lastCommandsOf(PostComment.class).getFirst().markdown())
                .contains("step `build`", "retrying cannot fix this: no build command configured");
    }

    @Test
    void aTestFailureGoesBackToImplementWithTheOutputAndCountsAgainstTest() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.DEV).runUntil(Step.TEST);

        wf.fail(FailureCause.TRANSIENT, "2 tests failed", "expected 3 but was 4");

        RunStep implement = wf.lastCommandsOf(RunStep.class).getFirst();
        assertThat(implement.step()).isEqualTo(Step.IMPLEMENT);
        assertThat(implement.attempt()).isEqualTo(2);
        assertThat(implement.payload().reason()).isEqualTo(RunReason.TEST_FAILED);
        assertThat(implement.payload().feedback()).isEqualTo("expected 3 but was 4");
        assertThat(wf.state.failures(Step.TEST)).isEqualTo(1);
        assertThat(wf.state.failures(Step.IMPLEMENT)).isZero();

        wf.runUntil(Step.TEST).fail(FailureCause.TRANSIENT, "1 test failed", "still 4");
        wf.runUntil(Step.TEST).fail(FailureCause.TRANSIENT, "1 test failed", "now 5");

        assertThat(wf.state.status()).isEqualTo(WorkflowStatus.ESCALATED);
        assertThat(wf.state.escalation().step()).isEqualTo(Step.TEST);
        assertThat(wf.lastCommandsOf(PostComment.class).getFirst().markdown()).contains("now 5");
    }

    @Test
    void aRedCiGoesBackThroughImplementBuildTestPushAndCountsAgainstCiChecks() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.DEV).runUntil(Step.CI_CHECKS);
        int before = wf.runSteps().size();

        wf.fail(FailureCause.TRANSIENT, "checks failed", "lint: unused import");
        wf.runUntil(Step.CI_CHECKS);

        assertThat(wf.stepsRun().subList(before, wf.stepsRun().size()))
                .containsExactly(Step.IMPLEMENT, Step.BUILD, Step.TEST, Step.PUSH, Step.CI_CHECKS);
        assertThat(wf.runSteps().get(before).payload().reason()).isEqualTo(RunReason.CI_FAILED);
        assertThat(wf.runSteps().get(before).payload().feedback()).isEqualTo("lint: unused import");
        assertThat(wf.state.failures(Step.CI_CHECKS)).isEqualTo(1);
    }

    @Test
    void aRedCiEventForTheHeadDuringReviewAlsoGoesBackAndCountsAgainstCiChecks() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.DEV).runUntil(Step.REVIEW);
        String head = wf.state.change().headSha();

        wf.send(new CiFinished(wf.now, "an-older-sha", false, "old failure"));
        assertThat(wf.last.isEmpty()).as("checks on an older commit are ignored").isTrue();

        wf.send(new CiFinished(wf.now, head, false, "e2e failed"));

        assertThat(wf.lastCommandsOf(RunStep.class)).singleElement().satisfies(run -> {
            assertThat(run.step()).isEqualTo(Step.IMPLEMENT);
            assertThat(run.payload().feedback()).isEqualTo("e2e failed");
        });
        assertThat(wf.state.failures(Step.CI_CHECKS)).isEqualTo(1);
        assertThat(wf.state.failures(Step.REVIEW)).isZero();
    }

    @Test
    void aGreenCiEventCompletesCiChecks() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.DEV).runUntil(Step.CI_CHECKS);

        wf.send(new CiFinished(wf.now, wf.state.change().headSha(), true, ""));

        assertThat(wf.lastCommandsOf(RunStep.class)).extracting(RunStep::step).containsExactly(Step.REVIEW);
    }

    @Test
    void redCiThreeTimesEscalatesAndRetryResumesAtImplementWithTheCiOutput() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.DEV).runUntil(Step.CI_CHECKS);
        for (int i = 1; i <= 3; i++) {
            wf.runUntil(Step.CI_CHECKS).send(new CiFinished(wf.now, wf.state.change().headSha(), false, "red " + i));
        }
        assertThat(wf.state.status()).isEqualTo(WorkflowStatus.ESCALATED);
        assertThat(wf.state.escalation().step()).isEqualTo(Step.CI_CHECKS);

        wf.command("maria", "/tamma retry");

        assertThat(wf.state.failures(Step.CI_CHECKS)).isZero();
        assertThat(wf.lastCommandsOf(RunStep.class)).singleElement().satisfies(run -> {
            assertThat(run.step()).isEqualTo(Step.IMPLEMENT);
            assertThat(run.payload().feedback()).isEqualTo("red 3");
        });
    }

    @Test
    void aStepThatRunsPastItsDeadlineCountsAsATimeout() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.DEV).runUntil(Step.IMPLEMENT);
        assertThat(wf.state.deadline().at()).isEqualTo(wf.now.plus(Duration.ofHours(2)));

        wf.fireDeadline();

        assertThat(wf.eventsOf(WorkflowEvent.AttemptFailed.class)).singleElement().satisfies(f -> {
            assertThat(f.cause()).isEqualTo(FailureCause.TIMEOUT);
            assertThat(f.message()).isEqualTo("no result within 2 hours");
        });
        assertThat(wf.state.retryPending()).isTrue();
    }

    @Test
    void aLateOutcomeOfATimedOutAttemptIsIgnored() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.DEV).runUntil(Step.IMPLEMENT);
        wf.fireDeadline();
        wf.fireDeadline();
        assertThat(wf.state.attempt()).isEqualTo(2);
        WorkflowState before = wf.state;

        Decision late = wf.send(new StepSucceeded(wf.now, Step.IMPLEMENT, 1, StepOutput.of("finally")));

        assertThat(late.isEmpty()).isTrue();
        assertThat(wf.state).isEqualTo(before);
    }

    @Test
    void aStaleTimerIsIgnored() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.DEV).runUntil(Step.ANALYZE);
        String analyzeTimeout = wf.state.deadline().id();
        wf.succeed(Step.ANALYZE);
        WorkflowState before = wf.state;

        Decision stale = wf.send(new TimerFired(wf.now.plus(Duration.ofHours(1)), analyzeTimeout));

        assertThat(stale.isEmpty()).isTrue();
        assertThat(wf.state).isEqualTo(before);
    }

    @Test
    void theAttemptLimitIsPerStepAndConfigurable() {
        WorkflowDriver wf = WorkflowDriver.started(WorkflowConfig.defaults(Mode.DEV).withMaxAttempts(Step.ANALYZE, 1))
                .runUntil(Step.ANALYZE);

        wf.fail(FailureCause.TRANSIENT, "provider returned 503", "");

        assertThat(wf.state.status()).isEqualTo(WorkflowStatus.ESCALATED);
        assertThat(wf.lastCommandsOf(PostComment.class).getFirst().markdown()).contains("(1 of 1 attempts failed)");
    }
}
