package dev.tamma.orchestrator.worker;

import dev.tamma.worker.step.WorkerToolkit;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Workers running inside the orchestrator ({@code tamma.workers.*}): for one machine, the offline
 * demo and {@code tamma run}. A server with remote workers leaves {@code in-process} at 0.
 *
 * @param inProcess   how many steps in-process workers run at a time; 0 runs none
 * @param workspaces  where working copies are made; default {@code ${tamma.home}/workspaces}
 * @param ciPoll      how often CI_CHECKS asks about checks still running
 * @param ciGrace     how long CI_CHECKS waits for a first check before it takes it there is no CI
 */
@ConfigurationProperties("tamma.workers")
public record WorkerProperties(int inProcess, Path workspaces, Duration ciPoll, Duration ciGrace) {

    public WorkerProperties {
        if (inProcess < 0) {
            throw new IllegalArgumentException("tamma.workers.in-process must be 0 or more, was " + inProcess);
        }
        ciPoll = ciPoll == null ? WorkerToolkit.Settings.DEFAULT_CI_POLL : ciPoll;
        ciGrace = ciGrace == null ? WorkerToolkit.Settings.DEFAULT_CI_GRACE : ciGrace;
    }
}
