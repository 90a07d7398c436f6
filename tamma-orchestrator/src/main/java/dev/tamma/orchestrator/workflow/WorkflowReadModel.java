package dev.tamma.orchestrator.workflow;

import dev.tamma.core.workflow.WorkflowState;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code workflow} table: each workflow's current state and the stream version it reflects. */
@Repository
public class WorkflowReadModel {

    /** A workflow's state as of {@code version} events of its stream. */
    public record Snapshot(WorkflowState state, int version) {
    }

    private final JdbcClient jdbc;
    private final WorkflowEventCodec codec;

    public WorkflowReadModel(JdbcClient jdbc, WorkflowEventCodec codec) {
        this.jdbc = jdbc;
        this.codec = codec;
    }

    public Optional<Snapshot> load(String workflowId) {
        return jdbc.sql("SELECT state::text, version FROM workflow WHERE workflow_id = ?")
                .param(workflowId)
                .query((rs, n) -> new Snapshot(codec.decodeState(rs.getString(1)), rs.getInt(2)))
                .optional();
    }

    /** The snapshot, locked until the transaction ends: for the projection, which writes it next. */
    Optional<Snapshot> loadForUpdate(String workflowId) {
        return jdbc.sql("SELECT state::text, version FROM workflow WHERE workflow_id = ? FOR UPDATE")
                .param(workflowId)
                .query((rs, n) -> new Snapshot(codec.decodeState(rs.getString(1)), rs.getInt(2)))
                .optional();
    }

    /** Inserts the row; false when another transaction inserted it first. */
    boolean insert(String workflowId, WorkflowState state, int version, Instant at) {
        return jdbc.sql("""
                INSERT INTO workflow (workflow_id, issue, mode, status, step, attempt, waiting_for, version,
                                      started_at, updated_at, state)
                VALUES (:id, :issue, :mode, :status, :step, :attempt, :waitingFor, :version, :at, :at,
                        :state::jsonb)
                ON CONFLICT (workflow_id) DO NOTHING
                """)
                .param("id", workflowId)
                .param("issue", state.issue())
                .param("mode", state.config().mode().name())
                .params(columns(state, version, at))
                .update() == 1;
    }

    void update(String workflowId, WorkflowState state, int version, Instant at) {
        jdbc.sql("""
                UPDATE workflow SET status = :status, step = :step, attempt = :attempt, waiting_for = :waitingFor,
                                    version = :version, updated_at = :at, state = :state::jsonb
                 WHERE workflow_id = :id
                """)
                .param("id", workflowId)
                .params(columns(state, version, at))
                .update();
    }

    private Map<String, Object> columns(WorkflowState state, int version, Instant at) {
        var columns = new HashMap<String, Object>();
        columns.put("status", state.status().name());
        columns.put("step", state.step() == null ? null : state.step().name());
        columns.put("attempt", state.attempt());
        columns.put("waitingFor", state.waitingFor() == null ? null : state.waitingFor().name());
        columns.put("version", version);
        columns.put("at", utc(at));
        columns.put("state", codec.encodeState(state));
        return columns;
    }

    void advanceVersion(String workflowId, int version) {
        jdbc.sql("UPDATE workflow SET version = ? WHERE workflow_id = ?").params(version, workflowId).update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
