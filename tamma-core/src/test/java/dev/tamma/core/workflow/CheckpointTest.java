package dev.tamma.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.workflow.WorkflowCommand.PostComment;
import dev.tamma.core.workflow.WorkflowCommand.ReleaseRepoLock;
import dev.tamma.core.workflow.WorkflowCommand.RemoveLabel;
import dev.tamma.core.workflow.WorkflowCommand.ReplyToCommand;
import dev.tamma.core.workflow.WorkflowCommand.RunStep;
import dev.tamma.core.workflow.WorkflowCommand.ScheduleDeadline;
import dev.tamma.core.workflow.WorkflowCommand.SetLabel;
import dev.tamma.core.workflow.WorkflowCommand.StartNextIssue;
import dev.tamma.core.workflow.WorkflowEvent.CheckpointPassed;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The way through the 14 steps, and where each mode stops for a person. */
class CheckpointTest {

    @Test
    void devModeRunsAllFourteenStepsToDoneAndMovesOnToTheNextIssue() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.DEV);
        assertThat(wf.commands).first().isEqualTo(new SetLabel(Labels.WORKING));

        while (!wf.state.isTerminal()) {
            wf.after(java.time.Duration.ofMinutes(5)).succeed(wf.outputFor(wf.state.step()));
        }

        assertThat(wf.state.status()).isEqualTo(WorkflowStatus.DONE);
        List<Step> workerSteps = Arrays.stream(Step.values()).filter(Step::runsOnWorker).toList();
        assertThat(wf.stepsRun()).containsExactlyElementsOf(workerSteps);
        assertThat(wf.runSteps()).allSatisfy(run -> assertThat(run.attempt()).isEqualTo(1));
        assertThat(wf.eventsOf(CheckpointPassed.class))
                .extracting(CheckpointPassed::checkpoint, CheckpointPassed::automatic)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(HumanWait.DESIGN_APPROVAL, true),
                        org.assertj.core.groups.Tuple.tuple(HumanWait.MERGE_APPROVAL, true));
        // Every step got a deadline when it started.
        assertThat(wf.commandsOf(ScheduleDeadline.class)).hasSize(workerSteps.size())
                .allSatisfy(d -> assertThat(d.kind()).isEqualTo(DeadlineKind.STEP_TIMEOUT));
        assertThat(wf.last.commands()).containsExactly(
                new RemoveLabel(Labels.WORKING), new ReleaseRepoLock(), new StartNextIssue());
        assertThat(wf.commandsOf(PostComment.class)).isEmpty();
    }

    @Test
    void stepsAfterThePushCarryTheHeadShaAndCreatePrCarriesTheApprovedOption() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.BUSINESS).runUntil(Step.PLAN);
        wf.succeed(Step.PLAN, StepOutput.of("two options").withPlanOptions(2));
        wf.command("maria", "/tamma approve option 2");
        wf.runUntil(Step.CI_CHECKS);

        RunStep createPr = wf.runSteps().stream().filter(r -> r.step() == Step.CREATE_PR).findFirst().orElseThrow();
        assertThat(createPr.payload().approvedOption()).isEqualTo(2);
        assertThat(wf.runSteps().getLast().payload().headSha()).isEqualTo("sha-1");
    }

    @Test
    void businessModeWaitsForApprovalAtTheDesignAndMergeCheckpoints() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.BUSINESS).runUntil(Step.PLAN);
        wf.succeed(Step.PLAN, StepOutput.of("plan").withPlanOptions(2));

        assertThat(wf.state.status()).isEqualTo(WorkflowStatus.WAITING_FOR_HUMAN);
        assertThat(wf.state.waitingFor()).isEqualTo(HumanWait.DESIGN_APPROVAL);
        assertThat(wf.lastCommandsOf(PostComment.class)).singleElement().satisfies(c -> {
            assertThat(c.key()).isEqualTo("design-approval");
            assertThat(c.markdown()).contains("/tamma approve", "/tamma approve option N", "/tamma revise");
        });
        assertThat(wf.lastCommandsOf(RunStep.class)).isEmpty();
        assertThat(wf.lastCommandsOf(ScheduleDeadline.class)).singleElement()
                .extracting(ScheduleDeadline::kind).isEqualTo(DeadlineKind.HUMAN_REMINDER);

        wf.command("maria", "/tamma approve");
        assertThat(wf.lastCommandsOf(RunStep.class)).extracting(RunStep::step).containsExactly(Step.CREATE_PR);

        wf.runUntil(Step.COMPLETION_CHECK).succeed(Step.COMPLETION_CHECK);
        assertThat(wf.state.waitingFor()).isEqualTo(HumanWait.MERGE_APPROVAL);
        assertThat(wf.lastCommandsOf(RunStep.class)).isEmpty();
        assertThat(wf.lastCommandsOf(PostComment.class)).singleElement()
                .satisfies(c -> assertThat(c.markdown()).contains("/tamma approve merge"));

        wf.command("maria", "/tamma approve merge");
        assertThat(wf.lastCommandsOf(RunStep.class)).extracting(RunStep::step).containsExactly(Step.MERGE);
        wf.succeed(Step.MERGE);
        assertThat(wf.state.status()).isEqualTo(WorkflowStatus.DONE);
        assertThat(wf.eventsOf(CheckpointPassed.class)).extracting(CheckpointPassed::actor)
                .containsExactly("maria", "maria");
    }

    @Test
    void aBareApproveAtTheMergeCheckpointDoesNotMerge() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.BUSINESS).runUntil(Step.PLAN);
        wf.succeed(Step.PLAN);
        wf.command("maria", "/tamma approve");
        wf.runUntil(Step.COMPLETION_CHECK).succeed(Step.COMPLETION_CHECK);
        WorkflowState before = wf.state;

        wf.command("maria", "/tamma approve");

        assertThat(wf.state).isEqualTo(before);
        assertThat(wf.last.commands()).singleElement().isInstanceOfSatisfying(ReplyToCommand.class,
                r -> assertThat(r.markdown()).contains("/tamma approve merge"));
    }

    @Test
    void aRiskyChangeWaitsAtBothCheckpointsEvenInDevMode() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.DEV).runUntil(Step.PLAN);
        wf.succeed(Step.PLAN, StepOutput.of("plan").withRisk(true, 0, List.of()));

        assertThat(wf.state.waitingFor()).isEqualTo(HumanWait.DESIGN_APPROVAL);
        assertThat(wf.lastCommandsOf(PostComment.class)).singleElement()
                .satisfies(c -> assertThat(c.markdown()).contains("breaking change"));
        wf.command("maria", "/tamma approve");
        wf.runUntil(Step.COMPLETION_CHECK).succeed(Step.COMPLETION_CHECK);

        assertThat(wf.state.waitingFor()).isEqualTo(HumanWait.MERGE_APPROVAL);
    }

    @Test
    void reviewFindingsMakeTheMergeCheckpointWaitInDevMode() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.DEV).runUntil(Step.REVIEW);
        wf.succeed(Step.REVIEW, StepOutput.of("reviewed").withRisk(false, 0, List.of(".github/workflows/ci.yml")));
        wf.runUntil(Step.COMPLETION_CHECK).succeed(Step.COMPLETION_CHECK);

        assertThat(wf.state.waitingFor()).isEqualTo(HumanWait.MERGE_APPROVAL);
        assertThat(wf.lastCommandsOf(PostComment.class)).singleElement()
                .satisfies(c -> assertThat(c.markdown()).contains("protected paths: .github/workflows/ci.yml"));
    }

    @Test
    void deletionsOverTheThresholdAreRiskyAndAtTheThresholdAreNot() {
        WorkflowConfig config = WorkflowConfig.defaults(Mode.DEV).withDeletionThreshold(100);
        WorkflowDriver atThreshold = WorkflowDriver.started(config).runUntil(Step.REVIEW);
        atThreshold.succeed(Step.REVIEW, StepOutput.of("r").withRisk(false, 100, List.of()));
        atThreshold.runUntil(Step.COMPLETION_CHECK).succeed(Step.COMPLETION_CHECK);
        assertThat(atThreshold.state.step()).isEqualTo(Step.MERGE);

        WorkflowDriver over = WorkflowDriver.started(config).runUntil(Step.REVIEW);
        over.succeed(Step.REVIEW, StepOutput.of("r").withRisk(false, 101, List.of()));
        over.runUntil(Step.COMPLETION_CHECK).succeed(Step.COMPLETION_CHECK);
        assertThat(over.state.waitingFor()).isEqualTo(HumanWait.MERGE_APPROVAL);
    }

    @Test
    void reviseAtTheDesignCheckpointRunsPlanAgainWithTheText() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.BUSINESS).runUntil(Step.PLAN);
        wf.succeed(Step.PLAN);

        wf.command("maria", "/tamma revise keep the old API\nand add a flag");

        RunStep plan = wf.lastCommandsOf(RunStep.class).getFirst();
        assertThat(plan.step()).isEqualTo(Step.PLAN);
        assertThat(plan.attempt()).isEqualTo(2);
        assertThat(plan.payload().reason()).isEqualTo(RunReason.REVISION_REQUESTED);
        assertThat(plan.payload().feedback()).isEqualTo("keep the old API\nand add a flag");
        wf.succeed(Step.PLAN);
        assertThat(wf.state.waitingFor()).isEqualTo(HumanWait.DESIGN_APPROVAL);
    }

    @Test
    void approvingAnOptionThePlanDoesNotHaveChangesNothing() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.BUSINESS).runUntil(Step.PLAN);
        wf.succeed(Step.PLAN, StepOutput.of("plan").withPlanOptions(2));
        WorkflowState before = wf.state;

        wf.command("maria", "/tamma approve option 3");

        assertThat(wf.state).isEqualTo(before);
        assertThat(wf.last.events()).isEmpty();
        assertThat(wf.last.commands()).singleElement().isInstanceOfSatisfying(ReplyToCommand.class,
                r -> assertThat(r.markdown()).contains("no option 3"));
    }

    @Test
    void analyzeQuestionsWaitForAnAnswerThenAnalyzeRunsAgainWithIt() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.DEV).runUntil(Step.ANALYZE);
        wf.succeed(Step.ANALYZE, StepOutput.of("unclear").withQuestions(List.of("Which currency?", "Round how?")));

        assertThat(wf.state.status()).isEqualTo(WorkflowStatus.WAITING_FOR_HUMAN);
        assertThat(wf.state.waitingFor()).isEqualTo(HumanWait.QUESTIONS);
        assertThat(wf.lastCommandsOf(PostComment.class)).singleElement()
                .satisfies(c -> assertThat(c.markdown()).contains("1. Which currency?", "2. Round how?", "/tamma answer"));

        wf.unauthorizedCommand("drive-by", "/tamma answer EUR");
        assertThat(wf.state.waitingFor()).isEqualTo(HumanWait.QUESTIONS);

        wf.command("maria", "/tamma answer EUR, half-up");
        RunStep analyze = wf.lastCommandsOf(RunStep.class).getFirst();
        assertThat(analyze.step()).isEqualTo(Step.ANALYZE);
        assertThat(analyze.payload().reason()).isEqualTo(RunReason.QUESTIONS_ANSWERED);
        assertThat(analyze.payload().feedback()).isEqualTo("EUR, half-up");
        wf.succeed(Step.ANALYZE);
        assertThat(wf.state.step()).isEqualTo(Step.PLAN);
    }
}
