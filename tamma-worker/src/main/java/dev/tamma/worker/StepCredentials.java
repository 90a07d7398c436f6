package dev.tamma.worker;

import java.util.Map;
import java.util.Optional;

/**
 * The credentials of a lease as the orchestrator last sent them: with the lease, then with each
 * heartbeat. A GitHub App's installation token lasts an hour and may be handed out with minutes
 * left, while a step may run for hours; the renewed one keeps every later call and push signed in.
 * Never printed.
 */
public final class StepCredentials {

    private volatile Map<String, String> current;

    public StepCredentials(Map<String, String> granted) {
        this.current = Map.copyOf(granted);
    }

    /** The credentials of the moment, as one consistent set (a user name with its token). */
    public Map<String, String> current() {
        return current;
    }

    /** The token of the moment; empty when the lease carries none. */
    public Optional<String> token() {
        String token = current.get("token");
        return token == null || token.isBlank() ? Optional.empty() : Optional.of(token);
    }

    /**
     * Takes what a heartbeat brought. An empty set (an orchestrator that sends none, or one that
     * could not reach the platform just then) keeps the credentials there are.
     */
    public void renew(Map<String, String> renewed) {
        if (!renewed.isEmpty()) {
            current = Map.copyOf(renewed);
        }
    }

    @Override
    public String toString() {
        return current.isEmpty() ? "none" : "[redacted]";
    }
}
