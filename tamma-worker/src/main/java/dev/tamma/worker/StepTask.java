package dev.tamma.worker;

import dev.tamma.core.workflow.Step;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A leased step: what to run, for which workflow, until when the lease holds, and the credentials
 * the orchestrator handed out for it (never printed).
 *
 * @param payload the step's payload as JSON, as the workflow asked for it
 */
public record StepTask(UUID leaseId, String workflowId, String repository, Step step, int attempt, String payload,
        Instant expiresAt, Map<String, String> credentials) {

    public StepTask {
        credentials = Map.copyOf(credentials);
    }

    @Override
    public String toString() {
        return "StepTask[" + step + " attempt " + attempt + " of " + workflowId + " in " + repository + ", lease "
                + leaseId + ", credentials=" + (credentials.isEmpty() ? "none" : "[redacted]") + "]";
    }
}
