package dev.tamma.worker.step;

import dev.tamma.core.ai.Budget;
import dev.tamma.core.ai.CallContext;
import dev.tamma.core.platform.GitPlatform;
import dev.tamma.core.platform.Issue;
import dev.tamma.core.platform.RepositoryInfo;
import dev.tamma.core.platform.Workspace;
import dev.tamma.core.workflow.StepRequest;
import dev.tamma.worker.StepTask;
import dev.tamma.worker.config.RepositoryConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * Everything one run of a step works with: the leased task and what it asks for, the repository's
 * platform and settings, the worker's tools, and the models routed for this repository.
 */
public record StepContext(StepTask task, StepRequest request, GitPlatform platform, RepositoryInfo repository,
        RepositoryConfig config, StepTools tools, TaskModels models) {

    public long issueNumber() {
        return request.issueNumber();
    }

    public Issue issue() {
        return platform.issue(issueNumber());
    }

    public CallContext call() {
        return new CallContext(task.workflowId(), request.repository(), (int) issueNumber(), task.step(),
                task.attempt());
    }

    /** The pull request CREATE_PR opened; steps after it fail structurally without one. */
    public long pullRequestNumber() {
        Integer number = request.payload().pullRequest();
        if (number == null) {
            throw new IllegalStateException(task.step() + " needs the workflow's pull request, but none was opened");
        }
        return number;
    }

    /** How long this step may run, as the workflow's settings say. */
    public Duration stepTimeout() {
        return config.workflowConfig().stepTimeout(task.step());
    }

    /**
     * How long the step's own work may take: its timeout less a margin to report back before the
     * workflow's deadline passes.
     */
    public Duration workTimeout() {
        Duration timeout = stepTimeout();
        Duration margin = timeout.dividedBy(10);
        return timeout.minus(margin.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : margin);
    }

    /** What one coding agent run may spend: the step's budget, else the workflow's, as the task's models have it. */
    public BigDecimal agentBudgetUsd() {
        Budget budget = models.budget();
        BigDecimal limit = budget.stepLimit(task.step()).orElse(budget.perWorkflowUsd());
        if (limit.signum() <= 0) {
            throw new StepFailure.Structural("the budget for " + task.step().slug()
                    + " is $0; .tamma.yml (providers.budget) or the server's model file sets it");
        }
        return limit;
    }

    /** A clone of the first of {@code branches} the remote has; the caller closes it. */
    public Workspace checkout(String... branches) {
        return tools.workspaces().checkout(task, repository.cloneUrl(), List.of(branches));
    }
}
