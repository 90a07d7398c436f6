package dev.tamma.core.platform;

import java.util.Objects;

/** What Tamma needs to know about a repository before working in it. */
public record RepositoryInfo(RepositoryId id, String defaultBranch, String cloneUrl, String webUrl) {

    public RepositoryInfo {
        Objects.requireNonNull(id, "id");
        defaultBranch = Checks.notBlank(defaultBranch, "default branch");
        cloneUrl = Checks.notBlank(cloneUrl, "clone URL");
        webUrl = Objects.requireNonNullElse(webUrl, "");
    }
}
