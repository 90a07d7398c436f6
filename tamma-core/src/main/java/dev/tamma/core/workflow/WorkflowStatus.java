package dev.tamma.core.workflow;

/** Where a workflow stands, as people see it. */
public enum WorkflowStatus {
    /** A step is running or its next attempt is scheduled. */
    RUNNING,
    /** Waiting at a checkpoint or for answers to questions. */
    WAITING_FOR_HUMAN,
    /** Tamma gave up on a step and asked a person what to do. */
    ESCALATED,
    /** Merged (by Tamma or outside it). */
    DONE,
    /** Stopped by a person, by the platform (PR or issue closed) or for want of an answer. */
    CANCELLED;

    /** Terminal statuses accept no further input that changes anything. */
    public boolean isTerminal() {
        return this == DONE || this == CANCELLED;
    }
}
