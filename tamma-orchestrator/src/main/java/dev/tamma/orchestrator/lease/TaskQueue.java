package dev.tamma.orchestrator.lease;

import dev.tamma.core.workflow.Step;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The task table. Claims use {@code FOR UPDATE SKIP LOCKED}, so concurrent workers (on any replica)
 * never get the same task; lease times are the database's, so replicas need not agree on clocks.
 */
@Repository
public class TaskQueue {

    /** Channel on which a commit that queued work wakes every replica's waiting lease requests. */
    static final String CHANNEL = "tamma_tasks";

    private final JdbcClient jdbc;

    public TaskQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Queues a task, unless that attempt of that step exists already. Call inside a transaction.
     *
     * @param traceparent the trace its lease continues; null when tracing is off
     */
    public void enqueue(String workflowId, String repository, Step step, int attempt, String payload,
            Collection<String> labels, String traceparent) {
        // one round trip: the notification is sent only for a row inserted, and delivered on commit
        jdbc.sql("""
                WITH queued AS (
                    INSERT INTO task (workflow_id, repository, step, attempt, payload, labels, traceparent)
                    VALUES (?, ?, ?, ?, ?::jsonb, ?::text[], ?)
                    ON CONFLICT ON CONSTRAINT task_once DO NOTHING
                    RETURNING id)
                SELECT count(*) FROM queued, LATERAL (SELECT pg_notify('%s', '')) AS woken
                """.formatted(CHANNEL))
                .params(workflowId, repository, step.name(), attempt, payload, labels.toArray(String[]::new),
                        traceparent)
                .query(Integer.class)
                .single();
    }

    /**
     * Leases the oldest queued task whose labels the worker has all of, in a repository it may work
     * on ({@code repositoryPatterns} are SQL LIKE patterns; empty means any). The lease lasts
     * {@code untilAcknowledged} until the worker's first heartbeat (or its answer, which ends it).
     */
    public Optional<Task> claim(String owner, Collection<String> workerLabels, Collection<String> repositoryPatterns,
            String workflowId, Duration untilAcknowledged) {
        return jdbc.sql("""
                UPDATE task SET status = 'LEASED', lease_id = :lease, lease_owner = :owner, leased_at = now(),
                                lease_expires_at = now() + make_interval(secs => :ttl), acknowledged_at = NULL
                 WHERE id = (SELECT id FROM task
                              WHERE status = 'QUEUED' AND labels <@ :labels::text[]
                                AND (cardinality(:repos::text[]) = 0 OR repository LIKE ANY (:repos::text[]))
                                AND (:workflow::text IS NULL OR workflow_id = :workflow)
                              ORDER BY id
                              FOR UPDATE SKIP LOCKED
                              LIMIT 1)
                RETURNING *
                """)
                .param("lease", UUID.randomUUID())
                .param("owner", owner)
                .param("ttl", untilAcknowledged.toMillis() / 1000.0)
                .param("labels", workerLabels.toArray(String[]::new))
                .param("repos", repositoryPatterns.toArray(String[]::new))
                .param("workflow", workflowId)
                .query(ROW)
                .optional();
    }

    /**
     * Extends a live lease held under {@code ownerPrefix} (a worker token's owners), acknowledging
     * it the first time; empty when the lease is unknown, another token's, finished or already
     * expired. One statement: the row lock the UPDATE takes is all the check needs.
     */
    public Optional<Extended> heartbeat(UUID leaseId, String ownerPrefix, Duration ttl) {
        return jdbc.sql("""
                UPDATE task SET lease_expires_at = now() + make_interval(secs => ?),
                                acknowledged_at = coalesce(acknowledged_at, now())
                 WHERE lease_id = ? AND status = 'LEASED' AND lease_expires_at >= now()
                   AND starts_with(lease_owner, ?)
                RETURNING lease_expires_at, repository
                """)
                .params(ttl.toMillis() / 1000.0, leaseId, ownerPrefix)
                .query((rs, n) -> new Extended(rs.getObject("lease_expires_at", OffsetDateTime.class),
                        rs.getString("repository")))
                .optional();
    }

    /** A lease a heartbeat extended: until when it holds now, and the repository of its task. */
    public record Extended(OffsetDateTime expiresAt, String repository) {
    }

    /** Puts a leased task back in the queue unanswered; its next lease gets a new id. */
    public boolean release(UUID leaseId) {
        int released = jdbc.sql("""
                UPDATE task SET status = 'QUEUED', lease_id = NULL, lease_owner = NULL, lease_expires_at = NULL,
                                leased_at = NULL, acknowledged_at = NULL
                 WHERE lease_id = ? AND status = 'LEASED'
                """).param(leaseId).update();
        if (released > 0) {
            jdbc.sql("NOTIFY " + CHANNEL).update();
        }
        return released > 0;
    }

    /** Puts a task whose lease expired unacknowledged back in the queue, counting that it happened. */
    public void requeueUnacknowledged(long taskId) {
        int requeued = jdbc.sql("""
                UPDATE task SET status = 'QUEUED', lease_id = NULL, lease_owner = NULL, lease_expires_at = NULL,
                                leased_at = NULL, unacknowledged_leases = unacknowledged_leases + 1
                 WHERE id = ? AND status = 'LEASED' AND acknowledged_at IS NULL
                """).param(taskId).update();
        if (requeued > 0) {
            jdbc.sql("NOTIFY " + CHANNEL).update();
        }
    }

    /** The task of a lease, locked for the rest of the transaction. */
    public Optional<Task> lockByLease(UUID leaseId) {
        return jdbc.sql("SELECT * FROM task WHERE lease_id = ? FOR UPDATE").param(leaseId).query(ROW).optional();
    }

    /** The task of a lease, unlocked. */
    public Optional<Task> findByLease(UUID leaseId) {
        return jdbc.sql("SELECT * FROM task WHERE lease_id = ?").param(leaseId).query(ROW).optional();
    }

    /** A locked task and whether its lease's time is up, by the database's clock. */
    public record Locked(Task task, boolean expired) {
    }

    /**
     * The task of a lease, locked for the rest of the transaction, with its expiry judged in the
     * same statement (an answer needs both, and one round trip is cheaper than two).
     */
    public Optional<Locked> lockByLeaseJudgingExpiry(UUID leaseId) {
        return jdbc.sql("SELECT *, lease_expires_at < now() AS lease_expired FROM task WHERE lease_id = ? FOR UPDATE")
                .param(leaseId)
                .query((rs, n) -> new Locked(ROW.mapRow(rs, n), rs.getBoolean("lease_expired")))
                .optional();
    }

    public void finish(long taskId, Task.Status status) {
        jdbc.sql("UPDATE task SET status = ?, finished_at = now() WHERE id = ?").params(status.name(), taskId).update();
    }

    /** Ids of leases whose time is up, oldest first; at most {@code limit}. */
    public List<Long> expiredIds(int limit) {
        return jdbc.sql("SELECT id FROM task WHERE status = 'LEASED' AND lease_expires_at < now() "
                + "ORDER BY lease_expires_at LIMIT ?").param(limit).query(Long.class).list();
    }

    /** The task if its lease is still held and expired, locked; empty if someone else got to it. */
    public Optional<Task> lockExpired(long taskId) {
        return jdbc.sql("SELECT * FROM task WHERE id = ? AND status = 'LEASED' AND lease_expires_at < now() "
                + "FOR UPDATE SKIP LOCKED").param(taskId).query(ROW).optional();
    }

    public Optional<Task> find(String workflowId, Step step, int attempt) {
        return jdbc.sql("SELECT * FROM task WHERE workflow_id = ? AND step = ? AND attempt = ?")
                .params(workflowId, step.name(), attempt).query(ROW).optional();
    }

    static final RowMapper<Task> ROW = (rs, n) -> new Task(
            rs.getLong("id"),
            rs.getString("workflow_id"),
            rs.getString("repository"),
            Step.valueOf(rs.getString("step")),
            rs.getInt("attempt"),
            rs.getString("payload"),
            strings(rs, "labels"),
            Task.Status.valueOf(rs.getString("status")),
            rs.getObject("lease_id", UUID.class),
            rs.getString("lease_owner"),
            instant(rs, "lease_expires_at"),
            instant(rs, "leased_at"),
            instant(rs, "acknowledged_at"),
            rs.getInt("unacknowledged_leases"),
            rs.getString("traceparent"));

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
