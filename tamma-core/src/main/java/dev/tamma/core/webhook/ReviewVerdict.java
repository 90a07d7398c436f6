package dev.tamma.core.webhook;

/** What a reviewer said about a pull request as a whole. */
public enum ReviewVerdict {
    APPROVED,
    CHANGES_REQUESTED,
    COMMENTED
}
