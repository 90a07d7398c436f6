package dev.tamma.worker.step;

import dev.tamma.worker.sandbox.Sandbox;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What a worker lends every step: the models (each task routed as its repository asks), the sandbox
 * for commands, working copies, and a clock.
 *
 * @param ciPoll  how often CI_CHECKS asks the platform about checks still running
 * @param ciGrace how long CI_CHECKS waits for a first check before it takes it that there is no CI
 */
public record StepTools(ModelStack models, Sandbox sandbox, Workspaces workspaces, Clock clock,
        Duration ciPoll, Duration ciGrace) {

    public StepTools {
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(sandbox, "sandbox");
        Objects.requireNonNull(workspaces, "workspaces");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ciPoll, "ciPoll");
        Objects.requireNonNull(ciGrace, "ciGrace");
    }
}
