package dev.tamma.worker.step;

import dev.tamma.core.platform.GitPlatform;
import dev.tamma.worker.StepTask;

/**
 * Where a worker finds the platform of a task's repository: built from the lease for workers on
 * their own, or the orchestrator's own connection for workers running inside it.
 */
@FunctionalInterface
public interface Platforms {

    GitPlatform forTask(StepTask task);
}
