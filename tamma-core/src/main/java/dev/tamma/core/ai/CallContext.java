package dev.tamma.core.ai;

import dev.tamma.core.workflow.Step;
import java.util.Objects;

/**
 * Who is calling: used to route to a provider, to key scripted answers, to charge budgets and to
 * report costs by repository, issue and step.
 *
 * @param workflowId the workflow stream id
 * @param repository the repository, e.g. {@code acme/shop}
 * @param issue      the issue number, 0 when not known
 * @param step       the step making the call
 * @param attempt    the step's attempt, from 1; 0 when not known
 */
public record CallContext(String workflowId, String repository, int issue, Step step, int attempt) {
    public CallContext {
        if (workflowId == null || workflowId.isBlank()) {
            throw new IllegalArgumentException("call context workflowId must not be blank");
        }
        repository = repository == null ? "" : repository;
        Objects.requireNonNull(step, "call context step");
        if (issue < 0) {
            throw new IllegalArgumentException("call context issue must not be negative, got " + issue);
        }
        if (attempt < 0) {
            throw new IllegalArgumentException("call context attempt must not be negative, got " + attempt);
        }
    }
}
