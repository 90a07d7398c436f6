package dev.tamma.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.workflow.WorkflowCommand.PostComment;
import dev.tamma.core.workflow.WorkflowCommand.ReleaseRepoLock;
import dev.tamma.core.workflow.WorkflowCommand.RunStep;
import dev.tamma.core.workflow.WorkflowCommand.ScheduleDeadline;
import dev.tamma.core.workflow.WorkflowCommand.SetLabel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Waiting for people: one reminder, then escalation; an unanswered escalation frees the repository. */
class HumanWaitTest {

    private static final WorkflowConfig CONFIG = WorkflowConfig.defaults(Mode.BUSINESS)
            .withHumanWait(Duration.ofHours(48), Duration.ofHours(8));

    private static WorkflowDriver waitingForDesignApproval() {
        WorkflowDriver wf = WorkflowDriver.started(CONFIG).runUntil(Step.PLAN);
        wf.succeed(Step.PLAN);
        assertThat(wf.state.waitingFor()).isEqualTo(HumanWait.DESIGN_APPROVAL);
        return wf;
    }

    @Test
    void aWaitRemindsOnceBeforeItsTimeoutThenEscalates() {
        WorkflowDriver wf = waitingForDesignApproval();
        java.time.Instant askedAt = wf.now;
        assertThat(wf.state.deadline().at()).isEqualTo(askedAt.plus(Duration.ofHours(40)));

        wf.fireDeadline();

        assertThat(wf.state.status()).isEqualTo(WorkflowStatus.WAITING_FOR_HUMAN);
        assertThat(wf.state.reminded()).isTrue();
        assertThat(wf.lastCommandsOf(PostComment.class)).singleElement().satisfies(c -> {
            assertThat(c.key()).isEqualTo("reminder");
            assertThat(c.markdown()).contains("approval of the design");
        });
        assertThat(wf.lastCommandsOf(ScheduleDeadline.class)).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DeadlineKind.HUMAN_TIMEOUT);
            assertThat(d.at()).isEqualTo(askedAt.plus(Duration.ofHours(48)));
        });

        wf.fireDeadline();

        assertThat(wf.state.status()).isEqualTo(WorkflowStatus.ESCALATED);
        assertThat(wf.commandsOf(PostComment.class)).filteredOn(c -> c.key().equals("reminder")).hasSize(1);
        assertThat(wf.last.commands()).contains(new SetLabel(Labels.NEEDS_HUMAN));
        assertThat(wf.lastCommandsOf(PostComment.class).getFirst().markdown())
                .contains("nobody answered approval of the design within 2 days");
    }

    @Test
    void retryAfterAWaitTimedOutAsksAgain() {
        WorkflowDriver wf = waitingForDesignApproval();
        wf.fireDeadline();
        wf.fireDeadline();

        wf.command("maria", "/tamma retry");

        assertThat(wf.state.status()).isEqualTo(WorkflowStatus.WAITING_FOR_HUMAN);
        assertThat(wf.state.waitingFor()).isEqualTo(HumanWait.DESIGN_APPROVAL);
        assertThat(wf.state.reminded()).isFalse();
        wf.command("maria", "/tamma approve");
        assertThat(wf.lastCommandsOf(RunStep.class)).extracting(RunStep::step).containsExactly(Step.CREATE_PR);
    }

    @Test
    void anAnswerAfterTheReminderStillCounts() {
        WorkflowDriver wf = waitingForDesignApproval();
        wf.fireDeadline();

        wf.command("maria", "/tamma approve");

        assertThat(wf.state.status()).isEqualTo(WorkflowStatus.RUNNING);
        assertThat(wf.state.deadline().kind()).isEqualTo(DeadlineKind.STEP_TIMEOUT);
    }

    @Test
    void anUnansweredEscalationRemindsOnceThenCancelsAndReleasesTheLock() {
        WorkflowDriver wf = WorkflowDriver.started(CONFIG.withMode(Mode.DEV)).runUntil(Step.BUILD);
        wf.fail(FailureCause.STRUCTURAL, "no build command", "");

        wf.fireDeadline();
        assertThat(wf.state.status()).isEqualTo(WorkflowStatus.ESCALATED);
        assertThat(wf.lastCommandsOf(PostComment.class)).singleElement()
                .satisfies(c -> assertThat(c.markdown()).contains("releases the repository"));

        wf.fireDeadline();

        assertThat(wf.state.status()).isEqualTo(WorkflowStatus.CANCELLED);
        assertThat(wf.last.commands()).contains(new ReleaseRepoLock());
        assertThat(wf.eventsOf(WorkflowEvent.WorkflowCancelled.class)).singleElement()
                .extracting(WorkflowEvent.WorkflowCancelled::reason).isEqualTo(CancelReason.NO_RESPONSE);
    }
}
