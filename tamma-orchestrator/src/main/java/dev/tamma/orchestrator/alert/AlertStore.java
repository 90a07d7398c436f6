package dev.tamma.orchestrator.alert;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code alert} and {@code alert_delivery} tables: an alert is raised once per (kind, key),
 * in the caller's transaction, with one delivery per channel configured at that moment. Times
 * are the database's, so replicas need not agree on clocks.
 */
@Repository
class AlertStore {

    /** A delivery that is due, with the alert it delivers. */
    record Due(long alertId, String channel, int attempts, Instant raisedAt, Alert alert) {
    }

    private final JdbcClient jdbc;
    private final AlertChannels channels;

    AlertStore(JdbcClient jdbc, AlertChannels channels) {
        this.jdbc = jdbc;
        this.channels = channels;
    }

    /** Raises {@code alert} unless it was raised before; returns whether it is new. */
    boolean raise(Alert alert) {
        if (!channels.any()) {
            return false;
        }
        return jdbc.sql("""
                WITH raised AS (
                    INSERT INTO alert (kind, key, workflow_id, subject, body, link) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT DO NOTHING
                    RETURNING id)
                INSERT INTO alert_delivery (alert_id, channel)
                SELECT raised.id, channel FROM raised, unnest(?::text[]) AS channel
                """)
                .params(alert.kind().name(), alert.key(), alert.workflowId(), alert.subject(), alert.body(),
                        alert.link(), channels.names().toArray(String[]::new))
                .update() > 0;
    }

    /** Whether a stuck-queue episode is open. */
    boolean stuckQueueOpen() {
        return jdbc.sql("SELECT count(*) FROM alert WHERE kind = 'STUCK_QUEUE' AND cleared_at IS NULL")
                .query(Integer.class).single() > 0;
    }

    /** Ends the open stuck-queue episode; returns whether there was one. */
    boolean clearStuckQueue() {
        return jdbc.sql("UPDATE alert SET cleared_at = now() WHERE kind = 'STUCK_QUEUE' AND cleared_at IS NULL")
                .update() > 0;
    }

    /** Up to {@code limit} deliveries whose time has come, oldest alert first. */
    List<Due> due(int limit) {
        return jdbc.sql("""
                SELECT d.alert_id, d.channel, d.attempts, a.raised_at, a.kind, a.key, a.workflow_id, a.subject,
                       a.body, a.link
                  FROM alert_delivery d JOIN alert a ON a.id = d.alert_id
                 WHERE d.delivered_at IS NULL AND d.abandoned_at IS NULL AND d.next_attempt_at <= now()
                 ORDER BY d.alert_id, d.channel
                 LIMIT ?
                """)
                .param(limit)
                .query((rs, n) -> new Due(rs.getLong("alert_id"), rs.getString("channel"), rs.getInt("attempts"),
                        rs.getObject("raised_at", OffsetDateTime.class).toInstant(),
                        new Alert(Alert.Kind.valueOf(rs.getString("kind")), rs.getString("key"),
                                rs.getString("workflow_id"), rs.getString("subject"), rs.getString("body"),
                                rs.getString("link"))))
                .list();
    }

    void delivered(Due due, int tries) {
        jdbc.sql("""
                UPDATE alert_delivery SET delivered_at = now(), attempts = attempts + ?, last_error = NULL
                 WHERE alert_id = ? AND channel = ?
                """).params(tries, due.alertId(), due.channel()).update();
    }

    /** Records a failed round; the next is due after {@code wait}. */
    void failed(Due due, int tries, String error, Duration wait) {
        jdbc.sql("""
                UPDATE alert_delivery SET attempts = attempts + ?, last_error = ?,
                                          next_attempt_at = now() + make_interval(secs => ?)
                 WHERE alert_id = ? AND channel = ?
                """).params(tries, error, wait.toMillis() / 1000.0, due.alertId(), due.channel()).update();
    }

    void abandoned(Due due, int tries, String error) {
        jdbc.sql("""
                UPDATE alert_delivery SET attempts = attempts + ?, last_error = ?, abandoned_at = now()
                 WHERE alert_id = ? AND channel = ?
                """).params(tries, error, due.alertId(), due.channel()).update();
    }

    /** Whether {@code age} has passed since {@code instant}, by the database's clock. */
    boolean olderThan(Instant instant, Duration age) {
        return jdbc.sql("SELECT ? < now() - make_interval(secs => ?)")
                .params(instant.atOffset(ZoneOffset.UTC), age.toMillis() / 1000.0)
                .query(Boolean.class).single();
    }
}
