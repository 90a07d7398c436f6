package dev.tamma.worker;

import dev.tamma.core.platform.Secret;
import dev.tamma.platforms.workspace.GitCredentials;
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

    /** The token of the moment; empty when the lease carries none. */
    public Optional<String> token() {
        return git().map(g -> g.token().reveal());
    }

    /**
     * The git credentials of the moment: the token, with the user name some platforms want for
     * git ({@code x-access-token}, GitHub's, when the lease names none); empty without a token.
     */
    public Optional<GitCredentials> git() {
        Map<String, String> now = current;
        String token = now.get("token");
        return token == null || token.isBlank() ? Optional.empty()
                : Optional.of(new GitCredentials(now.getOrDefault("username", "x-access-token"), Secret.of(token)));
    }

    /**
     * Takes what a heartbeat brought. A set without a token (an orchestrator that sends none, or
     * one that could not get them just then) keeps the credentials there are.
     */
    public void renew(Map<String, String> renewed) {
        String token = renewed.get("token");
        if (token != null && !token.isBlank()) {
            current = Map.copyOf(renewed);
        }
    }

    @Override
    public String toString() {
        return current.isEmpty() ? "none" : "[redacted]";
    }
}
