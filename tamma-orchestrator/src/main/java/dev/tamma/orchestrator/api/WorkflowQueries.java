package dev.tamma.orchestrator.api;

import dev.tamma.core.workflow.WorkflowEvent;
import dev.tamma.core.workflow.WorkflowState;
import dev.tamma.orchestrator.ai.AiCallEvents;
import dev.tamma.orchestrator.events.EventStore;
import dev.tamma.orchestrator.workflow.WorkflowEventCodec;
import dev.tamma.orchestrator.workflow.WorkflowHistory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The read side of the API: the {@code workflow} read model for lists, the log for events and replays. */
@Component
public class WorkflowQueries {

    /** A replay's position: after {@code version} events, or as of {@code at}. */
    public record ReplayPoint(Integer version, Instant at) {
    }

    /** What a workflow's AI calls cost so far, from its call stream (see AiCallEvents). */
    private static final String COST = "(SELECT coalesce(sum((c.payload->>'costUsd')::numeric), 0) FROM event c "
            + "WHERE c.stream_id = workflow.workflow_id || '" + AiCallEvents.streamOf("") + "' AND c.type = '"
            + AiCallEvents.TYPE + "') AS cost_usd";
    private static final String SUMMARY = "workflow_id, issue, mode, status, step, attempt, waiting_for, "
            + "(state->'change'->>'pullRequest')::int AS pull_request, state->'change'->>'issueUrl' AS issue_url, "
            + "state->'change'->>'pullRequestUrl' AS pull_request_url, started_at, updated_at, " + COST;

    private final JdbcClient jdbc;
    private final EventStore events;
    private final WorkflowHistory history;
    private final WorkflowEventCodec codec;
    private final JsonMapper json = JsonMapper.builder().build();

    public WorkflowQueries(JdbcClient jdbc, EventStore events, WorkflowHistory history, WorkflowEventCodec codec) {
        this.jdbc = jdbc;
        this.events = events;
        this.history = history;
        this.codec = codec;
    }

    public WorkflowViews.Page list(WorkflowFilter filter) {
        List<Object> args = new ArrayList<>();
        String where = filter.where(args);
        long total = jdbc.sql("SELECT count(*) FROM workflow " + where).params(args).query(Long.class).single();
        List<Object> paged = new ArrayList<>(args);
        paged.add(filter.limit());
        paged.add(filter.offset());
        List<WorkflowViews.Summary> rows = jdbc.sql("SELECT " + SUMMARY + " FROM workflow " + where
                        + " ORDER BY updated_at DESC, workflow_id LIMIT ? OFFSET ?")
                .params(paged).query((rs, n) -> summary(rs)).list();
        return new WorkflowViews.Page(rows, total, filter.limit(), filter.offset());
    }

    public Optional<WorkflowViews.Detail> current(String workflowId) {
        return jdbc.sql("SELECT state::text, version, started_at, updated_at, " + COST
                        + " FROM workflow WHERE workflow_id = ?")
                .param(workflowId)
                .query((rs, n) -> WorkflowViews.Detail.of(codec.decodeState(rs.getString(1)), rs.getInt(2),
                        instant(rs, 3), instant(rs, 4), rs.getBigDecimal(5)))
                .optional();
    }

    /** The state folded from the log up to a point: black-box replay. Empty when nothing had happened by then. */
    public Optional<WorkflowViews.Detail> replay(String workflowId, ReplayPoint point) {
        record Reached(int version, Instant first, Instant last) {
        }
        String upTo = point.version() != null ? "stream_version <= ?" : "occurred_at <= ?";
        Object bound = point.version() != null ? point.version() : point.at().atOffset(ZoneOffset.UTC);
        Reached reached = jdbc.sql("SELECT coalesce(max(stream_version), 0), min(occurred_at), max(occurred_at) "
                        + "FROM event WHERE stream_id = ? AND " + upTo)
                .params(workflowId, bound)
                .query((rs, n) -> new Reached(rs.getInt(1), instant(rs, 2), instant(rs, 3))).single();
        if (reached.version() == 0) {
            return Optional.empty();
        }
        WorkflowState state = history.stateAtVersion(workflowId, reached.version());
        return state.isStarted()
                ? Optional.of(WorkflowViews.Detail.of(state, reached.version(), reached.first(), reached.last(), null))
                : Optional.empty();
    }

    public boolean exists(String workflowId) {
        return jdbc.sql("SELECT count(*) FROM workflow WHERE workflow_id = ?").param(workflowId)
                .query(Integer.class).single() > 0;
    }

    /** The workflow's events after stream version {@code after}, of the given types (all when empty). */
    public WorkflowViews.Events events(String workflowId, int after, Set<String> types, int limit) {
        List<WorkflowViews.Event> found = new ArrayList<>();
        int from = after;
        while (found.size() < limit) {
            var batch = events.readStreamAfter(workflowId, from, Math.max(limit, 200));
            for (var e : batch) {
                if (found.size() < limit && (types.isEmpty() || types.contains(e.type()))) {
                    found.add(new WorkflowViews.Event(e.globalPosition(), e.streamVersion(), e.type(),
                            e.schemaVersion(), e.occurredAt(), e.actor(), e.correlationId(), json.readTree(e.payload())));
                }
            }
            if (batch.isEmpty()) {
                break;
            }
            from = batch.getLast().streamVersion();
        }
        return new WorkflowViews.Events(workflowId, found);
    }

    /** Workflows waiting for a person: escalations first, then the longest-waiting. */
    public WorkflowViews.Approvals approvals(WorkflowFilter filter) {
        List<Object> args = new ArrayList<>();
        args.add(WorkflowEvent.HumanWaitStarted.TYPE);
        args.add(WorkflowEvent.WorkflowEscalated.TYPE);
        String where = filter.where(args);
        String waiting = "waiting_for IS NOT NULL AND status IN ('WAITING_FOR_HUMAN', 'ESCALATED')";
        where = where.isEmpty() ? "WHERE " + waiting : where + " AND " + waiting;
        args.add(filter.limit());
        List<WorkflowViews.Approval> rows = jdbc.sql("""
                        SELECT w.state::text, w.status,
                               (SELECT max(e.occurred_at) FROM event e
                                 WHERE e.stream_id = w.workflow_id AND e.type IN (?, ?)) AS since
                          FROM workflow w
                        """ + where + " ORDER BY (status = 'ESCALATED') DESC, since ASC NULLS LAST LIMIT ?")
                .params(args)
                .query((rs, n) -> approval(codec.decodeState(rs.getString(1)), instant(rs, 3))).list();
        return new WorkflowViews.Approvals(rows);
    }

    private static WorkflowViews.Approval approval(WorkflowState s, Instant since) {
        return new WorkflowViews.Approval(s.workflowId(), WorkflowViews.repositoryOf(s.issue()), s.issue(),
                s.waitingFor().name(), s.step() == null ? null : s.step().name(), s.attempt(),
                s.change().pullRequest(), since, s.waitTimeoutAt(),
                s.escalation() == null ? null : WorkflowViews.EscalationView.of(s.escalation()));
    }

    private static WorkflowViews.Summary summary(ResultSet rs) throws SQLException {
        String issue = rs.getString("issue");
        return new WorkflowViews.Summary(rs.getString("workflow_id"), WorkflowViews.repositoryOf(issue), issue,
                rs.getString("mode"), rs.getString("status"), rs.getString("step"), rs.getInt("attempt"),
                rs.getString("waiting_for"), (Integer) rs.getObject("pull_request"), instant(rs, "started_at"),
                instant(rs, "updated_at"), rs.getBigDecimal("cost_usd"), rs.getString("issue_url"),
                rs.getString("pull_request_url"));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
