package dev.tamma.orchestrator.alert;

import dev.tamma.core.workflow.Step;
import dev.tamma.orchestrator.instance.ReplicaJob;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import net.javacrumbs.shedlock.core.LockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Looks at the task queue every {@code tamma.alerts.stuck-queue.check-every}, on one replica at a
 * time (ShedLock). A task that has waited longer than {@code stuck-queue.after} for a worker opens
 * an episode, alerted once; the episode ends when no task waits that long, and the next one is
 * alerted again.
 */
@Component
class StuckQueueWatch implements ReplicaJob.Owner {

    static final String LOCK = "alert-stuck-queue";
    private static final Logger log = LoggerFactory.getLogger(StuckQueueWatch.class);
    private static final int OLDEST = 50;

    private final JdbcClient jdbc;
    private final AlertStore store;
    private final AlertChannels channels;
    private final AlertProperties.StuckQueue settings;
    private final AlertMessages messages;
    private final TransactionTemplate transactions;
    private final ReplicaJob job;

    StuckQueueWatch(JdbcClient jdbc, AlertStore store, AlertChannels channels, AlertProperties properties,
            TransactionTemplate transactions, LockProvider lockProvider, AlertMessages messages, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.channels = channels;
        this.settings = properties.stuckQueue();
        this.messages = messages;
        this.transactions = transactions;
        this.job = new ReplicaJob(LOCK, "Looking for a stuck task queue", settings.checkEvery(),
                settings.checkEvery().multipliedBy(5), lockProvider, clock, this::check);
    }

    /** Looks once; returns whether this look opened an episode (and raised its alert). */
    boolean check() {
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            Instant now = jdbc.sql("SELECT now()").query(OffsetDateTime.class).single().toInstant();
            List<AlertMessages.Waiting> oldest = jdbc.sql("""
                    SELECT t.workflow_id, coalesce(w.issue, t.repository) AS issue, t.step, t.attempt, t.queued_at
                      FROM task t LEFT JOIN workflow w ON w.workflow_id = t.workflow_id
                     WHERE t.status = 'QUEUED' AND t.queued_at < ? AND
                           (w.status IS NULL OR w.status NOT IN ('DONE', 'CANCELLED'))
                     ORDER BY t.queued_at
                     LIMIT ?
                    """)
                    .params(now.minus(settings.after()).atOffset(ZoneOffset.UTC), OLDEST)
                    .query((rs, n) -> new AlertMessages.Waiting(rs.getString("workflow_id"), rs.getString("issue"),
                            Step.valueOf(rs.getString("step")), rs.getInt("attempt"),
                            rs.getObject("queued_at", OffsetDateTime.class).toInstant()))
                    .list();
            if (oldest.isEmpty()) {
                if (store.clearStuckQueue()) {
                    log.info("No task has waited longer than {} for a worker any more; the stuck queue is over",
                            settings.after());
                }
                return false;
            }
            if (store.stuckQueueOpen()) {
                return false;
            }
            int total = oldest.size() < OLDEST ? oldest.size() : jdbc.sql("""
                    SELECT count(*) FROM task t LEFT JOIN workflow w ON w.workflow_id = t.workflow_id
                     WHERE t.status = 'QUEUED' AND t.queued_at < ?
                       AND (w.status IS NULL OR w.status NOT IN ('DONE', 'CANCELLED'))
                    """)
                    .param(now.minus(settings.after()).atOffset(ZoneOffset.UTC)).query(Integer.class).single();
            boolean raised = store.raise(messages.stuckQueue("since " + now, oldest, total, settings.after(), now));
            if (raised) {
                log.warn("{} tasks have waited longer than {} for a worker; the oldest is {} of {}", total,
                        settings.after(), oldest.getFirst().step(), oldest.getFirst().issue());
            }
            return raised;
        }));
    }

    /** Only with an alert channel configured. */
    @Override
    public boolean enabled() {
        return channels.any();
    }

    @Override
    public ReplicaJob job() {
        return job;
    }
}
