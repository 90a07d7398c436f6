package dev.tamma.core.workflow;

/** How much a workflow waits for people. */
public enum Mode {
    /** Passes the design and merge checkpoints on its own unless the change is risky. */
    DEV,
    /** Always waits for an authorized approval at both checkpoints. */
    BUSINESS
}
