package dev.tamma.orchestrator.workflow;

import dev.tamma.core.workflow.Decision;
import dev.tamma.core.workflow.WorkflowEvent;
import dev.tamma.orchestrator.metrics.MetricNames;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Counts what the engine decides; the metric names are listed in docs/operations.md. */
@Component
public class WorkflowMetrics {


    private final MeterRegistry registry;

    public WorkflowMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts the decision once its transaction commits, so a retried decision counts once. */
    void recorded(Decision decision) {
        List<String> escalatedSteps = decision.events().stream()
                .filter(WorkflowEvent.WorkflowEscalated.class::isInstance)
                .map(e -> ((WorkflowEvent.WorkflowEscalated) e).escalation().step().slug())
                .toList();
        if (escalatedSteps.isEmpty()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                escalatedSteps.forEach(step -> registry.counter(MetricNames.ESCALATIONS, "step", step).increment());
            }
        });
    }
}
