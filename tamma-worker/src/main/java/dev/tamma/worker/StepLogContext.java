package dev.tamma.worker;

import dev.tamma.core.workflow.Step;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.MDC;

/**
 * Puts the workflow, step, attempt, repository and lease a thread works on into the logging
 * context (SLF4J's MDC), so every line logged meanwhile carries them; in JSON logs they are fields.
 * Closing it restores what the thread had before, so contexts nest (the lease service's around the
 * engine's).
 */
public final class StepLogContext implements AutoCloseable {

    public static final String WORKFLOW = "workflowId";
    public static final String STEP = "step";
    public static final String ATTEMPT = "attempt";
    public static final String REPOSITORY = "repository";
    public static final String LEASE = "leaseId";

    private final Map<String, String> previous = new HashMap<>();

    private StepLogContext(Map<String, String> values) {
        values.forEach((key, value) -> {
            previous.put(key, MDC.get(key));
            MDC.put(key, value);
        });
    }

    /** The context of a leased step. */
    public static StepLogContext of(StepTask task) {
        return open(task.workflowId(), task.repository(), task.step(), task.attempt(), task.leaseId());
    }

    /** Any of the values may be null (a workflow not yet at a step, a step without a lease): those are left out. */
    public static StepLogContext open(String workflowId, String repository, Step step, Integer attempt, UUID leaseId) {
        Map<String, String> values = new HashMap<>();
        putIfPresent(values, WORKFLOW, workflowId);
        putIfPresent(values, REPOSITORY, repository);
        putIfPresent(values, STEP, step == null ? null : step.name());
        putIfPresent(values, ATTEMPT, attempt == null || attempt == 0 ? null : attempt.toString());
        putIfPresent(values, LEASE, leaseId == null ? null : leaseId.toString());
        return new StepLogContext(values);
    }

    private static void putIfPresent(Map<String, String> values, String key, String value) {
        if (value != null) {
            values.put(key, value);
        }
    }

    @Override
    public void close() {
        previous.forEach((key, value) -> {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        });
    }
}
