package dev.tamma.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.workflow.WorkflowCommand.ReplyToCommand;
import org.junit.jupiter.api.Test;

/** {@code /tamma status}: where the workflow stands, for anyone who asks, changing nothing. */
class StatusReportTest {

    @Test
    void aRunningWorkflowShowsItsStepAttemptPullRequestAndHead() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.DEV).runUntil(Step.REVIEW);
        wf.fail(FailureCause.TRANSIENT, "provider returned 503", "");

        String report = StatusReport.render(wf.state, new StatusReport.Links("https://forge/acme/shop/issues/42",
                "https://forge/acme/shop/pulls/7"));

        assertThat(report)
                .contains("| workflow | `wf-1` (dev mode) |")
                .contains("| status | running |")
                .contains("| step | `review` |")
                .contains("| attempt | 1 (1 of 3 allowed failures used) |")
                .contains("| waiting for | the next attempt, at ")
                .contains("[acme/shop#42](https://forge/acme/shop/issues/42)")
                .contains("[pull request 7](https://forge/acme/shop/pulls/7)")
                .contains("| head commit | `sha-1` |");
    }

    @Test
    void aWaitingWorkflowSaysWhatItWaitsForAndUntilWhen() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.BUSINESS).runUntil(Step.PLAN);
        wf.succeed(Step.PLAN);

        String report = StatusReport.render(wf.state, StatusReport.Links.none());

        assertThat(report).contains("waiting for approval of the design")
                .contains("| waiting for | approval of the design, until " + wf.state.waitTimeoutAt() + " |")
                .contains("| issue | acme/shop#42 |")
                .doesNotContain("pull request", "](");
    }

    @Test
    void anEscalatedWorkflowSaysWhatFailedAndWhy() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.DEV).runUntil(Step.BUILD);
        wf.fail(FailureCause.STRUCTURAL, "no build command | configured", "");

        assertThat(StatusReport.render(wf.state, StatusReport.Links.none()))
                .contains("| status | escalated |")
                .contains("| escalated | step `build`: retrying cannot fix this: no build command / configured |");
    }

    @Test
    void anyoneMayAskEvenAfterTheWorkflowEndedAndNothingChanges() {
        WorkflowDriver wf = WorkflowDriver.started(Mode.DEV).runUntil(Step.ANALYZE);
        WorkflowState running = wf.state;

        Decision d = wf.unauthorizedCommand("drive-by", "/tamma status");

        assertThat(d.events()).isEmpty();
        assertThat(wf.state).isEqualTo(running);
        assertThat(d.commands()).singleElement().isInstanceOfSatisfying(ReplyToCommand.class,
                r -> assertThat(r.markdown()).contains("| step | `analyze` |"));

        wf.command("maria", "/tamma stop");
        wf.command("maria", "/tamma status");
        assertThat(wf.lastCommandsOf(ReplyToCommand.class)).singleElement()
                .satisfies(r -> assertThat(r.markdown()).contains("Tamma is cancelled", "| status | cancelled |"));
    }
}
