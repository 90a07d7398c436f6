package dev.tamma.worker;

import dev.tamma.core.workflow.Step;
import dev.tamma.platforms.PlatformAddress;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A leased step: what to run, for which workflow, until when the lease holds, the credentials the
 * orchestrator handed out for it (renewed by its heartbeats, never printed), what the workflow had
 * spent on AI calls when it was leased, and where the repository's platform is.
 *
 * @param payload  the step's payload as JSON, as the workflow asked for it
 * @param platform    the repository's platform as the orchestrator has it configured; empty when it has
 *                    none for the repository
 * @param traceparent the lease's trace context (W3C), which the step's span continues; null when the
 *                    orchestrator traces nothing
 */
public record StepTask(UUID leaseId, String workflowId, String repository, Step step, int attempt, String payload,
        Instant expiresAt, StepCredentials credentials, AiSpend aiSpend, Optional<PlatformAddress> platform,
        String traceparent) {

    /**
     * AI spend by the event log, in dollars.
     *
     * @param stepUsd this step's, over all its attempts
     */
    public record AiSpend(BigDecimal workflowUsd, BigDecimal stepUsd) {
        public static final AiSpend NONE = new AiSpend(BigDecimal.ZERO, BigDecimal.ZERO);

        public AiSpend {
            Objects.requireNonNull(workflowUsd, "workflowUsd");
            Objects.requireNonNull(stepUsd, "stepUsd");
        }
    }

    public StepTask {
        credentials = Objects.requireNonNullElseGet(credentials, () -> new StepCredentials(Map.of()));
        aiSpend = Objects.requireNonNullElse(aiSpend, AiSpend.NONE);
        platform = platform == null ? Optional.empty() : platform;
    }

    /** A task whose lease carries no trace. */
    public StepTask(UUID leaseId, String workflowId, String repository, Step step, int attempt, String payload,
            Instant expiresAt, Map<String, String> credentials, AiSpend aiSpend, Optional<PlatformAddress> platform) {
        this(leaseId, workflowId, repository, step, attempt, payload, expiresAt, new StepCredentials(credentials), aiSpend,
                platform, null);
    }

    /** A task whose repository has no platform the lease names. */
    public StepTask(UUID leaseId, String workflowId, String repository, Step step, int attempt, String payload,
            Instant expiresAt, Map<String, String> credentials, AiSpend aiSpend) {
        this(leaseId, workflowId, repository, step, attempt, payload, expiresAt, credentials, aiSpend, Optional.empty());
    }

    /** A task for a workflow that has spent nothing on AI calls yet, in a repository without a platform the lease names. */
    public StepTask(UUID leaseId, String workflowId, String repository, Step step, int attempt, String payload,
            Instant expiresAt, Map<String, String> credentials) {
        this(leaseId, workflowId, repository, step, attempt, payload, expiresAt, credentials, AiSpend.NONE);
    }

    @Override
    public String toString() {
        return "StepTask[" + step + " attempt " + attempt + " of " + workflowId + " in " + repository + ", lease "
                + leaseId + ", credentials=" + credentials + "]";
    }
}
