package dev.tamma.worker.step;

import dev.tamma.worker.StepResult;

/** What one step of the loop does, given its context. Safe to rerun for the same (workflow, step, attempt). */
@FunctionalInterface
interface LoopStep {

    StepResult run(StepContext context) throws InterruptedException;
}
