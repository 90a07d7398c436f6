package dev.tamma.core.ai;

import dev.tamma.core.workflow.Step;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How much a workflow may spend on models, in US dollars, in total and per step.
 *
 * @param perWorkflowUsd the limit for the whole workflow (default {@link #DEFAULT_PER_WORKFLOW_USD})
 * @param perStepUsd     limits for single steps; a step not listed is limited by the workflow total only
 */
public record Budget(BigDecimal perWorkflowUsd, Map<Step, BigDecimal> perStepUsd) {

    public static final BigDecimal DEFAULT_PER_WORKFLOW_USD = new BigDecimal("5.00");
    public static final Budget DEFAULT = new Budget(DEFAULT_PER_WORKFLOW_USD, Map.of());

    /** Which limit refused a call. */
    public record Scope(String workflowId, Step step) {
        public String describe() {
            return step == null ? "workflow " + workflowId : "step " + step.slug() + " of workflow " + workflowId;
        }
    }

    public Budget {
        requireNonNegative("perWorkflowUsd", perWorkflowUsd);
        EnumMap<Step, BigDecimal> copy = new EnumMap<>(Step.class);
        Objects.requireNonNullElse(perStepUsd, Map.<Step, BigDecimal>of()).forEach((step, limit) -> {
            requireNonNegative("perStepUsd for step " + step, limit);
            copy.put(step, limit);
        });
        perStepUsd = Map.copyOf(copy);
    }

    public Budget withStepLimit(Step step, BigDecimal limitUsd) {
        EnumMap<Step, BigDecimal> more = new EnumMap<>(Step.class);
        more.putAll(perStepUsd);
        more.put(step, limitUsd);
        return new Budget(perWorkflowUsd, more);
    }

    public Optional<BigDecimal> stepLimit(Step step) {
        return Optional.ofNullable(perStepUsd.get(step));
    }

    /**
     * The stricter of this budget and {@code other}, limit by limit: a call within the result is
     * within both. A step limited by only one of them keeps that limit.
     */
    public Budget andAlso(Budget other) {
        EnumMap<Step, BigDecimal> steps = new EnumMap<>(Step.class);
        steps.putAll(perStepUsd);
        other.perStepUsd.forEach((step, limit) -> steps.merge(step, limit, BigDecimal::min));
        return new Budget(perWorkflowUsd.min(other.perWorkflowUsd), steps);
    }

    /**
     * Checks, before a call, that neither the workflow's nor the step's budget is already spent.
     *
     * @throws BudgetExceededException naming the limit and the spend so far
     */
    public void checkBeforeCall(String provider, String workflowId, Step step, BigDecimal spentInWorkflow,
            BigDecimal spentInStep) {
        if (spentInWorkflow.compareTo(perWorkflowUsd) >= 0) {
            throw new BudgetExceededException(provider, new Scope(workflowId, null), perWorkflowUsd, spentInWorkflow);
        }
        BigDecimal stepLimit = perStepUsd.get(step);
        if (stepLimit != null && spentInStep.compareTo(stepLimit) >= 0) {
            throw new BudgetExceededException(provider, new Scope(workflowId, step), stepLimit, spentInStep);
        }
    }

    private static void requireNonNegative(String what, BigDecimal value) {
        if (value == null || value.signum() < 0) {
            throw new IllegalArgumentException(what + " must be zero or more dollars, got " + value);
        }
    }
}
