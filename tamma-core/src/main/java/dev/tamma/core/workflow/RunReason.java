package dev.tamma.core.workflow;

/** Why a step is being run, so the worker knows what the feedback in its payload means. */
public enum RunReason {
    /** The workflow reached this step in its normal order. */
    NEXT_STEP,
    /** The previous attempt failed and its backoff is over. */
    RETRY,
    /** BUILD failed; the feedback is the build output. */
    BUILD_FAILED,
    /** TEST failed; the feedback is the test output. */
    TEST_FAILED,
    /** CI was red; the feedback is the CI output. */
    CI_FAILED,
    /** A person answered ANALYZE's questions; the feedback is the answer. */
    QUESTIONS_ANSWERED,
    /** A person asked for changes; the feedback is their text. */
    REVISION_REQUESTED,
    /** A person reviewed the pull request; the feedback is the latest review text. */
    REVIEW_FEEDBACK,
    /** A person asked to retry after an escalation. */
    RETRY_REQUESTED
}
