package dev.tamma.worker.step;

import dev.tamma.core.ai.AiCallException;
import dev.tamma.core.ai.BudgetExceededException;
import dev.tamma.core.platform.GitPlatform;
import dev.tamma.core.platform.PlatformException;
import dev.tamma.core.platform.RepositoryInfo;
import dev.tamma.core.workflow.FailureCause;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.StepRequest;
import dev.tamma.worker.StepHandlers;
import dev.tamma.worker.StepResult;
import dev.tamma.worker.StepTask;
import dev.tamma.worker.config.RepositoryConfig;
import dev.tamma.worker.config.RepositoryConfigException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The step handlers of the loop, one per step a worker runs (DESIGN_APPROVAL is the workflow's own
 * checkpoint). Each run reads the task, the repository's platform and its {@code .tamma.yml} afresh,
 * so a worker keeps nothing between tasks; every failure becomes a result with its cause here.
 */
public final class LoopSteps {

    private static final Logger log = LoggerFactory.getLogger(LoopSteps.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Platforms platforms;
    private final StepTools tools;
    private final Map<Step, LoopStep> steps = new EnumMap<>(Step.class);

    public LoopSteps(Platforms platforms, StepTools tools) {
        this.platforms = platforms;
        this.tools = tools;
        steps.put(Step.ISSUE_ASSIGNED, new IssueAssignedStep());
        steps.put(Step.ANALYZE, new AnalyzeStep());
        steps.put(Step.PLAN, new PlanStep());
        steps.put(Step.CREATE_PR, new CreatePullRequestStep());
        steps.put(Step.IMPLEMENT, new ImplementStep());
        steps.put(Step.BUILD, new CommandStep(Step.BUILD));
        steps.put(Step.TEST, new CommandStep(Step.TEST));
        steps.put(Step.PUSH, new PushStep());
        steps.put(Step.CI_CHECKS, new CiChecksStep());
        steps.put(Step.REVIEW, new ReviewStep());
        steps.put(Step.ADDRESS_COMMENTS, new AddressCommentsStep());
        steps.put(Step.COMPLETION_CHECK, new CompletionCheckStep());
        steps.put(Step.MERGE, new MergeStep());
    }

    /** A handler for every step a worker runs. */
    public StepHandlers handlers() {
        StepHandlers handlers = StepHandlers.none();
        for (Map.Entry<Step, LoopStep> each : steps.entrySet()) {
            handlers = handlers.with(each.getKey(), task -> run(each.getValue(), task));
        }
        return handlers;
    }

    private StepResult run(LoopStep step, StepTask task) throws InterruptedException {
        try {
            StepRequest request = request(task);
            GitPlatform platform = platforms.forTask(task);
            RepositoryInfo repository = platform.repository();
            RepositoryConfig config = config(platform, repository, request, tools.models().providerIds());
            TaskModels models = tools.models().forTask(task.workflowId(), config.providers());
            try {
                return step.run(new StepContext(task, request, platform, repository, config, tools, models));
            } finally {
                tools.models().release(task.workflowId());
            }
        } catch (CancellationException e) {
            // the sandbox was told to stop a command because this thread was interrupted: the worker is stopping
            Thread.interrupted();
            throw new InterruptedException("stopped while " + task.step() + " ran a command");
        } catch (StepFailure e) {
            return new StepResult.Failed(e.cause(), e.getMessage(), e.excerpt());
        } catch (PlatformException e) {
            return new StepResult.Failed(e.failureCause(), e.getMessage(), "");
        } catch (BudgetExceededException e) {
            return new StepResult.Failed(FailureCause.STRUCTURAL, e.getMessage(), "");
        } catch (AiCallException e) {
            return new StepResult.Failed(e.failureCause(), e.getMessage(), "");
        } catch (IllegalArgumentException | IllegalStateException e) {
            // A setting, a script or the workflow's data is wrong: another attempt would fail the same way.
            return new StepResult.Failed(FailureCause.STRUCTURAL, e.getMessage(), "");
        } catch (RuntimeException e) {
            log.warn("{} of {} failed", task.step(), task.workflowId(), e);
            return new StepResult.Failed(FailureCause.TRANSIENT, e.getClass().getSimpleName() + ": " + e.getMessage(), "");
        }
    }

    private static StepRequest request(StepTask task) {
        try {
            StepRequest request = JSON.readValue(task.payload(), StepRequest.class);
            if (request.step() != task.step() || request.attempt() != task.attempt()) {
                throw new IllegalStateException("the task is " + task.step() + " attempt " + task.attempt()
                        + " but its payload asks for " + request.step() + " attempt " + request.attempt());
            }
            return request;
        } catch (JacksonException e) {
            throw new IllegalStateException("the task's payload is not a step request: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The repository's {@code .tamma.yml} on its default branch, naming only {@code providers} the
     * server configures. A broken file stops the step, and the problems, with their keys and lines,
     * are posted on the issue where people will see them.
     */
    private static RepositoryConfig config(GitPlatform platform, RepositoryInfo repository, StepRequest request,
            Set<String> providers) {
        Optional<byte[]> file = platform.file(RepositoryConfig.FILE_NAME, repository.defaultBranch());
        if (file.isEmpty()) {
            return RepositoryConfig.DEFAULTS;
        }
        try {
            return RepositoryConfig.parse(new String(file.get(), StandardCharsets.UTF_8), RepositoryConfig.FILE_NAME,
                    providers);
        } catch (RepositoryConfigException e) {
            platform.upsertComment(request.issueNumber(), RepositoryConfigException.MARKER, e.toMarkdown());
            throw new StepFailure.Structural(e.getMessage());
        }
    }
}
