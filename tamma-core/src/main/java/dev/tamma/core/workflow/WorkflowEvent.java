package dev.tamma.core.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fact recorded in a workflow's stream. The state is the fold of these over
 * {@link WorkflowState#empty()}. Events hold only plain values so they serialize as they are;
 * each type has a stable {@code TYPE} name and a {@code VERSION} that upcasters key on.
 */
public sealed interface WorkflowEvent {

    /** The stable name stored with the event. */
    String type();

    /** The payload's schema version; starts at 1 and grows when a record's fields change. */
    int schemaVersion();

    Instant occurredAt();

    /** Every event type by its stored name, for the orchestrator's deserializer. */
    static Map<String, Class<? extends WorkflowEvent>> types() {
        return Map.ofEntries(
                Map.entry(WorkflowStarted.TYPE, WorkflowStarted.class),
                Map.entry(StepStarted.TYPE, StepStarted.class),
                Map.entry(StepCompleted.TYPE, StepCompleted.class),
                Map.entry(AttemptFailed.TYPE, AttemptFailed.class),
                Map.entry(DeadlineScheduled.TYPE, DeadlineScheduled.class),
                Map.entry(HumanWaitStarted.TYPE, HumanWaitStarted.class),
                Map.entry(ReminderSent.TYPE, ReminderSent.class),
                Map.entry(CheckpointPassed.TYPE, CheckpointPassed.class),
                Map.entry(RevisionRequested.TYPE, RevisionRequested.class),
                Map.entry(QuestionsAnswered.TYPE, QuestionsAnswered.class),
                Map.entry(RetryRequested.TYPE, RetryRequested.class),
                Map.entry(ReviewFeedbackReceived.TYPE, ReviewFeedbackReceived.class),
                Map.entry(BaseBranchMoved.TYPE, BaseBranchMoved.class),
                Map.entry(WorkflowEscalated.TYPE, WorkflowEscalated.class),
                Map.entry(WorkflowCompleted.TYPE, WorkflowCompleted.class),
                Map.entry(WorkflowCancelled.TYPE, WorkflowCancelled.class));
    }

    /** Tamma took on an issue with these settings. */
    record WorkflowStarted(Instant occurredAt, String workflowId, String issue, WorkflowConfig config)
            implements WorkflowEvent {
        public static final String TYPE = "workflow.started";
        public static final int VERSION = 1;

        public WorkflowStarted {
            Objects.requireNonNull(occurredAt, "occurredAt");
            Objects.requireNonNull(workflowId, "workflowId");
            Objects.requireNonNull(issue, "issue");
            Objects.requireNonNull(config, "config");
        }

        @Override public String type() { return TYPE; }
        @Override public int schemaVersion() { return VERSION; }
    }

    /** Attempt {@code attempt} of {@code step} was handed to the workers. */
    record StepStarted(Instant occurredAt, Step step, int attempt, StepPayload payload) implements WorkflowEvent {
        public static final String TYPE = "step.started";
        public static final int VERSION = 1;

        @Override public String type() { return TYPE; }
        @Override public int schemaVersion() { return VERSION; }
    }

    /** Attempt {@code attempt} of {@code step} succeeded. */
    record StepCompleted(Instant occurredAt, Step step, int attempt, StepOutput output) implements WorkflowEvent {
        public static final String TYPE = "step.completed";
        public static final int VERSION = 1;

        @Override public String type() { return TYPE; }
        @Override public int schemaVersion() { return VERSION; }
    }

    /**
     * Attempt {@code attempt} of {@code step} failed. {@code countedAgainst} is the step whose
     * budget it uses: usually {@code step}, but a red CI seen during a later step counts against
     * CI_CHECKS.
     */
    record AttemptFailed(Instant occurredAt, Step step, int attempt, FailureCause cause, String message,
                         String outputExcerpt, Step countedAgainst) implements WorkflowEvent {
        public static final String TYPE = "step.failed";
        public static final int VERSION = 1;

        @Override public String type() { return TYPE; }
        @Override public int schemaVersion() { return VERSION; }
    }

    /** The workflow's one live deadline is now {@code deadline}; any earlier one is stale. */
    record DeadlineScheduled(Instant occurredAt, Deadline deadline) implements WorkflowEvent {
        public static final String TYPE = "deadline.scheduled";
        public static final int VERSION = 1;

        @Override public String type() { return TYPE; }
        @Override public int schemaVersion() { return VERSION; }
    }

    /** The workflow waits at {@code step} for a person until {@code timeoutAt}. */
    record HumanWaitStarted(Instant occurredAt, Step step, HumanWait waitingFor, Instant timeoutAt) implements WorkflowEvent {
        public static final String TYPE = "human-wait.started";
        public static final int VERSION = 1;

        @Override public String type() { return TYPE; }
        @Override public int schemaVersion() { return VERSION; }
    }

    /** The single reminder for the current wait was posted. */
    record ReminderSent(Instant occurredAt, HumanWait waitingFor) implements WorkflowEvent {
        public static final String TYPE = "human-wait.reminded";
        public static final int VERSION = 1;

        @Override public String type() { return TYPE; }
        @Override public int schemaVersion() { return VERSION; }
    }

    /**
     * A checkpoint passed: approved by {@code actor}, or passed on its own ({@code automatic},
     * dev mode and nothing risky; then {@code actor} is {@code "tamma"}).
     */
    record CheckpointPassed(Instant occurredAt, HumanWait checkpoint, String actor, Integer approvedOption,
                            boolean automatic) implements WorkflowEvent {
        public static final String TYPE = "checkpoint.passed";
        public static final int VERSION = 1;

        @Override public String type() { return TYPE; }
        @Override public int schemaVersion() { return VERSION; }
    }

    /** A person asked for changes at a checkpoint. */
    record RevisionRequested(Instant occurredAt, HumanWait checkpoint, String actor, String text)
            implements WorkflowEvent {
        public static final String TYPE = "checkpoint.revision-requested";
        public static final int VERSION = 1;

        @Override public String type() { return TYPE; }
        @Override public int schemaVersion() { return VERSION; }
    }

    /** A person answered ANALYZE's questions. */
    record QuestionsAnswered(Instant occurredAt, String actor, String text) implements WorkflowEvent {
        public static final String TYPE = "questions.answered";
        public static final int VERSION = 1;

        @Override public String type() { return TYPE; }
        @Override public int schemaVersion() { return VERSION; }
    }

    /** A person asked to retry from {@code from}; the failures of {@code resetSteps} start again at zero. */
    record RetryRequested(Instant occurredAt, String actor, Step from, List<Step> resetSteps) implements WorkflowEvent {
        public static final String TYPE = "retry.requested";
        public static final int VERSION = 1;

        public RetryRequested {
            resetSteps = List.copyOf(resetSteps);
        }

        @Override public String type() { return TYPE; }
        @Override public int schemaVersion() { return VERSION; }
    }

    /** A person reviewed or commented on the pull request; ADDRESS_COMMENTS will answer it. */
    record ReviewFeedbackReceived(Instant occurredAt, String author, String body) implements WorkflowEvent {
        public static final String TYPE = "review.feedback-received";
        public static final int VERSION = 1;

        @Override public String type() { return TYPE; }
        @Override public int schemaVersion() { return VERSION; }
    }

    /** The base branch moved to {@code sha}; MERGE brings the branch up to date when it runs. */
    record BaseBranchMoved(Instant occurredAt, String sha) implements WorkflowEvent {
        public static final String TYPE = "base-branch.moved";
        public static final int VERSION = 1;

        @Override public String type() { return TYPE; }
        @Override public int schemaVersion() { return VERSION; }
    }

    /** Tamma asked a person for help; the workflow waits for them until {@code timeoutAt}. */
    record WorkflowEscalated(Instant occurredAt, Escalation escalation, Instant timeoutAt) implements WorkflowEvent {
        public static final String TYPE = "workflow.escalated";
        public static final int VERSION = 1;

        @Override public String type() { return TYPE; }
        @Override public int schemaVersion() { return VERSION; }
    }

    /** The pull request was merged, by Tamma's MERGE step ({@code byTamma}) or by someone else. */
    record WorkflowCompleted(Instant occurredAt, boolean byTamma, String actor) implements WorkflowEvent {
        public static final String TYPE = "workflow.completed";
        public static final int VERSION = 1;

        @Override public String type() { return TYPE; }
        @Override public int schemaVersion() { return VERSION; }
    }

    /** The workflow stopped for good without merging. */
    record WorkflowCancelled(Instant occurredAt, CancelReason reason, String actor) implements WorkflowEvent {
        public static final String TYPE = "workflow.cancelled";
        public static final int VERSION = 1;

        @Override public String type() { return TYPE; }
        @Override public int schemaVersion() { return VERSION; }
    }
}
