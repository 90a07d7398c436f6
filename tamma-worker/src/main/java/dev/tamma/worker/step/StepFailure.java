package dev.tamma.worker.step;

import dev.tamma.core.workflow.FailureCause;

/** A step cannot go on; thrown inside handlers and turned into a failed result once, in {@link LoopSteps}. */
abstract sealed class StepFailure extends RuntimeException {

    private final String excerpt;

    StepFailure(String message, String excerpt) {
        super(message);
        this.excerpt = excerpt == null ? "" : excerpt;
    }

    abstract FailureCause cause();

    String excerpt() {
        return excerpt;
    }

    /** Another attempt may succeed. */
    static final class Transient extends StepFailure {
        Transient(String message, String excerpt) {
            super(message, excerpt);
        }

        @Override
        FailureCause cause() {
            return FailureCause.TRANSIENT;
        }
    }

    /** Only a person can fix this: a missing command, a closed issue, a setting that is wrong. */
    static final class Structural extends StepFailure {
        Structural(String message) {
            super(message, "");
        }

        @Override
        FailureCause cause() {
            return FailureCause.STRUCTURAL;
        }
    }
}
