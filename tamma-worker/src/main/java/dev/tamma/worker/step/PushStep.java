package dev.tamma.worker.step;

import dev.tamma.core.platform.PullRequest;
import dev.tamma.core.platform.Workspace;
import dev.tamma.core.workflow.StepOutput;
import dev.tamma.worker.StepResult;

/**
 * PUSH: moves the pull request's branch to the work BUILD and TEST passed. It only ever fast-forwards,
 * so a person's push to the branch in the meantime is never overwritten.
 */
final class PushStep implements LoopStep {

    @Override
    public StepResult run(StepContext context) {
        PullRequest pullRequest = context.platform().pullRequest(context.pullRequestNumber());
        String work = Branches.unverified(pullRequest.head());
        if (!context.tools().workspaces().hasBranch(context.task(), context.repository().cloneUrl(), work)) {
            // A rerun after the work branch was already pushed and deleted: the pull request has it.
            return new StepResult.Succeeded(StepOutput.of("pull request #" + pullRequest.number() + " is up to date at "
                    + pullRequest.headSha()).withHeadSha(pullRequest.headSha()));
        }
        try (Workspace workspace = context.checkout(work)) {
            workspace.createBranch(pullRequest.head());
            String sha = workspace.push();
            workspace.deleteRemoteBranch(work);
            return new StepResult.Succeeded(StepOutput.of("pushed " + sha.substring(0, 12) + " to " + pullRequest.head())
                    .withHeadSha(sha));
        }
    }
}
