package dev.tamma.orchestrator.workflow;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code workflow_command} outbox: what must be done on the platform for a workflow, carried
 * out in the order written by the command dispatcher. The engine writes the machine's commands
 * here; the inbox consumer writes the few it decides itself (a reaction acknowledging a command).
 */
@Repository
public class CommandOutbox {

    private final JdbcClient jdbc;

    public CommandOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds a command in the caller's transaction; {@code payload} is its JSON. */
    public void add(String workflowId, UUID correlationId, String type, String payload) {
        jdbc.sql("INSERT INTO workflow_command (workflow_id, correlation_id, type, payload) VALUES (?, ?, ?, ?::jsonb)")
                .params(workflowId, correlationId, type, payload)
                .update();
    }
}
