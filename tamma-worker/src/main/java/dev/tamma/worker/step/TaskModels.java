package dev.tamma.worker.step;

import dev.tamma.core.ai.AiProvider;
import dev.tamma.core.ai.Budget;
import dev.tamma.core.ai.CodingAgent;
import java.util.Objects;

/**
 * The models one step works with, routed for its repository.
 *
 * @param ai     the model, routed per step, metered and budgeted
 * @param agent  the coding agent, on the same routes
 * @param budget what the workflow may spend: the operator's budget, lowered where the repository asks
 */
public record TaskModels(AiProvider ai, CodingAgent agent, Budget budget) {
    public TaskModels {
        Objects.requireNonNull(ai, "ai");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(budget, "budget");
    }
}
