package dev.tamma.worker.step;

import dev.tamma.core.platform.Issue;
import dev.tamma.core.platform.PullRequest;
import dev.tamma.core.platform.Workspace;
import dev.tamma.core.workflow.RunReason;
import dev.tamma.core.workflow.StepPayload;
import dev.tamma.worker.StepResult;
import java.time.Instant;
import java.util.Set;

/**
 * IMPLEMENT, test first: the agent writes or updates the tests, then the code, one commit each, and
 * the work goes to the unverified branch for BUILD and TEST. A fix after a failed build, test or CI
 * run continues the latest work with the failure's output; any other run starts again from the pull
 * request's branch, so a rerun never stacks on a half-finished attempt.
 */
final class ImplementStep implements LoopStep {

    private static final Set<RunReason> FIXES = Set.of(RunReason.BUILD_FAILED, RunReason.TEST_FAILED, RunReason.CI_FAILED);

    @Override
    public StepResult run(StepContext context) {
        PullRequest pullRequest = context.platform().pullRequest(context.pullRequestNumber());
        String work = Branches.unverified(pullRequest.head());
        StepPayload payload = context.request().payload();
        boolean fix = FIXES.contains(payload.reason());
        boolean continuing = fix
                && context.tools().workspaces().hasBranch(context.task(), context.repository().cloneUrl(), work);
        Issue issue = context.issue();
        String plan = Plan.approvedOption(context.platform().commentsSince(issue.number(), Instant.EPOCH),
                payload.approvedOption()).orElse("(no plan was posted; work from the issue)");
        String task = "Issue #" + issue.number() + ": " + issue.title() + "\n\n" + issue.body() + "\n\nApproved plan:\n"
                + plan + "\n";
        try (Workspace workspace = context.checkout(continuing ? work : pullRequest.head())) {
            if (!continuing) {
                workspace.createBranch(work);
            }
            String summary;
            if (fix) {
                CodingPhase.Outcome outcome = CodingPhase.run(context, workspace, "Fix: the last run failed ("
                        + payload.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + "). Fix the"
                        + " cause; change tests only where they are wrong.\n\n" + task + "\nThe failure's output:\n"
                        + payload.feedback(),
                        "Fix #" + issue.number() + " after " + payload.reason().name().toLowerCase(java.util.Locale.ROOT));
                if (outcome.commit().isEmpty()) {
                    throw new StepFailure.Transient("the coding agent changed nothing to fix the failure", outcome.summary());
                }
                summary = "fix: " + outcome.summary();
            } else {
                CodingPhase.Outcome tests = CodingPhase.run(context, workspace, "Phase 1 of 2: write or update"
                        + " the tests that prove the change, following the plan. Do not change production code yet;"
                        + " the new tests are expected to fail.\n\n" + task, "Add tests for #" + issue.number());
                CodingPhase.Outcome code = CodingPhase.run(context, workspace, "Phase 2 of 2: the tests are"
                        + " written (" + tests.summary() + "). Now change the code so that they pass. Do not weaken"
                        + " the tests.\n\n" + task, "Implement #" + issue.number());
                if (tests.commit().isEmpty() && code.commit().isEmpty()) {
                    throw new StepFailure.Transient("the coding agent changed nothing", code.summary());
                }
                summary = "tests: " + (tests.commit().isPresent() ? tests.summary() : "none written")
                        + "; code: " + (code.commit().isPresent() ? code.summary() : "no change");
            }
            if (!continuing) {
                workspace.deleteRemoteBranch(work); // an earlier attempt's work is replaced, not built on
            }
            String head = workspace.push();
            return StepResult.succeeded(summary + " (" + head.substring(0, 12) + " on " + work + ")");
        }
    }
}
