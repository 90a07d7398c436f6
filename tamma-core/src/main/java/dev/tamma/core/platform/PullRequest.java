package dev.tamma.core.platform;

import java.util.Objects;

/** A pull request (merge request on GitLab) from {@code head} into {@code base}. */
public record PullRequest(long number, String title, String body, String head, String base, PullRequestState state,
        boolean draft, String headSha, String url) {

    public PullRequest {
        Checks.positive(number, "pull request number");
        Objects.requireNonNull(title, "title");
        body = Objects.requireNonNullElse(body, "");
        head = Checks.notBlank(head, "head branch");
        base = Checks.notBlank(base, "base branch");
        Objects.requireNonNull(state, "state");
        headSha = Objects.requireNonNullElse(headSha, "");
        url = Objects.requireNonNullElse(url, "");
    }
}
