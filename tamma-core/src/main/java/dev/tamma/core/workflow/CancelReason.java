package dev.tamma.core.workflow;

/** Why a workflow was cancelled. */
public enum CancelReason {
    /** A person commented {@code /tamma stop}. */
    STOPPED,
    /** The pull request was closed without merging, outside Tamma. */
    PULL_REQUEST_CLOSED,
    /** The issue was closed outside Tamma. */
    ISSUE_CLOSED,
    /** Nobody answered an escalation before its deadline. */
    NO_RESPONSE
}
