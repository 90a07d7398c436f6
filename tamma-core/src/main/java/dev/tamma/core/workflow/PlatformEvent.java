package dev.tamma.core.workflow;

import java.time.Instant;
import java.util.Objects;

/** Something the Git platform reported about the workflow's issue or pull request. */
public sealed interface PlatformEvent extends WorkflowInput {

    /** Checks on commit {@code sha} finished. */
    record CiFinished(Instant now, String sha, boolean success, String outputExcerpt) implements PlatformEvent {
        public CiFinished {
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(sha, "sha");
            outputExcerpt = Objects.requireNonNullElse(outputExcerpt, "");
        }
    }

    /** The verdict a reviewer gave on the pull request. */
    enum ReviewVerdict { APPROVED, CHANGES_REQUESTED, COMMENTED }

    /** A person submitted a review. {@code authorized}: the reviewer has write access. */
    record ReviewSubmitted(Instant now, String reviewer, boolean authorized, ReviewVerdict verdict, String body)
            implements PlatformEvent {
        public ReviewSubmitted {
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(reviewer, "reviewer");
            Objects.requireNonNull(verdict, "verdict");
            body = Objects.requireNonNullElse(body, "");
        }
    }

    /** A person commented on the pull request's code (not a {@code /tamma} command). */
    record ReviewCommented(Instant now, String author, boolean authorized, String path, String body)
            implements PlatformEvent {
        public ReviewCommented {
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(author, "author");
            path = Objects.requireNonNullElse(path, "");
            body = Objects.requireNonNullElse(body, "");
        }
    }

    /** The pull request was closed; {@code merged} when it was merged. */
    record PullRequestClosed(Instant now, boolean merged, String actor) implements PlatformEvent {
        public PullRequestClosed {
            Objects.requireNonNull(now, "now");
            actor = Objects.requireNonNullElse(actor, "");
        }
    }

    /** The issue was closed. */
    record IssueClosed(Instant now, String actor) implements PlatformEvent {
        public IssueClosed {
            Objects.requireNonNull(now, "now");
            actor = Objects.requireNonNullElse(actor, "");
        }
    }

    /** The pull request's base branch got new commits. */
    record BaseBranchMoved(Instant now, String sha) implements PlatformEvent {
        public BaseBranchMoved {
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(sha, "sha");
        }
    }
}
