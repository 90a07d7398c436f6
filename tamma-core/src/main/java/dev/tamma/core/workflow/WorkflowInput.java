package dev.tamma.core.workflow;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to a workflow and that it must react to. Every input carries the
 * instant the orchestrator observed it: core never reads a clock.
 */
public sealed interface WorkflowInput permits WorkflowInput.StepSucceeded, WorkflowInput.StepFailed,
        WorkflowInput.HumanCommand, WorkflowInput.TimerFired, PlatformEvent {

    Instant now();

    /** A worker finished attempt {@code attempt} of {@code step}. */
    record StepSucceeded(Instant now, Step step, int attempt, StepOutput output) implements WorkflowInput {
        public StepSucceeded {
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(output, "output");
        }
    }

    /**
     * A worker (or the lease reaper) reports that attempt {@code attempt} of {@code step} failed.
     *
     * @param outputExcerpt the tail of the step's output, shown to the next attempt and to people
     */
    record StepFailed(Instant now, Step step, int attempt, FailureCause cause, String message, String outputExcerpt)
            implements WorkflowInput {
        public StepFailed {
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(cause, "cause");
            message = Objects.requireNonNullElse(message, "");
            outputExcerpt = Objects.requireNonNullElse(outputExcerpt, "");
        }
    }

    /**
     * A person's {@code /tamma} command.
     *
     * @param authorized    whether the actor may command Tamma on this repository (write access or a
     *                      configured approver); the platform adapter knows, core does not
     * @param mergeApproval whether an {@code approve merge} from this actor counts, by
     *                      {@link MergeApproval#check}; the orchestrator knows the author
     */
    record HumanCommand(Instant now, String actor, boolean authorized, UserCommand command,
            MergeApproval mergeApproval) implements WorkflowInput {
        public HumanCommand {
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(command, "command");
            mergeApproval = Objects.requireNonNullElse(mergeApproval, MergeApproval.ALLOWED);
        }

        /** A command whose actor may approve merges (or that is not a merge approval). */
        public HumanCommand(Instant now, String actor, boolean authorized, UserCommand command) {
            this(now, actor, authorized, command, MergeApproval.ALLOWED);
        }
    }

    /** The orchestrator's timer for a deadline fired; {@code deadlineId} says which one. */
    record TimerFired(Instant now, String deadlineId) implements WorkflowInput {
        public TimerFired {
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(deadlineId, "deadlineId");
        }
    }
}
