package dev.tamma.core.workflow;

/** Why an attempt at a step failed; decides whether Tamma retries or asks a person at once. */
public enum FailureCause {
    /** Worth another attempt: a flaky call, a failing build or test run, a red CI. */
    TRANSIENT,
    /** Retrying cannot help (bad credentials, missing build configuration): escalate at once. */
    STRUCTURAL,
    /** The step ran past its deadline. */
    TIMEOUT,
    /** The worker holding the task stopped renewing its lease. */
    LEASE_EXPIRED
}
