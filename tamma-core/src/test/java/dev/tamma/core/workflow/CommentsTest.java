package dev.tamma.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Markdown people read: output cannot break the layout, help fits the moment. */
class CommentsTest {

    private static Escalation failedTest(String output) {
        return new Escalation(Step.TEST, FailureCause.TRANSIENT, "tests failed", output, 3, 3, Step.IMPLEMENT,
                new StepPayload(RunReason.TEST_FAILED, output, null, "sha-1", null), null);
    }

    private static WorkflowState escalatedAt(Escalation e) {
        WorkflowDriver wf = WorkflowDriver.started(Mode.DEV).runUntil(Step.TEST);
        return wf.state.apply(new WorkflowEvent.WorkflowEscalated(wf.now, e, wf.now.plus(Duration.ofDays(7))));
    }

    @Test
    void outputWithBackticksCannotCloseTheCodeBlock() {
        Escalation e = failedTest("expected ```json``` but got ````");
        String text = Comments.escalation(escalatedAt(e), e);

        assertThat(text).contains("`````\nexpected ```json``` but got ````\n`````");
    }

    @Test
    void longOutputKeepsItsEnd() {
        String output = "x".repeat(10_000) + "THE ERROR";
        Escalation e = failedTest(output);
        String text = Comments.escalation(escalatedAt(e), e);

        assertThat(text).contains("THE ERROR").hasSizeLessThan(Comments.EXCERPT_LIMIT + 1_000);
    }

    @Test
    void theEscalationSaysWhatRetryWillDoAndWhichStepsToRestartFrom() {
        Escalation e = failedTest("boom");
        String text = Comments.escalation(escalatedAt(e), e);

        assertThat(text)
                .contains("step `test` (3 of 3 attempts failed)")
                .contains("`/tamma retry`: run `implement` again")
                .contains("e.g. `/tamma retry from implement`")
                .contains("`issue-assigned`", "`test`")
                .doesNotContain("`push`");
    }

    @Test
    void helpListsWhatFitsTheCurrentWait() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.BUSINESS).runUntil(Step.PLAN);
        wf.succeed(Step.PLAN);

        assertThat(Comments.help(wf.state))
                .contains("waiting for approval of the design", "/tamma approve", "/tamma revise", "/tamma stop")
                .doesNotContain("/tamma approve merge", "/tamma answer");
    }

    @Test
    void durationsReadNaturally() {
        assertThat(Comments.human(Duration.ofDays(3))).isEqualTo("3 days");
        assertThat(Comments.human(Duration.ofHours(1))).isEqualTo("1 hour");
        assertThat(Comments.human(Duration.ofMinutes(90))).isEqualTo("90 minutes");
        assertThat(Comments.human(Duration.ofSeconds(45))).isEqualTo("45 seconds");
    }
}
