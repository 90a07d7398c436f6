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
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

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

    /**
     * The snapshot, locked until the transaction ends: for a decision that the same transaction
     * records, whose projection then finds it here again instead of reading and decoding it twice.
     * Writers of one workflow wait for each other from here on rather than conflict at the append.
     */
    public Optional<Snapshot> loadForUpdate(String workflowId) {
        Map<String, Snapshot> locked = lockedInThisTransaction();
        Snapshot known = locked == null ? null : locked.get(workflowId);
        if (known != null) {
            return Optional.of(known); // this transaction holds the row's lock and wrote it only through here
        }
        Optional<Snapshot> snapshot = jdbc.sql("SELECT state::text, version FROM workflow WHERE workflow_id = ? FOR UPDATE")
                .param(workflowId)
                .query((rs, n) -> new Snapshot(codec.decodeState(rs.getString(1)), rs.getInt(2)))
                .optional();
        snapshot.ifPresent(found -> remember(workflowId, found));
        return snapshot;
    }

    /**
     * The snapshots this transaction read under their row lock or wrote, by workflow; null outside
     * a transaction. Bound to the transaction, so a retry (a new transaction) starts afresh.
     */
    private Map<String, Snapshot> lockedInThisTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Snapshot> locked = (Map<String, Snapshot>) TransactionSynchronizationManager.getResource(this);
        if (locked == null) {
            locked = new HashMap<>();
            TransactionSynchronizationManager.bindResource(this, locked);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(WorkflowReadModel.this);
                }
            });
        }
        return locked;
    }

    private void remember(String workflowId, Snapshot snapshot) {
        Map<String, Snapshot> locked = lockedInThisTransaction();
        if (locked != null) {
            locked.put(workflowId, snapshot);
        }
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
                .update() == 1 && remembered(workflowId, new Snapshot(state, version));
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
        remember(workflowId, new Snapshot(state, version));
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
        Map<String, Snapshot> locked = lockedInThisTransaction();
        if (locked != null) {
            locked.computeIfPresent(workflowId, (id, known) -> new Snapshot(known.state(), version));
        }
    }

    /** {@link #remember} for an insert, which holds the new row's lock from then on. */
    private boolean remembered(String workflowId, Snapshot snapshot) {
        remember(workflowId, snapshot);
        return true;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
