package dev.tamma.core.webhook;

/** How a finished check, status or pipeline ended. Running and queued ones are not events. */
public enum CiStatus {
    SUCCESS,
    FAILURE,
    CANCELLED,
    /** Neutral or skipped: finished without a verdict. */
    NEUTRAL;

    public boolean isSuccess() {
        return this == SUCCESS;
    }
}
