package dev.tamma.core.ai;

/**
 * Changes files in a workspace until it says it is done, or a limit stops it: the iteration
 * limit, the budget, the time limit, or the stuck detector (the same action three times).
 */
public interface CodingAgent {

    /** The agent's id as configured, e.g. {@code builtin}, {@code claude-code}, {@code aider}. */
    String id();

    /** Runs the task to its end; a stop by a limit is a result, not an exception. */
    CodingResult run(CodingTask task);
}
