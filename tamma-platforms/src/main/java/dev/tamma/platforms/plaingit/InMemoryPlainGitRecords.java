package dev.tamma.platforms.plaingit;

import dev.tamma.core.platform.Comment;
import dev.tamma.core.platform.Issue;
import dev.tamma.core.platform.PullRequest;
import dev.tamma.core.platform.ReactionGiven;
import dev.tamma.core.platform.ReviewComment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/** {@link PlainGitRecords} in memory, for tests. Lost when the process ends. */
public final class InMemoryPlainGitRecords implements PlainGitRecords {

    private final AtomicLong numbers = new AtomicLong();
    private final AtomicLong commentIds = new AtomicLong(1000);
    private final Map<Long, Issue> issues = new LinkedHashMap<>();
    private final Map<Long, PullRequest> pullRequests = new LinkedHashMap<>();
    private final Map<Long, Map<Long, Comment>> comments = new LinkedHashMap<>();
    private final Map<Long, List<ReactionGiven>> reactions = new LinkedHashMap<>();
    private final Map<Long, Map<Long, ReviewComment>> reviewComments = new LinkedHashMap<>();

    @Override
    public long nextNumber() {
        return numbers.incrementAndGet();
    }

    @Override
    public long nextCommentId() {
        return commentIds.incrementAndGet();
    }

    @Override
    public synchronized Optional<Issue> issue(long number) {
        return Optional.ofNullable(issues.get(number));
    }

    @Override
    public synchronized List<Issue> issues() {
        return List.copyOf(issues.values());
    }

    @Override
    public synchronized void saveIssue(Issue issue) {
        issues.put(issue.number(), issue);
        numbers.accumulateAndGet(issue.number(), Math::max);
    }

    @Override
    public synchronized Optional<Issue> updateIssue(long number, UnaryOperator<Issue> change) {
        return issue(number).map(change).map(changed -> {
            saveIssue(changed);
            return changed;
        });
    }

    @Override
    public synchronized List<Comment> comments(long issueOrPullRequest) {
        return comments.getOrDefault(issueOrPullRequest, Map.of()).values().stream()
                .sorted(Comparator.comparing(Comment::createdAt).thenComparing(Comment::id)).toList();
    }

    @Override
    public synchronized void saveComment(long issueOrPullRequest, Comment comment) {
        comments.computeIfAbsent(issueOrPullRequest, k -> new LinkedHashMap<>()).put(comment.id(), comment);
        commentIds.accumulateAndGet(comment.id(), Math::max);
    }

    @Override
    public synchronized void saveReaction(long commentId, ReactionGiven reaction) {
        reactions.computeIfAbsent(commentId, k -> new ArrayList<>()).add(reaction);
    }

    @Override
    public synchronized List<ReactionGiven> reactions(long commentId) {
        return List.copyOf(reactions.getOrDefault(commentId, List.of()));
    }

    @Override
    public synchronized Optional<PullRequest> pullRequest(long number) {
        return Optional.ofNullable(pullRequests.get(number));
    }

    @Override
    public synchronized List<PullRequest> pullRequests() {
        return List.copyOf(pullRequests.values());
    }

    @Override
    public synchronized void savePullRequest(PullRequest pullRequest) {
        pullRequests.put(pullRequest.number(), pullRequest);
        numbers.accumulateAndGet(pullRequest.number(), Math::max);
    }

    @Override
    public synchronized Optional<PullRequest> updatePullRequest(long number, UnaryOperator<PullRequest> change) {
        return pullRequest(number).map(change).map(changed -> {
            savePullRequest(changed);
            return changed;
        });
    }

    @Override
    public synchronized List<ReviewComment> reviewComments(long pullRequest) {
        return List.copyOf(reviewComments.getOrDefault(pullRequest, Map.of()).values());
    }

    @Override
    public synchronized void saveReviewComment(long pullRequest, ReviewComment comment) {
        reviewComments.computeIfAbsent(pullRequest, k -> new LinkedHashMap<>()).put(comment.id(), comment);
        commentIds.accumulateAndGet(comment.id(), Math::max);
    }
}
