package dev.tamma.core.workflow;

/** What happens when a deadline is reached. */
public enum DeadlineKind {
    /** The running attempt took too long: it counts as a TIMEOUT failure. */
    STEP_TIMEOUT,
    /** The backoff before the next attempt is over: run it. */
    RETRY_BACKOFF,
    /** A person has not answered yet: remind them once. */
    HUMAN_REMINDER,
    /** A person never answered: escalate (or, if already escalated, cancel). */
    HUMAN_TIMEOUT
}
