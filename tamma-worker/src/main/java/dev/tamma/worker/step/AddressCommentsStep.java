package dev.tamma.worker.step;

import dev.tamma.core.platform.Capability;
import dev.tamma.core.platform.Comment;
import dev.tamma.core.platform.CommentMarker;
import dev.tamma.core.platform.PullRequest;
import dev.tamma.core.platform.ReviewComment;
import dev.tamma.core.platform.Workspace;
import dev.tamma.core.workflow.StepOutput;
import dev.tamma.worker.StepResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ADDRESS_COMMENTS: every open comment gets an answer. Open are review threads whose last word is
 * not Tamma's, the unchecked must-fix items of Tamma's own review, and a person's revision request.
 * The agent fixes what it can in one commit pushed to the pull request; each thread is then answered
 * with the fix or the explanation, and resolved where the platform can.
 */
final class AddressCommentsStep implements LoopStep {

    static final CommentMarker ANSWER = new CommentMarker("answer");

    @Override
    public StepResult run(StepContext context) {
        PullRequest pullRequest = context.platform().pullRequest(context.pullRequestNumber());
        Map<String, ReviewComment> threads = openThreads(context.platform().reviewComments(pullRequest.number()));
        Optional<Comment> review = context.platform().commentsSince(pullRequest.number(), Instant.EPOCH).stream()
                .filter(c -> c.carries(ReviewStep.MARKER)).reduce((a, b) -> b);
        List<String> reviewItems = review.map(c -> c.body().lines().filter(l -> l.startsWith(ReviewStep.OPEN_ITEM))
                .map(l -> l.substring(ReviewStep.OPEN_ITEM.length())).toList()).orElse(List.of());
        String revision = context.request().payload().feedback();
        List<String> items = new ArrayList<>();
        threads.values().forEach(c -> items.add("Review comment by " + c.author() + " on `" + c.path()
                + c.line().map(l -> ":" + l).orElse("") + "`: " + c.body()));
        reviewItems.forEach(i -> items.add("Review finding: " + i));
        if (revision != null && !revision.isBlank()) {
            items.add("A reviewer asked for this change: " + revision);
        }
        if (items.isEmpty()) {
            return StepResult.succeeded("no open comments on pull request #" + pullRequest.number());
        }
        StringBuilder instructions = new StringBuilder("Pull request #").append(pullRequest.number()).append(" for issue #")
                .append(context.issueNumber()).append(" has open review comments. Fix each one that asks for a change"
                        + " that is right; leave the code as it is where the comment is mistaken. In your final summary,"
                        + " say for each numbered comment what you did or why you did not change anything.\n\n");
        for (int i = 0; i < items.size(); i++) {
            instructions.append(i + 1).append(". ").append(items.get(i)).append('\n');
        }
        CodingPhase.Outcome outcome;
        String head = null;
        try (Workspace workspace = context.checkout(pullRequest.head())) {
            outcome = CodingPhase.run(context, workspace, instructions.toString(),
                    "Address review comments on #" + pullRequest.number());
            if (outcome.commit().isPresent()) {
                head = workspace.push();
            }
        }
        String answer = head != null ? "Addressed in " + head.substring(0, 12) + ": " + outcome.summary()
                : "No change made: " + outcome.summary();
        for (ReviewComment thread : threads.values()) {
            context.platform().replyToReviewComment(pullRequest.number(), thread.id(), ANSWER.mark(answer));
            if (context.platform().capabilities().has(Capability.THREAD_RESOLUTION)) {
                context.platform().resolveThread(pullRequest.number(), thread.threadId());
            }
        }
        review.ifPresent(c -> context.platform().editComment(pullRequest.number(), c.id(),
                c.body().replace(ReviewStep.OPEN_ITEM, ReviewStep.DONE_ITEM)));
        StepOutput output = StepOutput.of("answered " + items.size() + " comment(s)"
                + (head != null ? ", pushed " + head.substring(0, 12) : ", nothing to change"));
        return new StepResult.Succeeded(head != null ? output.withHeadSha(head) : output);
    }

    /**
     * The first comment (the one replies attach to) of each unresolved thread whose last word is not
     * Tamma's answer.
     */
    private static Map<String, ReviewComment> openThreads(List<ReviewComment> comments) {
        Map<String, ReviewComment> first = new LinkedHashMap<>();
        Map<String, ReviewComment> last = new LinkedHashMap<>();
        comments.stream().sorted(Comparator.comparing(ReviewComment::createdAt)).forEach(c -> {
            first.putIfAbsent(c.threadId(), c);
            last.put(c.threadId(), c);
        });
        first.keySet().removeIf(thread -> last.get(thread).resolved() || ANSWER.isIn(last.get(thread).body()));
        return first;
    }
}
