package dev.tamma.core.platform;

/** A feature some platforms lack; see {@link Capabilities}. */
public enum Capability {
    NATIVE_DRAFTS,
    AUTO_MERGE,
    THREAD_RESOLUTION,
    REVIEW_REPLIES,
    REACTIONS,
    LABELS,
    ASSIGNEES,
    WEBHOOK_REGISTRATION,
    CHECK_RUNS
}
