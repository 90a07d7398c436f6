package dev.tamma.platforms.plaingit;

import dev.tamma.core.platform.Comment;
import dev.tamma.core.platform.Issue;
import dev.tamma.core.platform.PullRequest;
import dev.tamma.core.platform.ReactionGiven;
import dev.tamma.core.platform.ReviewComment;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where Plain Git keeps the issues, pull requests, comments and reviews that a bare repository has
 * no place for. Tamma itself is the tracker here: {@link InMemoryPlainGitRecords} serves the tests;
 * the orchestrator backs this interface with its database, so these records survive restarts
 * there. One instance holds one repository's records. Implementations must be safe for concurrent
 * use: the {@code update} methods change a record atomically, so two label changes never lose one.
 */
public interface PlainGitRecords {

    /** The next number for an issue or pull request; they share one sequence, as on GitHub. */
    long nextNumber();

    /** The next id for a comment or review comment. */
    long nextCommentId();

    Optional<Issue> issue(long number);

    List<Issue> issues();

    void saveIssue(Issue issue);

    /** Applies {@code change} to the issue atomically; empty when there is no such issue. */
    Optional<Issue> updateIssue(long number, UnaryOperator<Issue> change);

    List<Comment> comments(long issueOrPullRequest);

    void saveComment(long issueOrPullRequest, Comment comment);

    void saveReaction(long commentId, ReactionGiven reaction);

    List<ReactionGiven> reactions(long commentId);

    Optional<PullRequest> pullRequest(long number);

    List<PullRequest> pullRequests();

    void savePullRequest(PullRequest pullRequest);

    /** Applies {@code change} to the pull request atomically; empty when there is no such pull request. */
    Optional<PullRequest> updatePullRequest(long number, UnaryOperator<PullRequest> change);

    List<ReviewComment> reviewComments(long pullRequest);

    void saveReviewComment(long pullRequest, ReviewComment comment);
}
