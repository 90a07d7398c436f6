package dev.tamma.worker.step;

import dev.tamma.core.ai.AiCallRecorder;
import dev.tamma.core.platform.Workspace.Person;
import dev.tamma.providers.cost.SpendLedger;
import dev.tamma.worker.sandbox.Sandbox;
import dev.tamma.worker.sandbox.SandboxCommandRunner;
import dev.tamma.worker.sandbox.SandboxSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a worker runs the loop's steps with, built the same way inside the orchestrator and in
 * {@code tamma worker}: the models of an AI config file (each task routed as its repository asks),
 * the command sandbox (hiding the worker's secrets) and working copies. Close it when the worker stops.
 */
public final class WorkerToolkit implements AutoCloseable {

    /**
     * @param aiConfig    a YAML file with an {@code endpoints:} list and a {@code providers:} section
     *                    (see docs/providers.md)
     * @param prices      a YAML file of prices overriding the shipped table, or {@code null}
     * @param workspaces  where working copies are made
     * @param hiddenPaths what commands must not see: the Tamma home, the token file's directory
     * @param identity    who the worker's commits are by
     * @param ciPoll      how often CI_CHECKS asks about checks still running
     * @param ciGrace     how long CI_CHECKS waits for a first check before it takes it there is no CI
     */
    public record Settings(Path aiConfig, Path prices, Path workspaces, List<Path> hiddenPaths, Person identity,
            Duration ciPoll, Duration ciGrace) {

        public static final Duration DEFAULT_CI_POLL = Duration.ofSeconds(15);
        public static final Duration DEFAULT_CI_GRACE = Duration.ofMinutes(2);

        public Settings {
            Objects.requireNonNull(aiConfig, "aiConfig");
            Objects.requireNonNull(workspaces, "workspaces");
            Objects.requireNonNull(identity, "identity");
            hiddenPaths = List.copyOf(hiddenPaths);
            ciPoll = ciPoll == null ? DEFAULT_CI_POLL : ciPoll;
            ciGrace = ciGrace == null ? DEFAULT_CI_GRACE : ciGrace;
        }
    }

    private final StepTools tools;
    private final ScheduledExecutorService scheduler;

    private WorkerToolkit(StepTools tools, ScheduledExecutorService scheduler) {
        this.tools = tools;
        this.scheduler = scheduler;
    }

    /**
     * @param environment the worker's environment: API keys for the models, and what commands may keep of it
     * @param recorder    where every AI call goes
     * @param ledger      what workflows have spent, for their budgets
     */
    public static WorkerToolkit open(Settings settings, Map<String, String> environment, AiCallRecorder recorder,
            SpendLedger ledger, Clock clock) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("tamma-model-retries").factory());
        try {
            Sandbox sandbox = new Sandbox(SandboxSettings.of(environment, settings.hiddenPaths())
                    .withScratchDirectory(settings.workspaces().resolve("scratch")));
            ModelStack models = ModelStack.from(settings.aiConfig(), settings.prices(), environment,
                    new SandboxCommandRunner(sandbox), recorder, ledger, scheduler, clock);
            StepTools tools = new StepTools(models, sandbox, new Workspaces(settings.workspaces(), settings.identity()),
                    clock, settings.ciPoll(), settings.ciGrace());
            return new WorkerToolkit(tools, scheduler);
        } catch (RuntimeException e) {
            scheduler.shutdownNow();
            throw e;
        }
    }

    public StepTools tools() {
        return tools;
    }

    /** The loop's step handlers, finding each task's platform through {@code platforms}. */
    public LoopSteps steps(Platforms platforms) {
        return new LoopSteps(platforms, tools);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
