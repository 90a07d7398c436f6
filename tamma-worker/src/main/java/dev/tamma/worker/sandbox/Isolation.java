package dev.tamma.worker.sandbox;

import java.util.Objects;

/**
 * How a command was isolated, for the step's event: the kind, and a short description such as
 * {@code bubblewrap 0.8.0, network off} or {@code plain process (bwrap is not installed)}.
 */
public record Isolation(Kind kind, String description) {

    public enum Kind {
        /** Inside bubblewrap: host read-only, workspace writable, secrets hidden, network as the policy says. */
        BUBBLEWRAP,
        /** A plain process: scrubbed environment, timeout, output cap and tree kill, but the host's files are visible. */
        PROCESS
    }

    public Isolation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
    }

    @Override
    public String toString() {
        return description;
    }
}
