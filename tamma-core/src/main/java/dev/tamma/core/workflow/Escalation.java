package dev.tamma.core.workflow;

import java.util.Objects;

/**
 * Why a workflow escalated and how {@code /tamma retry} resumes it.
 *
 * @param step          the step whose budget ran out (or that failed structurally, or whose
 *                      human wait timed out)
 * @param cause         why the last attempt failed
 * @param message       the last failure's message
 * @param outputExcerpt the last failure's output excerpt
 * @param failures      failures counted against {@code step} so far
 * @param maxAttempts   the step's limit
 * @param resumeStep    the step {@code /tamma retry} runs, or {@code null} when it reopens a wait
 * @param resumePayload the payload for {@code resumeStep}, or {@code null}
 * @param resumeWait    the human wait {@code /tamma retry} reopens, or {@code null}
 */
public record Escalation(
        Step step,
        FailureCause cause,
        String message,
        String outputExcerpt,
        int failures,
        int maxAttempts,
        Step resumeStep,
        StepPayload resumePayload,
        HumanWait resumeWait) {

    public Escalation {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(cause, "cause");
        message = Objects.requireNonNullElse(message, "");
        outputExcerpt = Objects.requireNonNullElse(outputExcerpt, "");
        if ((resumeStep == null) == (resumeWait == null)) {
            throw new IllegalArgumentException("an escalation resumes either a step or a wait");
        }
    }
}
