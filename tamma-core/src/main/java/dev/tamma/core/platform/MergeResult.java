package dev.tamma.core.platform;

/** The commit on the base branch that a merge produced. */
public record MergeResult(String sha) {

    public MergeResult {
        Checks.notBlank(sha, "merge commit sha");
    }
}
