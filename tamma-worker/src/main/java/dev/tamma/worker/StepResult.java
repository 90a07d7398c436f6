package dev.tamma.worker;

import dev.tamma.core.workflow.FailureCause;
import dev.tamma.core.workflow.StepOutput;

/** How a handler's run of a step ended. */
public sealed interface StepResult {

    record Succeeded(StepOutput output) implements StepResult {
    }

    /** @param outputExcerpt the tail of what the step printed, for the next attempt and for people */
    record Failed(FailureCause cause, String message, String outputExcerpt) implements StepResult {
    }

    static StepResult succeeded(String summary) {
        return new Succeeded(StepOutput.of(summary));
    }

    static StepResult failed(FailureCause cause, String message) {
        return new Failed(cause, message, "");
    }
}
