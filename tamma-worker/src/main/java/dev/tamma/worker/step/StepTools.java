package dev.tamma.worker.step;

import dev.tamma.core.ai.AiProvider;
import dev.tamma.core.ai.CodingAgent;
import dev.tamma.worker.sandbox.Sandbox;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What a worker lends every step: the model (routed, metered and budgeted), the coding agent, the
 * sandbox for commands, working copies, and a clock.
 *
 * @param ciPoll  how often CI_CHECKS asks the platform about checks still running
 * @param ciGrace how long CI_CHECKS waits for a first check before it takes it that there is no CI
 */
public record StepTools(AiProvider ai, CodingAgent agent, Sandbox sandbox, Workspaces workspaces, Clock clock,
        Duration ciPoll, Duration ciGrace) {

    public StepTools {
        Objects.requireNonNull(ai, "ai");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(sandbox, "sandbox");
        Objects.requireNonNull(workspaces, "workspaces");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ciPoll, "ciPoll");
        Objects.requireNonNull(ciGrace, "ciGrace");
    }
}
