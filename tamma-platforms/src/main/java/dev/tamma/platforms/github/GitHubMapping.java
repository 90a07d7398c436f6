package dev.tamma.platforms.github;

import dev.tamma.core.platform.Check;
import dev.tamma.core.platform.CiState;
import dev.tamma.core.platform.Comment;
import dev.tamma.core.platform.Issue;
import dev.tamma.core.platform.MergeMethod;
import dev.tamma.core.platform.Permission;
import dev.tamma.core.platform.PullRequest;
import dev.tamma.core.platform.PullRequestState;
import dev.tamma.core.platform.Reaction;
import dev.tamma.core.platform.ReactionGiven;
import dev.tamma.core.platform.ReviewComment;
import dev.tamma.core.platform.WebhookRequest.WebhookEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.kohsuke.github.GHCheckRun;
import org.kohsuke.github.GHCommitStatus;
import org.kohsuke.github.GHEvent;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHLabel;
import org.kohsuke.github.GHPermissionType;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHPullRequestReviewComment;
import org.kohsuke.github.GHReaction;
import org.kohsuke.github.GHUser;
import org.kohsuke.github.ReactionContent;

/** kohsuke's objects as the port's records, and back. */
final class GitHubMapping {

    static Issue issue(GHIssue issue) throws IOException {
        return new Issue(issue.getNumber(), issue.getTitle(), issue.getBody(), issue.getState() == GHIssueState.OPEN,
                issue.getLabels().stream().map(GHLabel::getName).toList(),
                issue.getAssignees().stream().map(GHUser::getLogin).toList(),
                issue.getUser() == null ? "" : issue.getUser().getLogin(), String.valueOf(issue.getHtmlUrl()));
    }

    static Comment comment(GHIssueComment c) throws IOException {
        return new Comment(c.getId(), c.getUserName(), c.getBody(), instant(c.getCreatedAt()), instant(c.getUpdatedAt()),
                String.valueOf(c.getHtmlUrl()));
    }

    static PullRequest pullRequest(GHPullRequest pr) throws IOException {
        PullRequestState state = pr.getState() == GHIssueState.OPEN ? PullRequestState.OPEN
                : pr.getMergedAt() != null ? PullRequestState.MERGED : PullRequestState.CLOSED;
        return new PullRequest(pr.getNumber(), pr.getTitle(), pr.getBody(), pr.getHead().getRef(), pr.getBase().getRef(),
                state, pr.isDraft(), pr.getHead().getSha(), String.valueOf(pr.getHtmlUrl()));
    }

    static ReviewComment reviewComment(GHPullRequestReviewComment c) throws IOException {
        long thread = c.getInReplyToId() > 0 ? c.getInReplyToId() : c.getId();
        int line = c.getLine() > 0 ? c.getLine() : c.getOriginalLine();
        return new ReviewComment(c.getId(), Long.toString(thread), c.getUser().getLogin(), c.getBody(), c.getPath(),
                line > 0 ? Optional.of(line) : Optional.empty(), instant(c.getCreatedAt()), false);
    }

    static Check check(GHCheckRun run) {
        CiState state;
        if (run.getStatus() != GHCheckRun.Status.COMPLETED) {
            state = CiState.PENDING;
        } else {
            state = switch (run.getConclusion()) {
                case SUCCESS, NEUTRAL, SKIPPED -> CiState.SUCCESS;
                default -> CiState.FAILURE;
            };
        }
        String url = run.getHtmlUrl() != null ? run.getHtmlUrl().toString()
                : run.getDetailsUrl() != null ? run.getDetailsUrl().toString() : "";
        // an Actions job's check run has the job's id, which is how its log is found
        return new Check(run.getName(), state, url, Long.toString(run.getId()));
    }

    static Check check(GHCommitStatus status) {
        CiState state = switch (status.getState()) {
            case SUCCESS -> CiState.SUCCESS;
            case PENDING -> CiState.PENDING;
            case ERROR, FAILURE -> CiState.FAILURE;
        };
        return new Check(status.getContext(), state, status.getTargetUrl());
    }

    static Permission permission(GHPermissionType type) {
        return switch (type) {
            case ADMIN -> Permission.ADMIN;
            case WRITE -> Permission.WRITE;
            case READ -> Permission.READ;
            case NONE -> Permission.NONE;
            case UNKNOWN -> Permission.READ;
        };
    }

    static ReactionContent reaction(Reaction reaction) {
        return switch (reaction) {
            case THUMBS_UP -> ReactionContent.PLUS_ONE;
            case THUMBS_DOWN -> ReactionContent.MINUS_ONE;
            case LAUGH -> ReactionContent.LAUGH;
            case CONFUSED -> ReactionContent.CONFUSED;
            case HEART -> ReactionContent.HEART;
            case HOORAY -> ReactionContent.HOORAY;
            case ROCKET -> ReactionContent.ROCKET;
            case EYES -> ReactionContent.EYES;
        };
    }

    static Optional<ReactionGiven> reaction(GHReaction r) throws IOException {
        Optional<Reaction> reaction = switch (r.getContent()) {
            case PLUS_ONE -> Optional.of(Reaction.THUMBS_UP);
            case MINUS_ONE -> Optional.of(Reaction.THUMBS_DOWN);
            case LAUGH -> Optional.of(Reaction.LAUGH);
            case CONFUSED -> Optional.of(Reaction.CONFUSED);
            case HEART -> Optional.of(Reaction.HEART);
            case HOORAY -> Optional.of(Reaction.HOORAY);
            case ROCKET -> Optional.of(Reaction.ROCKET);
            case EYES -> Optional.of(Reaction.EYES);
            default -> Optional.empty();
        };
        if (reaction.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ReactionGiven(r.getUser().getLogin(), reaction.get(), instant(r.getCreatedAt())));
    }

    static GHPullRequest.MergeMethod mergeMethod(MergeMethod method) {
        return switch (method) {
            case MERGE -> GHPullRequest.MergeMethod.MERGE;
            case SQUASH -> GHPullRequest.MergeMethod.SQUASH;
            case REBASE -> GHPullRequest.MergeMethod.REBASE;
        };
    }

    static List<GHEvent> events(Set<WebhookEvent> events) {
        EnumSet<GHEvent> out = EnumSet.noneOf(GHEvent.class);
        for (WebhookEvent e : events) {
            switch (e) {
                case ISSUES -> out.add(GHEvent.ISSUES);
                case ISSUE_COMMENTS -> out.add(GHEvent.ISSUE_COMMENT);
                case PULL_REQUESTS -> out.add(GHEvent.PULL_REQUEST);
                case PULL_REQUEST_REVIEWS -> {
                    out.add(GHEvent.PULL_REQUEST_REVIEW);
                    out.add(GHEvent.PULL_REQUEST_REVIEW_COMMENT);
                }
                case PUSHES -> out.add(GHEvent.PUSH);
                case CHECKS -> {
                    out.add(GHEvent.CHECK_RUN);
                    out.add(GHEvent.STATUS);
                }
            }
        }
        return List.copyOf(out);
    }

    private static Instant instant(Date date) {
        return date == null ? Instant.EPOCH : date.toInstant();
    }

    private GitHubMapping() {
    }
}
