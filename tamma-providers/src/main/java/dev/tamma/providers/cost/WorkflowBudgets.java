package dev.tamma.providers.cost;

import dev.tamma.core.ai.Budget;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The budget each workflow's calls are checked against, by workflow id: the operator's, lowered for
 * a workflow when a step of it starts and its repository asks for less ({@link #hold}). Every
 * provider's metering reads it, so a repository's limit holds whichever provider a call goes to,
 * and no repository can raise the operator's.
 */
public final class WorkflowBudgets implements Function<String, Budget> {

    private final Budget operator;
    private final Map<String, Budget> lowered = new ConcurrentHashMap<>();

    /** @param operator the budget of the server's model file, for every workflow */
    public WorkflowBudgets(Budget operator) {
        this.operator = Objects.requireNonNull(operator, "operator");
    }

    public Budget operator() {
        return operator;
    }

    /**
     * Holds a workflow's calls to {@code budget} as well as to the operator's, from now on (until the
     * next step of the workflow says otherwise).
     *
     * @return the budget that now applies to the workflow
     */
    public Budget hold(String workflowId, Budget budget) {
        Budget applied = operator.andAlso(budget);
        if (applied.equals(operator)) {
            lowered.remove(workflowId);
        } else {
            lowered.put(workflowId, applied);
        }
        return applied;
    }

    /** Back to the operator's budget once the workflow's step is over; its next step holds it again. */
    public void release(String workflowId) {
        lowered.remove(workflowId);
    }

    @Override
    public Budget apply(String workflowId) {
        return lowered.getOrDefault(workflowId, operator);
    }
}
