package dev.tamma.worker;

import java.net.URI;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tamma worker}: a pool that runs steps until stopped, or {@code --once} for a CI runner job. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Run steps for an orchestrator.",
            "Exit codes with --once: 0 the step succeeded, 1 it failed, 78 no task came."})
public final class WorkerCommand implements Callable<Integer> {

    /** sysexits' EX_CONFIG: nothing to do, which a CI job can treat as neutral. */
    public static final int NO_TASK = 78;

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

    /** A worker with handlers built without its reporter: AI calls they make go wherever they record them. */
    public WorkerCommand(StepHandlers handlers) {
        this(aiCalls -> handlers);
    }

    /**
     * A worker whose handlers are built once the worker knows where their AI calls go: they meter
     * their providers with the reporter's ledger and record to the reporter, which sends each call
     * to the orchestrator under the lease of the step that made it.
     */
    public WorkerCommand(Function<AiCallReporter, StepHandlers> handlers) {
        this.handlers = handlers;
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
        String workerName = name != null ? name : InetAddress.getLocalHost().getHostName();
        OrchestratorClient client = new OrchestratorClient(orchestrator, token);
        AiCallReporter aiCalls = new AiCallReporter(client);
        Worker worker = new Worker(client, handlers.apply(aiCalls), aiCalls, workerName, labels,
                Duration.ofSeconds(graceSeconds));
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
                stopped.countDown();
            }
        }, "tamma-worker-shutdown"));
        worker.start(concurrency);
        worker.awaitStopped();
        if (worker.refused()) {
            return 1;
        }
        stopped.await(); // stopped by a signal: the shutdown hook is finishing the stop
        return 0;
    }
}
