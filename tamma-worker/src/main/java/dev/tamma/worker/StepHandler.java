package dev.tamma.worker;

/** What a worker does for one step. Safe to rerun for the same (workflow, step, attempt). */
@FunctionalInterface
public interface StepHandler {

    /** Runs the step; an interrupt means the worker is stopping and the lease will be released. */
    StepResult run(StepTask task) throws InterruptedException;
}
