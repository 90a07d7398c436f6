package dev.tamma.providers.cost;

import dev.tamma.core.ai.AiCallRecorded;
import dev.tamma.core.ai.AiCallRecorder;
import dev.tamma.core.workflow.Step;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each workflow and step has spent so far. Fed with every call made in this process, and
 * caught up with what the event log holds whenever a worker takes a step ({@link #catchUp}), so a
 * budget holds across workers and restarts.
 */
public final class SpendLedger implements AiCallRecorder {

    private final Map<String, BigDecimal> byWorkflow = new ConcurrentHashMap<>();
    private final Map<String, BigDecimal> byStep = new ConcurrentHashMap<>();

    @Override
    public void record(AiCallRecorded call) {
        add(call.context().workflowId(), call.context().step(), call.costUsd());
    }

    public void add(String workflowId, Step step, BigDecimal costUsd) {
        byWorkflow.merge(workflowId, costUsd, BigDecimal::add);
        byStep.merge(workflowId + "/" + step.name(), costUsd, BigDecimal::add);
    }

    /**
     * Raises the spend of a workflow and of one of its steps to at least the given amounts: what
     * the event log had when the step was leased. Spend this process recorded itself is in the log
     * too, or on its way, so the larger figure is the better one and nothing is counted twice.
     */
    public void catchUp(String workflowId, Step step, BigDecimal workflowUsd, BigDecimal stepUsd) {
        byWorkflow.merge(workflowId, workflowUsd, BigDecimal::max);
        byStep.merge(workflowId + "/" + step.name(), stepUsd, BigDecimal::max);
    }

    /**
     * Drops what is known of a workflow once this process has no step of it: the next step's lease
     * brings the figures from the log again, and a long-running worker does not keep every
     * workflow it ever served.
     */
    public void forget(String workflowId) {
        byWorkflow.remove(workflowId);
        byStep.keySet().removeIf(key -> key.startsWith(workflowId + "/"));
    }

    public BigDecimal spentInWorkflow(String workflowId) {
        return byWorkflow.getOrDefault(workflowId, BigDecimal.ZERO);
    }

    public BigDecimal spentInStep(String workflowId, Step step) {
        return byStep.getOrDefault(workflowId + "/" + step.name(), BigDecimal.ZERO);
    }
}
