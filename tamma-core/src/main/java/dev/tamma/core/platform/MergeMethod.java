package dev.tamma.core.platform;

/** How a pull request's commits land on the base branch. */
public enum MergeMethod {
    /** A merge commit joining head and base. */
    MERGE,
    /** One commit with all of head's changes. */
    SQUASH,
    /** Head's commits replayed on base, no merge commit. */
    REBASE
}
