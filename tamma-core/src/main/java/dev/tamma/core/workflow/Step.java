package dev.tamma.core.workflow;

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
}
