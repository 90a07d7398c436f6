package dev.tamma.providers.cli;

import dev.tamma.core.ai.AiCallRecorded;
import dev.tamma.core.ai.AiCallRecorder;
import dev.tamma.core.ai.CodingAgent;
import dev.tamma.core.ai.CodingResult;
import dev.tamma.core.ai.CodingResult.StopReason;
import dev.tamma.core.ai.CodingTask;
import dev.tamma.core.ai.TokenUsage;
import dev.tamma.providers.langchain4j.Redactor;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A command-line coding agent (Claude Code, Codex CLI, Aider, OpenCode) run in the workspace with
 * the task's timeout, an environment scrubbed down to {@code PATH}, {@code HOME}, {@code LANG},
 * {@code TMPDIR} and the tool's own keys, output captured, and cost read where the tool reports
 * it. Keys never appear in the summary.
 */
public final class CliCodingAgent implements CodingAgent {

    private static final List<String> BASE_ENVIRONMENT = List.of("PATH", "HOME", "LANG", "TMPDIR");
    private static final int MAX_OUTPUT = 1_000_000;

    private final CliTool tool;
    private final String executable;
    private final Map<String, String> environment;
    private final AiCallRecorder recorder;
    private final Clock clock;

    /**
     * @param tool        which CLI
     * @param executable  its path, or {@code null} for {@link CliTool#defaultExecutable()} on PATH
     * @param environment the worker's environment, from which PATH and the tool's keys are taken
     */
    public CliCodingAgent(CliTool tool, String executable, Map<String, String> environment) {
        this(tool, executable, environment, AiCallRecorder.NONE, Clock.systemUTC());
    }

    /**
     * As {@link #CliCodingAgent(CliTool, String, Map)}, recording each run as one priced call
     * (provider: the tool's id, model: {@value #MODEL}) so CLI spend shows in the cost reports.
     */
    public CliCodingAgent(CliTool tool, String executable, Map<String, String> environment, AiCallRecorder recorder,
            Clock clock) {
        this.tool = Objects.requireNonNull(tool, "tool");
        this.executable = executable == null || executable.isBlank() ? tool.defaultExecutable() : executable;
        this.environment = Map.copyOf(environment);
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The model name CLI runs are recorded under: the tool chooses the model itself. */
    public static final String MODEL = "cli";

    @Override
    public String id() {
        return tool.id();
    }

    @Override
    public CodingResult run(CodingTask task) {
        Instant start = clock.instant();
        Run run = runProcess(task);
        CodingResult result = run.result();
        Instant end = clock.instant();
        AiCallRecorded.Outcome outcome = switch (result.stop()) {
            case DONE, ITERATION_LIMIT, BUDGET_EXHAUSTED, STUCK -> AiCallRecorded.Outcome.SUCCESS;
            case TIMEOUT -> AiCallRecorded.Outcome.TIMEOUT;
            case FAILED -> AiCallRecorded.Outcome.OTHER;
        };
        recorder.record(new AiCallRecorded(task.context(), tool.id(), MODEL, result.usage(), result.costUsd(),
                run.costReported(), Duration.between(start, end), outcome, end));
        return result;
    }

    private record Run(CodingResult result, boolean costReported) {
    }

    private Run runProcess(CodingTask task) {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(tool.arguments(task));
        ProcessBuilder builder = new ProcessBuilder(command).directory(task.workspace().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().clear();
        List<String> secrets = new ArrayList<>();
        for (String name : BASE_ENVIRONMENT) {
            if (environment.containsKey(name)) {
                builder.environment().put(name, environment.get(name));
            }
        }
        for (String name : tool.keyVariables()) {
            if (environment.containsKey(name)) {
                builder.environment().put(name, environment.get(name));
                secrets.add(environment.get(name));
            }
        }
        Redactor redactor = new Redactor(secrets);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Run(result(StopReason.FAILED, "cannot start " + executable + " (" + e.getMessage() + "); is "
                    + tool.id() + " installed and on PATH?", 0, TokenUsage.NONE, null, redactor), false);
        }
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        try {
            if (!process.waitFor(task.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                return new Run(result(StopReason.TIMEOUT, tool.id() + " ran past the time limit of " + task.timeout()
                        + " and was stopped\n" + CliTool.tail(stdout.getNow(""), 2000), 0, TokenUsage.NONE, null,
                        redactor), false);
            }
            CliTool.Outcome outcome = tool.parse(stdout.get(10, TimeUnit.SECONDS), stderr.get(10, TimeUnit.SECONDS),
                    process.exitValue());
            StopReason stop = outcome.stop();
            String summary = outcome.summary();
            if (outcome.costUsd() != null && outcome.costUsd().compareTo(task.budgetUsd()) > 0) {
                stop = StopReason.BUDGET_EXHAUSTED;
                summary = tool.id() + " spent $" + outcome.costUsd().toPlainString() + ", more than the budget of $"
                        + task.budgetUsd().toPlainString() + "\n" + summary;
            }
            return new Run(result(stop, summary, outcome.iterations(), outcome.usage(), outcome.costUsd(), redactor),
                    outcome.costUsd() != null);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Run(result(StopReason.FAILED, "interrupted", 0, TokenUsage.NONE, null, redactor), false);
        } catch (ExecutionException | TimeoutException e) {
            return new Run(result(StopReason.FAILED, "cannot read the output of " + tool.id(), 0, TokenUsage.NONE, null,
                    redactor), false);
        }
    }

    private CodingResult result(StopReason stop, String summary, int iterations, TokenUsage usage, BigDecimal cost,
            Redactor redactor) {
        return new CodingResult(tool.id(), stop, redactor.redact(summary), iterations, usage, cost);
    }

    private static String read(InputStream in) {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_OUTPUT);
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
