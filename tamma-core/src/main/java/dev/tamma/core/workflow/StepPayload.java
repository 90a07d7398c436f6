package dev.tamma.core.workflow;

import java.util.Objects;

/**
 * What a worker needs from the workflow to run a step, beyond what it reads from the platform.
 *
 * @param reason         why the step runs now
 * @param feedback       text the step must act on (failure output, a person's answer or
 *                       revision), or {@code null}
 * @param approvedOption the plan option a person approved (1-based), or {@code null}
 * @param headSha        the last pushed commit, or {@code null} before the first push
 * @param pullRequest    the pull request's number once CREATE_PR opened it, else {@code null}
 */
public record StepPayload(RunReason reason, String feedback, Integer approvedOption, String headSha,
        Integer pullRequest) {
    public StepPayload {
        Objects.requireNonNull(reason, "reason");
    }
}
