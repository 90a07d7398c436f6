package dev.tamma.worker.step;

import dev.tamma.core.platform.Capabilities;
import dev.tamma.core.platform.Issue;
import dev.tamma.core.platform.MergeMethod;
import dev.tamma.core.platform.MergeResult;
import dev.tamma.core.platform.PullRequest;
import dev.tamma.core.platform.Workspace;
import dev.tamma.worker.StepResult;
import java.util.stream.Stream;

/**
 * MERGE: out of draft, merged with the repository's method, branches deleted, issue closed. A rerun
 * finds the pull request merged and only finishes what is left; the workflow then releases the
 * repository and starts the next issue.
 */
final class MergeStep implements LoopStep {

    @Override
    public StepResult run(StepContext context) {
        PullRequest pullRequest = context.platform().pullRequest(context.pullRequestNumber());
        MergeMethod method = method(context);
        String merged;
        switch (pullRequest.state()) {
            case CLOSED -> throw new StepFailure.Structural("pull request #" + pullRequest.number()
                    + " was closed without merging; reopen it or stop the workflow");
            case MERGED -> merged = "was already merged";
            default -> {
                if (pullRequest.draft() || pullRequest.title().startsWith(dev.tamma.core.platform.NewPullRequest.WIP_PREFIX)) {
                    context.platform().markReady(pullRequest.number());
                }
                MergeResult result = context.platform().merge(pullRequest.number(), method);
                merged = "merged as " + result.sha().substring(0, Math.min(12, result.sha().length()));
            }
        }
        if (context.config().merge().deleteBranch()) {
            try (Workspace workspace = context.checkout(context.repository().defaultBranch())) {
                workspace.deleteRemoteBranch(pullRequest.head());
                workspace.deleteRemoteBranch(Branches.unverified(pullRequest.head()));
            }
        }
        Issue issue = context.issue();
        if (issue.open()) {
            context.platform().closeIssue(issue.number());
        }
        return StepResult.succeeded("pull request #" + pullRequest.number() + " " + merged + " with "
                + method.name().toLowerCase(java.util.Locale.ROOT) + "; issue #" + issue.number()
                + " closed");
    }

    /**
     * The configured method where the platform has it; otherwise the first it has of squash, merge
     * and rebase, so a setting meant for another platform does not stop the merge.
     */
    static MergeMethod method(StepContext context) {
        MergeMethod configured = context.config().merge().method();
        Capabilities capabilities = context.platform().capabilities();
        if (capabilities.supports(configured)) {
            return configured;
        }
        // every platform offers at least one method (Capabilities insists on it)
        return Stream.of(MergeMethod.SQUASH, MergeMethod.MERGE, MergeMethod.REBASE).filter(capabilities::supports)
                .findFirst().orElseThrow();
    }
}
