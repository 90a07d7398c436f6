package dev.tamma.worker.step;

import dev.tamma.core.platform.Issue;
import dev.tamma.core.workflow.StepOutput;
import dev.tamma.worker.StepResult;

/** ISSUE_ASSIGNED: makes sure the issue is there and open before anything is spent on it. */
final class IssueAssignedStep implements LoopStep {

    @Override
    public StepResult run(StepContext context) {
        Issue issue = context.issue();
        if (!issue.open()) {
            throw new StepFailure.Structural("issue #" + issue.number() + " is closed; reopen it to let Tamma work on it");
        }
        return new StepResult.Succeeded(StepOutput.of("claimed issue #" + issue.number() + ": " + issue.title())
                .withIssueUrl(issue.url()));
    }
}
