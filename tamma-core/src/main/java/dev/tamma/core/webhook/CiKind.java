package dev.tamma.core.webhook;

/** Which platform mechanism reported a CI result. */
public enum CiKind {
    CHECK_SUITE,
    CHECK_RUN,
    COMMIT_STATUS,
    PIPELINE
}
