package dev.tamma.orchestrator.alert;

import java.util.Objects;

/**
 * What an alert says, in words for people; every channel renders the same fields.
 *
 * @param kind       what happened
 * @param key        which occurrence: an alert of the same kind and key is raised only once
 * @param workflowId the workflow it is about, or {@code null}
 * @param subject    one line: an email's subject, a chat message's first line
 * @param body       the facts, one per line, with no secrets
 * @param link       the workflow's dashboard page, or {@code null}
 */
public record Alert(Kind kind, String key, String workflowId, String subject, String body, String link) {

    public enum Kind { ESCALATION, BUDGET_EXHAUSTED, STUCK_QUEUE }

    public Alert {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
    }
}
