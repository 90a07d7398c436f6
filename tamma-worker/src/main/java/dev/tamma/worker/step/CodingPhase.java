package dev.tamma.worker.step;

import dev.tamma.core.ai.CodingResult;
import dev.tamma.core.ai.CodingTask;
import dev.tamma.core.platform.Workspace;
import java.util.Optional;

/** One run of the coding agent in a workspace, committed when it changed something. */
final class CodingPhase {

    private CodingPhase() {
    }

    /**
     * Runs the agent with {@code instructions}; commits its changes as {@code commitMessage}.
     *
     * @return what the agent said it did, and the commit if it changed anything
     */
    static Outcome run(StepContext context, Workspace workspace, String instructions, String commitMessage) {
        CodingResult result = context.models().agent().run(new CodingTask(context.call(), workspace.directory(),
                instructions, CodingTask.DEFAULT_MAX_ITERATIONS, context.agentBudgetUsd(),
                context.workTimeout()));
        switch (result.stop()) {
            case DONE -> {
            }
            case BUDGET_EXHAUSTED -> throw new StepFailure.Structural("the coding agent spent its budget of $"
                    + context.agentBudgetUsd() + " before finishing: " + result.summary());
            default -> throw new StepFailure.Transient("the coding agent stopped (" + result.stop() + ") after "
                    + result.iterations() + " turns: " + result.summary(), result.summary());
        }
        if (!workspace.hasChanges()) {
            return new Outcome(result.summary(), Optional.empty());
        }
        String sha = workspace.commitAll(commitMessage + "\n\n" + result.summary() + "\n\nTamma-Workflow: "
                + context.task().workflowId(), Optional.empty());
        return new Outcome(result.summary(), Optional.of(sha));
    }

    record Outcome(String summary, Optional<String> commit) {
    }
}
