package dev.tamma.core.platform;

import java.util.Objects;

/** What Tamma asks for when it opens a pull request. */
public record NewPullRequest(String title, String body, String head, String base, boolean draft) {

    /** The title prefix users of platforms without native drafts expect on work in progress. */
    public static final String WIP_PREFIX = "WIP: ";

    public NewPullRequest {
        title = Checks.notBlank(title, "pull request title");
        body = Objects.requireNonNullElse(body, "");
        head = Checks.notBlank(head, "head branch");
        base = Checks.notBlank(base, "base branch");
        if (head.equals(base)) {
            throw new IllegalArgumentException("head and base branch are both '" + head + "'");
        }
    }

    /**
     * The request this platform can take: a draft stays a draft where drafts are native, and
     * becomes a ready pull request titled {@code WIP: ...} where they are not.
     */
    public NewPullRequest adaptedTo(Capabilities capabilities) {
        if (!draft || capabilities.nativeDrafts()) {
            return this;
        }
        String wipTitle = title.startsWith(WIP_PREFIX) ? title : WIP_PREFIX + title;
        return new NewPullRequest(wipTitle, body, head, base, false);
    }
}
