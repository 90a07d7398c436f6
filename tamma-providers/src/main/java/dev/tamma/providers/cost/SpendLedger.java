package dev.tamma.providers.cost;

import dev.tamma.core.ai.AiCallRecorded;
import dev.tamma.core.ai.AiCallRecorder;
import dev.tamma.core.workflow.Step;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each workflow and step has spent so far. Fed with every recorded call; a restarted worker
 * seeds it from the {@code AiCallRecorded} events of the workflow.
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

    public BigDecimal spentInWorkflow(String workflowId) {
        return byWorkflow.getOrDefault(workflowId, BigDecimal.ZERO);
    }

    public BigDecimal spentInStep(String workflowId, Step step) {
        return byStep.getOrDefault(workflowId + "/" + step.name(), BigDecimal.ZERO);
    }
}
