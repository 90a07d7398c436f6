package dev.tamma.orchestrator.lease;

import dev.tamma.worker.OrchestratorClient;
import dev.tamma.worker.StepHandlers;
import dev.tamma.worker.Worker;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Run in a child JVM by the crash test: leases one step, says so, and hangs until killed. */
public final class HangingWorkerMain {

    private HangingWorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        StepHandlers hangs = StepHandlers.none().forEveryStep(task -> {
            System.out.println("RUNNING " + task.workflowId() + " " + task.step() + " " + task.attempt());
            System.out.flush();
            new CountDownLatch(1).await();
            return null;
        });
        new Worker(new OrchestratorClient(URI.create(args[0]), args[1]), hangs, "doomed", List.of(), Duration.ofSeconds(1))
                .runOnce(args[2], Duration.ofSeconds(10));
    }
}
