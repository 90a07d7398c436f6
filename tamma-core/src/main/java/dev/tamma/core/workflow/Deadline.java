package dev.tamma.core.workflow;

import java.time.Instant;
import java.util.Objects;

/**
 * A timer the orchestrator must fire at {@code at} with this {@code id}. A workflow has at most one
 * live deadline; a timer whose id is not the live one is stale and ignored, so the orchestrator
 * never has to cancel timers.
 */
public record Deadline(String id, Instant at, DeadlineKind kind) {
    public Deadline {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
    }
}
