package dev.tamma.worker;

import dev.tamma.core.platform.Workspace.Person;
import dev.tamma.platforms.PlatformConnections;
import dev.tamma.worker.step.LeasePlatforms;
import dev.tamma.worker.step.WorkerToolkit;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tamma worker}: a pool that runs steps until stopped, or {@code --once} for a CI runner job.
 * It runs the loop's step handlers with the models of {@code --ai-config}, reaching each task's
 * repository as its lease says.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Run steps for an orchestrator.",
            "Exit codes with --once: 0 the step succeeded, 1 it failed, 78 no task came."})
public final class WorkerCommand implements Callable<Integer> {

    /** sysexits' EX_CONFIG: nothing to do, which a CI job can treat as neutral. */
    public static final int NO_TASK = 78;

    /** Handlers given by whoever embeds the command; {@code null}: the loop's, built from the options. */
    private final Function<AiCallReporter, StepHandlers> handlers;

    @Option(names = "--orchestrator", required = true, paramLabel = "URL", description = "The orchestrator's base URL.")
    URI orchestrator;

    @Option(names = "--token-file", required = true, paramLabel = "FILE",
            description = "File holding the worker token (tamma_wt_...).")
    Path tokenFile;

    @Option(names = "--concurrency", defaultValue = "2", paramLabel = "N", description = "Steps at a time (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--labels", split = ",", paramLabel = "a,b", description = "Labels this worker offers (tasks may require some).")
    List<String> labels = List.of();

    @Option(names = "--name", paramLabel = "NAME", description = "This worker's name in leases and logs (default: the host name).")
    String name;

    @Option(names = "--once", description = "Take one task, run it, and exit.")
    boolean once;

    @Option(names = "--workflow", paramLabel = "ID", description = "With --once: only a task of this workflow.")
    String workflow;

    @Option(names = "--wait", defaultValue = "60", paramLabel = "SECONDS", description = "With --once: how long to wait for a task (default: ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Option(names = "--grace", defaultValue = "25", paramLabel = "SECONDS",
            description = "On SIGTERM, how long running steps may finish before their leases are released (default: ${DEFAULT-VALUE}).")
    int graceSeconds;

    @Option(names = "--ai-config", paramLabel = "FILE",
            description = "YAML with the 'endpoints:' and 'providers:' the steps ask models through: the same file as"
                    + " the orchestrator's tamma.ai.config (docs/providers.md). Required.")
    Path aiConfig;

    @Option(names = "--prices", paramLabel = "FILE", description = "YAML of model prices overriding the shipped table.")
    Path prices;

    @Option(names = "--workspaces", paramLabel = "DIR",
            description = "Where working copies are made (default: $TAMMA_HOME/workspaces, else ~/.tamma/workspaces).")
    Path workspaces;

    @Option(names = "--git-name", defaultValue = "Tamma", paramLabel = "NAME",
            description = "Who the worker's commits are by (default: ${DEFAULT-VALUE}).")
    String gitName;

    @Option(names = "--git-email", defaultValue = "tamma@localhost", paramLabel = "EMAIL",
            description = "The e-mail address of the worker's commits (default: ${DEFAULT-VALUE}).")
    String gitEmail;

    /**
     * The loop's step handlers, built from {@code --ai-config} and {@code --workspaces}; their AI
     * calls are reported to the orchestrator under the lease of the step that made them.
     */
    public WorkerCommand() {
        this.handlers = null;
    }

    /**
     * A worker with handlers built without its reporter: AI calls they make go wherever they record
     * them; {@code --ai-config}, {@code --prices} and {@code --workspaces} go unused.
     */
    public WorkerCommand(StepHandlers handlers) {
        this(aiCalls -> handlers);
    }

    /**
     * A worker whose handlers are built once the worker knows where their AI calls go: they meter
     * their providers with the reporter's ledger and record to the reporter, which sends each call
     * to the orchestrator under the lease of the step that made it.
     */
    public WorkerCommand(Function<AiCallReporter, StepHandlers> handlers) {
        this.handlers = Objects.requireNonNull(handlers, "handlers");
    }

    @Override
    public Integer call() throws Exception {
        if (concurrency < 1) {
            throw new IllegalArgumentException("--concurrency must be 1 or more, was " + concurrency);
        }
        if (!Files.isReadable(tokenFile)) {
            throw new IllegalArgumentException("Cannot read the token file " + tokenFile);
        }
        String token = Files.readString(tokenFile).strip();
        try (WorkerTelemetry telemetry = WorkerTelemetry.from(System.getenv())) {
            OrchestratorClient client = new OrchestratorClient(orchestrator, token, telemetry.tracer());
            AiCallReporter aiCalls = new AiCallReporter(client);
            if (handlers != null) {
                return run(client, handlers.apply(aiCalls), aiCalls, telemetry);
            }
            WorkerToolkit.Settings settings = toolkitSettings(System.getenv());
            try (WorkerToolkit toolkit = WorkerToolkit.open(settings, System.getenv(),
                    AiCallSpans.around(aiCalls, telemetry.tracer()), aiCalls.ledger(), Clock.systemUTC())) {
                return run(client, toolkit.steps(new LeasePlatforms(new PlatformConnections(Clock.systemUTC())))
                        .handlers(), aiCalls, telemetry);
            }
        }
    }

    /**
     * What the loop's handlers are built with. Commands run in the sandbox must not see the worker's
     * secrets: the token file's directory and the Tamma home are hidden from them.
     */
    WorkerToolkit.Settings toolkitSettings(Map<String, String> environment) {
        if (aiConfig == null) {
            throw new IllegalArgumentException("--ai-config FILE is required: the steps ask models, and the file names"
                    + " them (an 'endpoints:' list and a 'providers:' section, the same as the orchestrator's"
                    + " tamma.ai.config; see docs/providers.md)");
        }
        if (!Files.isReadable(aiConfig)) {
            throw new IllegalArgumentException("Cannot read the AI config --ai-config " + aiConfig);
        }
        String homeVariable = environment.get("TAMMA_HOME");
        Path home = (homeVariable == null || homeVariable.isBlank()
                ? Path.of(System.getProperty("user.home"), ".tamma") : Path.of(homeVariable)).toAbsolutePath().normalize();
        Path workspaceDirectory = (workspaces != null ? workspaces : home.resolve("workspaces")).toAbsolutePath().normalize();
        return new WorkerToolkit.Settings(aiConfig.toAbsolutePath(), prices, workspaceDirectory,
                List.of(home, hidingPlace(tokenFile)), new Person(gitName, gitEmail), null, null);
    }

    /** The token file's directory, or the file itself when it sits in / (which cannot be hidden). */
    private static Path hidingPlace(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path directory = absolute.getParent();
        return directory == null || directory.getParent() == null ? absolute : directory;
    }

    private int run(OrchestratorClient client, StepHandlers steps, AiCallReporter aiCalls, WorkerTelemetry telemetry)
            throws Exception {
        String workerName = name != null ? name : InetAddress.getLocalHost().getHostName();
        Worker worker = new Worker(client, steps, aiCalls, workerName, labels, Duration.ofSeconds(graceSeconds),
                telemetry.tracer());
        if (once) {
            return switch (worker.runOnce(workflow, Duration.ofSeconds(waitSeconds))) {
                case SUCCEEDED -> 0;
                case FAILED -> 1;
                case NO_TASK -> NO_TASK;
            };
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                worker.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                telemetry.close(); // the JVM may exit when this hook ends: send the last spans now
                stopped.countDown();
            }
        }, "tamma-worker-shutdown"));
        worker.start(concurrency);
        worker.awaitStopped();
        if (worker.refused()) {
            return 1;
        }
        if (!worker.stopRequested()) {
            throw new IllegalStateException("Every worker loop ended without being stopped; see the log above");
        }
        stopped.await(); // stopped by a signal: the shutdown hook is finishing the stop
        return 0;
    }
}
