package dev.tamma.core.workflow;

import java.util.Locale;
import java.util.Optional;

/** The 14 steps an issue goes through, in the order Tamma runs them. */
public enum Step {
    ISSUE_ASSIGNED,
    ANALYZE,
    PLAN,
    DESIGN_APPROVAL,
    CREATE_PR,
    IMPLEMENT,
    BUILD,
    TEST,
    PUSH,
    CI_CHECKS,
    REVIEW,
    ADDRESS_COMMENTS,
    COMPLETION_CHECK,
    MERGE;

    /** The step after this one, or {@code null} after MERGE. */
    public Step next() {
        Step[] all = values();
        return ordinal() + 1 < all.length ? all[ordinal() + 1] : null;
    }

    /**
     * Whether a worker runs this step. DESIGN_APPROVAL is a checkpoint the workflow itself holds:
     * it waits for a person or passes on its own, and never becomes a task.
     */
    public boolean runsOnWorker() {
        return this != DESIGN_APPROVAL;
    }

    /** The name people type, e.g. {@code ci-checks}. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Reads a step as people type it: {@code implement}, {@code ci-checks}, {@code CI_CHECKS}, {@code ci checks}. */
    public static Optional<Step> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String name = text.strip().toUpperCase(Locale.ROOT).replace('-', '_').replaceAll("\\s+", "_");
        for (Step step : values()) {
            if (step.name().equals(name)) {
                return Optional.of(step);
            }
        }
        return Optional.empty();
    }
}
