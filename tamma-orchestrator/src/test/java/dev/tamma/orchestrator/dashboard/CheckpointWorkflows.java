package dev.tamma.orchestrator.dashboard;

import dev.tamma.core.workflow.FailureCause;
import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.StepOutput;
import dev.tamma.core.workflow.WorkflowConfig;
import dev.tamma.core.workflow.WorkflowInput;
import dev.tamma.core.workflow.WorkflowState;
import dev.tamma.orchestrator.workflow.WorkflowEngine;
import dev.tamma.orchestrator.workflow.WorkflowReadModel;
import java.time.Instant;
import java.util.UUID;

/** Workflows put where the dashboard has something to show: running, at the design approval, escalated. */
final class CheckpointWorkflows {

    private final WorkflowEngine engine;
    private final WorkflowReadModel readModel;
    private int issues;

    CheckpointWorkflows(WorkflowEngine engine, WorkflowReadModel readModel) {
        this.engine = engine;
        this.readModel = readModel;
    }

    /** A new workflow on the repository's next issue. */
    String start(String repository, Mode mode) {
        String id = "workflow-" + UUID.randomUUID();
        engine.start(id, repository + "#" + (++issues), WorkflowConfig.defaults(mode));
        return id;
    }

    WorkflowState state(String workflow) {
        return readModel.load(workflow).orElseThrow().state();
    }

    /** A business-mode workflow whose plan offers two options, waiting for a person to approve one. */
    String atDesignApproval(String repository) {
        String workflow = start(repository, Mode.BUSINESS);
        for (Step step : new Step[] {Step.ISSUE_ASSIGNED, Step.ANALYZE, Step.PLAN}) {
            engine.handle(workflow, new WorkflowInput.StepSucceeded(Instant.now(), step, state(workflow).attempt(),
                    step == Step.PLAN ? StepOutput.of("two options").withPlanOptions(2) : StepOutput.of("done")));
        }
        return workflow;
    }

    /** A workflow escalated at its first step by a structural failure (bad credentials). */
    String escalated(String repository) {
        String workflow = start(repository, Mode.DEV);
        engine.handle(workflow, new WorkflowInput.StepFailed(Instant.now(), Step.ISSUE_ASSIGNED, 1,
                FailureCause.STRUCTURAL, "bad credentials", "401 Unauthorized"));
        return workflow;
    }
}
