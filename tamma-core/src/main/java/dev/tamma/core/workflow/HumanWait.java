package dev.tamma.core.workflow;

/** What a workflow is waiting for a person to do. */
public enum HumanWait {
    /** ANALYZE posted questions; an {@code /tamma answer} re-runs it. */
    QUESTIONS,
    /** The plan awaits {@code /tamma approve [option N]} or {@code /tamma revise <text>}. */
    DESIGN_APPROVAL,
    /** COMPLETION_CHECK passed; the merge awaits {@code /tamma approve merge}. */
    MERGE_APPROVAL,
    /** Tamma escalated; it awaits {@code /tamma retry}, {@code retry from <step>} or {@code stop}. */
    ESCALATION
}
