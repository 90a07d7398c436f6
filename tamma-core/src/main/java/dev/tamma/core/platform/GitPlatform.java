package dev.tamma.core.platform;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One repository on its hosting platform, as Tamma sees it. Every platform implements all of it;
 * what a platform lacks is stated in {@link #capabilities()}, and asking for it anyway fails with
 * {@link PlatformException.Kind#UNSUPPORTED}. Every other failure is a {@link PlatformException} too.
 */
public interface GitPlatform {

    /** A short name for messages: {@code github}, {@code gitlab}, {@code plain-git}, ... */
    String platformName();

    Capabilities capabilities();

    /**
     * A webhook event about this repository arrived at {@code at}. Platforms serve reads from
     * replicas that may not have caught up yet, so for a short while a 404 is retried rather than
     * believed. Platforms without that lag ignore it.
     */
    default void eventReceived(Instant at) {
    }

    RepositoryInfo repository();

    // issues

    Issue issue(long number);

    /** Open issues matching the filter, across every page the platform returns. */
    List<Issue> issues(IssueFilter filter);

    Comment comment(long issueNumber, String body);

    void editComment(long issueNumber, long commentId, String body);

    /** Comments on an issue or pull request written or edited at or after {@code since}, oldest first. */
    List<Comment> commentsSince(long issueNumber, Instant since);

    void addLabel(long issueNumber, String label);

    /** Removes the label; removing a label the issue does not carry is not an error. */
    void removeLabel(long issueNumber, String label);

    void assign(long issueNumber, String user);

    void closeIssue(long issueNumber);

    void react(long issueNumber, long commentId, Reaction reaction);

    /**
     * Reactions left on a comment at or after {@code since}, oldest first; needs
     * {@link Capability#REACTIONS}. Emoji outside {@link Reaction} are left out.
     */
    List<ReactionGiven> reactionsSince(long issueNumber, long commentId, Instant since);

    /**
     * Edits the comment carrying {@code marker}, or writes a new one: the way Tamma keeps one
     * status or plan comment up to date instead of adding one per change.
     */
    default Comment upsertComment(long issueNumber, CommentMarker marker, String body) {
        String marked = marker.mark(body);
        Optional<Comment> existing = commentsSince(issueNumber, Instant.EPOCH).stream()
                .filter(c -> c.carries(marker))
                .findFirst();
        if (existing.isPresent()) {
            Comment old = existing.get();
            editComment(issueNumber, old.id(), marked);
            return new Comment(old.id(), old.author(), marked, old.createdAt(), old.updatedAt(), old.url());
        }
        return comment(issueNumber, marked);
    }

    // pull requests

    /** Opens the pull request; callers pass {@link NewPullRequest#adaptedTo} for platforms without drafts. */
    PullRequest createPullRequest(NewPullRequest request);

    PullRequest pullRequest(long number);

    /** The open pull request from {@code headBranch}, if there is one. */
    Optional<PullRequest> findPullRequest(String headBranch);

    PullRequest updatePullRequest(long number, PullRequestUpdate update);

    /**
     * Takes a draft pull request out of draft so it can be merged. Platforms without native drafts
     * mark drafts by the {@code WIP: } title prefix, which this default removes.
     */
    default void markReady(long number) {
        PullRequest pr = pullRequest(number);
        if (pr.title().startsWith(NewPullRequest.WIP_PREFIX)) {
            updatePullRequest(number, PullRequestUpdate.title(pr.title().substring(NewPullRequest.WIP_PREFIX.length())));
        }
    }

    /** Merges; fails with CONFLICT when the branches conflict or the head moved. */
    MergeResult merge(long number, MergeMethod method);

    void closePullRequest(long number);

    /**
     * Asks the platform to merge with {@code method} once the required checks pass; needs
     * {@link Capability#AUTO_MERGE}. Without it, Tamma waits for green CI and calls {@link #merge}.
     */
    void enableAutoMerge(long number, MergeMethod method);

    // reviews

    List<ReviewComment> reviewComments(long pullRequestNumber);

    ReviewComment replyToReviewComment(long pullRequestNumber, long commentId, String body);

    /** Marks a review thread resolved; needs {@link Capability#THREAD_RESOLUTION}. */
    void resolveThread(long pullRequestNumber, String threadId);

    // the rest

    CiStatus ciStatus(String sha);

    /**
     * The end of a check's log, at most {@code maxChars} characters, where the platform exposes logs;
     * empty where it does not.
     */
    default Optional<String> checkLog(Check check, int maxChars) {
        return Optional.empty();
    }

    Permission permission(String user);

    /** The file's bytes at {@code ref} (branch, tag or sha), or empty when there is no such file. */
    Optional<byte[]> file(String path, String ref);

    /** Registers a webhook; needs {@link Capability#WEBHOOK_REGISTRATION}. Returns the platform's id for it. */
    String registerWebhook(WebhookRequest request);
}
