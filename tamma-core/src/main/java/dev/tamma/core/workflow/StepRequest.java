package dev.tamma.core.workflow;

import java.util.Objects;

/**
 * What a worker is asked to run, as the task's payload carries it: the step and attempt, the
 * issue it is for, and the {@link StepPayload} the workflow decided on.
 *
 * @param issue the issue reference, e.g. {@code acme/shop#42}
 */
public record StepRequest(String issue, Step step, int attempt, StepPayload payload) {

    public StepRequest {
        Objects.requireNonNull(issue, "issue");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(payload, "payload");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be 1 or more, got " + attempt);
        }
    }

    /** The issue's number: {@code 42} for {@code acme/shop#42}. */
    public long issueNumber() {
        int hash = issue.lastIndexOf('#');
        try {
            return Long.parseLong(issue.substring(hash + 1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("issue '" + issue + "' has no number after '#'", e);
        }
    }

    /** The repository: {@code acme/shop} for {@code acme/shop#42}. */
    public String repository() {
        int hash = issue.lastIndexOf('#');
        return hash < 0 ? issue : issue.substring(0, hash);
    }
}
