package dev.tamma.worker.step;

import dev.tamma.core.platform.GitPlatform;
import dev.tamma.platforms.PlatformAddress;
import dev.tamma.platforms.PlatformConnections;
import dev.tamma.worker.StepTask;
import java.util.Objects;

/**
 * The platforms of a worker on its own: each task's repository is reached as its lease says, with
 * the lease's token, and nothing is kept for the next task. The problems thrown here are a
 * setting's, so the step fails as structural: another attempt would meet the same lease.
 */
public final class LeasePlatforms implements Platforms {

    private final PlatformConnections connections;

    public LeasePlatforms(PlatformConnections connections) {
        this.connections = Objects.requireNonNull(connections, "connections");
    }

    @Override
    public GitPlatform forTask(StepTask task) {
        PlatformAddress address = task.platform().orElseThrow(() -> new IllegalStateException("the lease for "
                + task.repository() + " names no platform: give the repository an entry in"
                + " tamma.platforms.repositories on the orchestrator (a remote worker needs its platform and token)"));
        if (address.isPlainGit()) {
            throw new IllegalStateException(task.repository() + " is a plain-Git repository: its issues and pull"
                    + " requests live in the orchestrator's database, which a remote worker cannot reach. Run"
                    + " plain-Git repositories with in-process workers (tamma.workers.in-process) and limit remote"
                    + " workers' tokens to other repositories (./tamma worker-token create --repositories ...)");
        }
        if (task.credentials().token().isEmpty()) {
            throw new IllegalStateException("the lease for " + task.repository() + " carries no token for its "
                    + address.type() + " platform; set one in tamma.platforms.repositories on the orchestrator");
        }
        // the token of the moment at each call: the lease's heartbeats renew it while the step runs
        return connections.connect(address, () -> task.credentials().git().orElseThrow().token()).platform();
    }
}
