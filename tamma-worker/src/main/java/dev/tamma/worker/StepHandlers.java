package dev.tamma.worker;

import dev.tamma.core.workflow.FailureCause;
import dev.tamma.core.workflow.Step;
import java.util.EnumMap;
import java.util.Map;

/** The handlers a worker has, by step. A step without a handler fails as structural: no retry helps. */
public final class StepHandlers {

    private final Map<Step, StepHandler> handlers;

    private StepHandlers(Map<Step, StepHandler> handlers) {
        this.handlers = handlers;
    }

    public static StepHandlers none() {
        return new StepHandlers(new EnumMap<>(Step.class));
    }

    /** A copy with {@code handler} for {@code step}. */
    public StepHandlers with(Step step, StepHandler handler) {
        Map<Step, StepHandler> copy = new EnumMap<>(Step.class);
        copy.putAll(handlers);
        copy.put(step, handler);
        return new StepHandlers(copy);
    }

    /** A copy with {@code handler} for every step. */
    public StepHandlers forEveryStep(StepHandler handler) {
        StepHandlers all = this;
        for (Step step : Step.values()) {
            all = all.with(step, handler);
        }
        return all;
    }

    /** The handler for {@code step}, or one that fails the step for want of a handler. */
    public StepHandler forStep(Step step) {
        return handlers.getOrDefault(step, task -> StepResult.failed(FailureCause.STRUCTURAL,
                "this worker has no handler for " + step + "; run a worker that has one"));
    }
}
