package dev.tamma.orchestrator.ai;

import dev.tamma.core.ai.AiCallRecorded;
import dev.tamma.core.ai.AiCallRecorder;
import dev.tamma.core.workflow.Step;
import dev.tamma.orchestrator.events.ConcurrencyConflictException;
import dev.tamma.orchestrator.events.EventStore;
import dev.tamma.orchestrator.events.NewEvent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends AI calls to the event log, one stream per workflow (see {@link AiCallEvents} for why).
 * In-process workers hand it to their providers as their {@link AiCallRecorder}; calls reported
 * over the lease API come through {@link #append} with the ids the worker gave them, so a report
 * sent twice is stored once.
 */
@Service
public class AiCallLog implements AiCallRecorder {

    /** Who recorded a call made in this process. */
    static final String IN_PROCESS = "tamma";
    private static final Logger log = LoggerFactory.getLogger(AiCallLog.class);
    private static final int ATTEMPTS = 5;

    /** A call and the id it is kept under. */
    public record IdentifiedCall(UUID id, AiCallRecorded call) {
    }

    private final EventStore events;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AiCallMetrics metrics;

    public AiCallLog(EventStore events, JdbcClient jdbc, TransactionTemplate transactions, AiCallMetrics metrics) {
        this.events = events;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.metrics = metrics;
    }

    /** What a workflow has spent on AI calls by the log, in total and in one step over all its attempts. */
    public record Spend(BigDecimal workflowUsd, BigDecimal stepUsd) {
    }

    public Spend spent(String workflowId, Step step) {
        return spent(jdbc, workflowId, step);
    }

    /** {@link #spent(String, Step)} for read models, which cannot depend on this log: it appends to the event store. */
    public static Spend spent(JdbcClient jdbc, String workflowId, Step step) {
        return jdbc.sql("""
                SELECT coalesce(sum((payload->>'costUsd')::numeric), 0),
                       coalesce(sum((payload->>'costUsd')::numeric) FILTER (WHERE payload->>'step' = ?), 0)
                  FROM event WHERE stream_id = ? AND type = ?
                """)
                .params(step.name(), AiCallEvents.streamOf(workflowId), AiCallEvents.TYPE)
                .query((rs, n) -> new Spend(rs.getBigDecimal(1), rs.getBigDecimal(2)))
                .single();
    }

    /**
     * Appends a call made in this process. A call whose record cannot be stored has been made and
     * answered all the same, so the failure is logged, not thrown into the step that made it.
     */
    @Override
    public void record(AiCallRecorded call) {
        try {
            append(List.of(new IdentifiedCall(UUID.randomUUID(), call)), IN_PROCESS);
        } catch (RuntimeException e) {
            log.error("Could not record 1 AI call ({} {}, ${}) of workflow {} step {} attempt {}: {}. It is missing "
                    + "from the event log and from tamma costs", call.provider(), call.model(), call.costUsd(),
                    call.context().workflowId(), call.context().step(), call.context().attempt(), e.toString());
        }
    }

    /**
     * Stores the calls whose ids are not stored yet, each in its workflow's AI-call stream, all of
     * them or none; returns how many were new.
     */
    public int append(List<IdentifiedCall> calls, String actor) {
        if (calls.isEmpty()) {
            return 0;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(tx -> appendNew(calls, actor));
            } catch (ConcurrencyConflictException | DuplicateKeyException e) {
                // another writer appended to the same stream, or stored the same report, first: look again
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private int appendNew(List<IdentifiedCall> calls, String actor) {
        Set<UUID> stored = new HashSet<>(jdbc.sql("SELECT event_id FROM event WHERE event_id = ANY(?)")
                .param(calls.stream().map(IdentifiedCall::id).toArray(UUID[]::new))
                .query(UUID.class).list());
        Map<String, List<NewEvent>> byStream = new LinkedHashMap<>();
        List<AiCallRecorded> added = new ArrayList<>();
        for (IdentifiedCall each : calls) {
            if (stored.add(each.id())) {
                byStream.computeIfAbsent(AiCallEvents.streamOf(each.call().context().workflowId()),
                        stream -> new ArrayList<>()).add(AiCallEvents.encode(each.id(), each.call(), actor));
                added.add(each.call());
            }
        }
        byStream.forEach((stream, batch) -> events.append(stream, events.version(stream), batch));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                added.forEach(metrics::recorded);
            }
        });
        return added.size();
    }
}
