package dev.tamma.core.workflow;

/** The issue labels through which Tamma shows people where a workflow stands. */
public final class Labels {

    /** Tamma is working on the issue. */
    public static final String WORKING = "tamma:working";

    /** Tamma is stuck and waits for a person's decision. */
    public static final String NEEDS_HUMAN = "tamma:needs-human";

    private Labels() {
    }
}
