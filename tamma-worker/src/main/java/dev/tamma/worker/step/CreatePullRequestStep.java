package dev.tamma.worker.step;

import dev.tamma.core.platform.CommentMarker;
import dev.tamma.core.platform.Issue;
import dev.tamma.core.platform.NewPullRequest;
import dev.tamma.core.platform.PullRequest;
import dev.tamma.core.platform.Workspace;
import dev.tamma.core.workflow.StepOutput;
import dev.tamma.worker.StepResult;
import java.time.Instant;
import java.util.Optional;

/**
 * CREATE_PR: the branch {@code tamma/<issue>-<slug>} from the default branch, and a draft pull
 * request that links and closes the issue with the approved plan in its body. A rerun finds the
 * branch and the pull request it made before instead of making new ones.
 */
final class CreatePullRequestStep implements LoopStep {

    static final CommentMarker MARKER = new CommentMarker("pull-request");

    @Override
    public StepResult run(StepContext context) {
        Issue issue = context.issue();
        String branch = Branches.forIssue(issue.number(), issue.title());
        Optional<PullRequest> existing = context.platform().findPullRequest(branch);
        if (existing.isPresent()) {
            return opened(existing.get(), "found");
        }
        String base = context.repository().defaultBranch();
        if (!context.tools().workspaces().hasBranch(context.task(), context.repository().cloneUrl(), branch)) {
            try (Workspace workspace = context.checkout(base)) {
                workspace.createBranch(branch);
                // Most platforms refuse a pull request with no commits; this one marks where the work began.
                workspace.commitAll("Start work on #" + issue.number() + ": " + issue.title(), Optional.empty());
                workspace.push();
            }
        }
        String plan = Plan.approvedOption(context.platform().commentsSince(issue.number(), Instant.EPOCH),
                context.request().payload().approvedOption()).orElse("");
        String body = "Closes #" + issue.number() + "\n\n"
                + (plan.isBlank() ? "" : "## Approved plan\n\n" + plan + "\n\n")
                + "Tamma opened this pull request for #" + issue.number() + " and will push the implementation here.";
        PullRequest pullRequest = context.platform().createPullRequest(
                new NewPullRequest(issue.title(), MARKER.mark(body), branch, base, true)
                        .adaptedTo(context.platform().capabilities()));
        return opened(pullRequest, "opened");
    }

    private static StepResult opened(PullRequest pullRequest, String verb) {
        return new StepResult.Succeeded(StepOutput.of(verb + " pull request #" + pullRequest.number() + " from "
                + pullRequest.head()).withPullRequest(Math.toIntExact(pullRequest.number()), pullRequest.url()));
    }
}
