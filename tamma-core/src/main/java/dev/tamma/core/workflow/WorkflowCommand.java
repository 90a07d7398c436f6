package dev.tamma.core.workflow;

import java.time.Instant;
import java.util.Objects;

/**
 * Something the orchestrator must do because of a decision. Commands are enqueued in the same
 * transaction that stores the decision's events.
 */
public sealed interface WorkflowCommand {

    /** Offer attempt {@code attempt} of {@code step} to the workers; (workflow, step, attempt) is unique. */
    record RunStep(Step step, int attempt, StepPayload payload) implements WorkflowCommand {
        public RunStep {
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(payload, "payload");
        }
    }

    /**
     * Post a Markdown comment on the issue. {@code key} names its purpose (e.g. {@code escalation});
     * the orchestrator remembers the latest comment per key so {@link UpdateComment} can edit it.
     */
    record PostComment(String key, String markdown) implements WorkflowCommand {
        public PostComment {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(markdown, "markdown");
        }
    }

    /** Edit the latest comment posted under {@code key} (post it if there is none). */
    record UpdateComment(String key, String markdown) implements WorkflowCommand {
        public UpdateComment {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(markdown, "markdown");
        }
    }

    /** Answer a person's command with a reply that mentions them. */
    record ReplyToCommand(String actor, String markdown) implements WorkflowCommand {
        public ReplyToCommand {
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(markdown, "markdown");
        }
    }

    /** Put label {@code name} on the issue. */
    record SetLabel(String name) implements WorkflowCommand {
        public SetLabel {
            Objects.requireNonNull(name, "name");
        }
    }

    /** Take label {@code name} off the issue. */
    record RemoveLabel(String name) implements WorkflowCommand {
        public RemoveLabel {
            Objects.requireNonNull(name, "name");
        }
    }

    /** Fire a {@link WorkflowInput.TimerFired} with {@code id} at {@code at}. */
    record ScheduleDeadline(String id, Instant at, DeadlineKind kind) implements WorkflowCommand {
        public ScheduleDeadline {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** The workflow no longer needs its repository: let the next issue take the lock. */
    record ReleaseRepoLock() implements WorkflowCommand {}

    /** Pick the repository's next eligible issue, per its auto-next policy. */
    record StartNextIssue() implements WorkflowCommand {}
}
