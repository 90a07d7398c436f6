package dev.tamma.core.webhook;

import java.util.List;
import java.util.Objects;

/**
 * Something a Git platform reported through a webhook, in the same shape whichever platform sent
 * it. Every event carries its {@link Delivery} (platform, delivery id, repository, actor). Issue and
 * pull request numbers are the ones people see ({@code #12}, {@code !12}); {@code labels} and
 * {@code assignees} are the state after the change.
 */
public sealed interface WebhookEvent {

    Delivery delivery();

    default String repository() {
        return delivery().repository();
    }

    default Actor actor() {
        return delivery().actor();
    }

    /** True for a pull request whose head lives in another repository (a fork); its code is not trusted. */
    default boolean fromFork() {
        return false;
    }

    /**
     * An issue was assigned. {@code assignee} is the account just assigned, or empty when the
     * platform reports only the resulting {@code assignees} (Gitea, Forgejo, Azure DevOps).
     */
    record IssueAssigned(Delivery delivery, long issueNumber, String assignee, List<String> assignees,
            List<String> labels) implements WebhookEvent {
        public IssueAssigned {
            Objects.requireNonNull(delivery, "delivery");
            positive(issueNumber);
            assignee = Objects.requireNonNullElse(assignee, "");
            assignees = copy(assignees);
            labels = copy(labels);
        }

        /** True when {@code login} is among the issue's assignees after this change. */
        public boolean isAssignedTo(String login) {
            return assignee.equalsIgnoreCase(login) || assignees.stream().anyMatch(a -> a.equalsIgnoreCase(login));
        }
    }

    /**
     * A label was added to an issue. {@code label} is the one added, or empty when the platform
     * reports only the resulting set (Gitea and Forgejo send {@code label_updated} without naming
     * the label); {@code labels} is that set.
     */
    record IssueLabeled(Delivery delivery, long issueNumber, String label, List<String> labels)
            implements WebhookEvent {
        public IssueLabeled {
            Objects.requireNonNull(delivery, "delivery");
            positive(issueNumber);
            label = Objects.requireNonNullElse(label, "");
            labels = copy(labels);
        }

        /**
         * True when this change may have added {@code name}: it is the named label, or the platform
         * did not name one and the label is now on the issue.
         */
        public boolean mayHaveAdded(String name) {
            return label.isEmpty() ? labels.stream().anyMatch(l -> l.equalsIgnoreCase(name)) : label.equalsIgnoreCase(name);
        }
    }

    /** A label was removed from an issue; {@code label} empty when the platform does not name it. */
    record IssueUnlabeled(Delivery delivery, long issueNumber, String label, List<String> labels)
            implements WebhookEvent {
        public IssueUnlabeled {
            Objects.requireNonNull(delivery, "delivery");
            positive(issueNumber);
            label = Objects.requireNonNullElse(label, "");
            labels = copy(labels);
        }
    }

    /** An issue was closed (on Bitbucket and Azure DevOps: moved to a closed or done state). */
    record IssueClosed(Delivery delivery, long issueNumber) implements WebhookEvent {
        public IssueClosed {
            Objects.requireNonNull(delivery, "delivery");
            positive(issueNumber);
        }
    }

    /**
     * A new comment on an issue or on a pull request's conversation (edits are not events).
     * {@code number} is the issue's or the pull request's; {@code commentId} lets the orchestrator
     * react to the comment; {@code author} is who wrote it, with the platform's bot flag.
     */
    record IssueCommentCreated(Delivery delivery, long number, boolean onPullRequest, String commentId,
            String body, Actor author) implements WebhookEvent {
        public IssueCommentCreated {
            Objects.requireNonNull(delivery, "delivery");
            positive(number);
            commentId = Objects.requireNonNullElse(commentId, "");
            body = Objects.requireNonNullElse(body, "");
            author = Objects.requireNonNullElse(author, Actor.UNKNOWN);
        }
    }

    /**
     * A pull request was opened. {@code fromFork}: its head lives in another repository, so its
     * code is not trusted to start work unless configured.
     */
    record PullRequestOpened(Delivery delivery, long number, String headSha, String headBranch, String baseBranch,
            boolean fromFork, Actor author) implements WebhookEvent {
        public PullRequestOpened {
            Objects.requireNonNull(delivery, "delivery");
            positive(number);
            headSha = Objects.requireNonNullElse(headSha, "");
            headBranch = Objects.requireNonNullElse(headBranch, "");
            baseBranch = Objects.requireNonNullElse(baseBranch, "");
            author = Objects.requireNonNullElse(author, Actor.UNKNOWN);
        }
    }

    /** A pull request was closed without being merged (declined, abandoned). */
    record PullRequestClosed(Delivery delivery, long number, String headSha) implements WebhookEvent {
        public PullRequestClosed {
            Objects.requireNonNull(delivery, "delivery");
            positive(number);
            headSha = Objects.requireNonNullElse(headSha, "");
        }
    }

    /** A pull request was merged; {@code mergeSha} empty when the platform does not say. */
    record PullRequestMerged(Delivery delivery, long number, String headSha, String mergeSha) implements WebhookEvent {
        public PullRequestMerged {
            Objects.requireNonNull(delivery, "delivery");
            positive(number);
            headSha = Objects.requireNonNullElse(headSha, "");
            mergeSha = Objects.requireNonNullElse(mergeSha, "");
        }
    }

    /**
     * A pull request's head moved to {@code headSha}. Bitbucket and Azure DevOps send one
     * "updated" event for any change, so there the head may be unchanged: compare with the known head.
     */
    record PullRequestSynchronized(Delivery delivery, long number, String headSha, boolean fromFork)
            implements WebhookEvent {
        public PullRequestSynchronized {
            Objects.requireNonNull(delivery, "delivery");
            positive(number);
            headSha = Objects.requireNonNullElse(headSha, "");
        }
    }

    /** A reviewer submitted a review of the whole pull request. */
    record ReviewSubmitted(Delivery delivery, long number, ReviewVerdict verdict, String body, Actor reviewer)
            implements WebhookEvent {
        public ReviewSubmitted {
            Objects.requireNonNull(delivery, "delivery");
            positive(number);
            Objects.requireNonNull(verdict, "verdict");
            body = Objects.requireNonNullElse(body, "");
            reviewer = Objects.requireNonNullElse(reviewer, Actor.UNKNOWN);
        }
    }

    /** A new comment on a line of a pull request's diff; {@code path} is the file. */
    record ReviewCommentCreated(Delivery delivery, long number, String commentId, String path, String body,
            Actor author) implements WebhookEvent {
        public ReviewCommentCreated {
            Objects.requireNonNull(delivery, "delivery");
            positive(number);
            commentId = Objects.requireNonNullElse(commentId, "");
            path = Objects.requireNonNullElse(path, "");
            body = Objects.requireNonNullElse(body, "");
            author = Objects.requireNonNullElse(author, Actor.UNKNOWN);
        }
    }

    /**
     * A check suite, check run, commit status or pipeline on commit {@code sha} finished.
     * {@code name} is the check's, status context's or pipeline's name; {@code url} where to read it.
     */
    record CiFinished(Delivery delivery, CiKind kind, String sha, CiStatus status, String name, String url)
            implements WebhookEvent {
        public CiFinished {
            Objects.requireNonNull(delivery, "delivery");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(sha, "sha");
            if (sha.isBlank()) {
                throw new IllegalArgumentException("sha is blank");
            }
            Objects.requireNonNull(status, "status");
            name = Objects.requireNonNullElse(name, "");
            url = Objects.requireNonNullElse(url, "");
        }
    }

    /**
     * Commits were pushed: {@code ref} ({@code refs/heads/main}) moved from {@code before} to
     * {@code after}. A deleted branch has an all-zero or empty {@code after}.
     */
    record Push(Delivery delivery, String ref, String before, String after) implements WebhookEvent {
        public Push {
            Objects.requireNonNull(delivery, "delivery");
            Objects.requireNonNull(ref, "ref");
            before = Objects.requireNonNullElse(before, "");
            after = Objects.requireNonNullElse(after, "");
        }

        /** True when the push deleted the ref. */
        public boolean deletesRef() {
            return after.isEmpty() || after.chars().allMatch(c -> c == '0');
        }
    }

    private static void positive(long number) {
        if (number <= 0) {
            throw new IllegalArgumentException("issue or pull request number must be positive, was " + number);
        }
    }

    private static List<String> copy(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
