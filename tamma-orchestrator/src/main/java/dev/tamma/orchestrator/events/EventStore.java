package dev.tamma.orchestrator.events;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only event log. Appends are atomic per call, checked against the stream's expected
 * version, chained by hash in the database, and projected into read models in the same transaction.
 */
@Repository
public class EventStore {

    /** Raised by the database when the expected version is stale (see V2__event_store.sql). */
    private static final String VERSION_CONFLICT = "TM409";
    private static final String UNIQUE_VIOLATION = "23505";

    static final String COLUMNS = "global_position, stream_id, stream_version, event_id, type, schema_version, "
            + "occurred_at, actor, correlation_id, causation_id, payload::text AS payload, previous_hash, hash";

    private static final String APPEND = """
            INSERT INTO event (stream_id, stream_version, event_id, type, schema_version, occurred_at, actor,
                               correlation_id, causation_id, payload, global_position, previous_hash, hash)
            SELECT ?, ? + n, e, t, v, o::timestamptz, a, c, k, p::jsonb, 0, '', ''
              FROM unnest(?::uuid[], ?::text[], ?::int[], ?::text[], ?::text[], ?::uuid[], ?::uuid[], ?::text[])
                   WITH ORDINALITY AS x(e, t, v, o, a, c, k, p, n)
             ORDER BY n
            RETURNING\s""" + COLUMNS;

    /** One event: a plain VALUES insert, cheaper to plan and bind than the array form. */
    private static final String APPEND_ONE = """
            INSERT INTO event (stream_id, stream_version, event_id, type, schema_version, occurred_at, actor,
                               correlation_id, causation_id, payload, global_position, previous_hash, hash)
            VALUES (?, ? + 1, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, 0, '', '')
            RETURNING\s""" + COLUMNS;

    private final JdbcTemplate jdbc;
    private final JdbcClient client;
    private final List<EventProjection> projections;
    private final Upcasters upcasters;

    public EventStore(JdbcTemplate jdbc, List<EventProjection> projections, Upcasters upcasters) {
        this.jdbc = jdbc;
        this.client = JdbcClient.create(jdbc);
        this.projections = projections;
        this.upcasters = upcasters;
    }

    /**
     * Appends {@code events} to {@code streamId}, which must be at {@code expectedVersion} (0 for a
     * new stream). All of them are stored, or none.
     *
     * @throws ConcurrencyConflictException when the stream has moved on; nothing was stored
     */
    @Transactional
    public List<StoredEvent> append(String streamId, int expectedVersion, List<NewEvent> events) {
        NewEvent.requireSingleLine(streamId, "streamId");
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expectedVersion must be 0 or more, was " + expectedVersion);
        }
        if (events.isEmpty()) {
            return List.of();
        }
        // Read models first: the insert takes the log's lock until commit, so the less follows it, the better.
        projections.forEach(p -> p.project(streamId, expectedVersion, events));
        return jdbc.execute((ConnectionCallback<List<StoredEvent>>) c -> insert(c, streamId, expectedVersion, events));
    }

    private List<StoredEvent> insert(Connection c, String streamId, int expectedVersion, List<NewEvent> events)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(events.size() == 1 ? APPEND_ONE : APPEND)) {
            insert.setString(1, streamId);
            insert.setInt(2, expectedVersion);
            if (events.size() == 1) {
                bindOne(insert, events.getFirst());
            } else {
                bindMany(c, insert, events);
            }
            List<StoredEvent> stored = new ArrayList<>(events.size());
            try (ResultSet rows = insert.executeQuery()) {
                int i = 0;
                while (rows.next()) {
                    stored.add(ROW.mapRow(rows, i++));
                }
            }
            return stored;
        } catch (SQLException e) {
            if (VERSION_CONFLICT.equals(e.getSQLState()) || UNIQUE_VIOLATION.equals(e.getSQLState())
                    && String.valueOf(e.getMessage()).contains("event_stream_version_unique")) {
                throw new ConcurrencyConflictException(streamId, expectedVersion, e);
            }
            throw e;
        }
    }

    private static void bindOne(PreparedStatement insert, NewEvent e) throws SQLException {
        insert.setObject(3, e.eventId());
        insert.setString(4, e.type());
        insert.setInt(5, e.schemaVersion());
        insert.setObject(6, e.occurredAt().atOffset(ZoneOffset.UTC));
        insert.setString(7, e.actor());
        insert.setObject(8, e.correlationId());
        insert.setObject(9, e.causationId());
        insert.setString(10, e.payload());
    }

    private static void bindMany(Connection c, PreparedStatement insert, List<NewEvent> events) throws SQLException {
        insert.setArray(3, array(c, "uuid", events, NewEvent::eventId));
        insert.setArray(4, array(c, "text", events, NewEvent::type));
        insert.setArray(5, array(c, "int4", events, NewEvent::schemaVersion));
        insert.setArray(6, array(c, "text", events, e -> e.occurredAt().toString()));
        insert.setArray(7, array(c, "text", events, NewEvent::actor));
        insert.setArray(8, array(c, "uuid", events, NewEvent::correlationId));
        insert.setArray(9, array(c, "uuid", events, NewEvent::causationId));
        insert.setArray(10, array(c, "text", events, NewEvent::payload));
    }

    /** The stream's version: the number of events in it, 0 when it has none. */
    public int version(String streamId) {
        return client.sql("SELECT coalesce(max(stream_version), 0) FROM event WHERE stream_id = ?")
                .param(streamId).query(Integer.class).single();
    }

    /** Every event of a stream, oldest first, upcast to the newest schema versions. */
    @Transactional(readOnly = true)
    public List<StoredEvent> readStream(String streamId) {
        return read("WHERE stream_id = ? ORDER BY stream_version", streamId);
    }

    /** The events of a stream that had occurred at {@code instant} (inclusive): what a replay folds. */
    @Transactional(readOnly = true)
    public List<StoredEvent> readStreamUntil(String streamId, Instant instant) {
        return read("WHERE stream_id = ? AND occurred_at <= ? ORDER BY stream_version",
                streamId, instant.atOffset(ZoneOffset.UTC));
    }

    /** Up to {@code limit} events of a stream after {@code version}, oldest first: how followers catch up. */
    @Transactional(readOnly = true)
    public List<StoredEvent> readStreamAfter(String streamId, int version, int limit) {
        return read("WHERE stream_id = ? AND stream_version > ? ORDER BY stream_version LIMIT ?", streamId, version,
                limit);
    }

    /**
     * Up to {@code limit} events after a global position, in log order: how projections catch up.
     * Positions follow commit order, so a reader that saw position N never misses an event below it.
     */
    @Transactional(readOnly = true)
    public List<StoredEvent> readAfter(long globalPosition, int limit) {
        return read("WHERE global_position > ? ORDER BY global_position LIMIT ?", globalPosition, limit);
    }

    /**
     * Streams the events matching a filter to {@code sink} in log order without holding them all in
     * memory; for exports of any size.
     */
    @Transactional(readOnly = true)
    public void forEach(EventFilter filter, Consumer<StoredEvent> sink) {
        jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement(
                    "SELECT " + COLUMNS + " FROM event " + filter.where() + " ORDER BY global_position");
            ps.setFetchSize(500);
            Object[] args = filter.args();
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof String[] strings) {
                    ps.setArray(i + 1, con.createArrayOf("text", strings));
                } else {
                    ps.setObject(i + 1, args[i]);
                }
            }
            return ps;
        }, (ResultSet rs) -> {
            sink.accept(upcasters.upcast(ROW.mapRow(rs, 0)));
        });
    }

    private List<StoredEvent> read(String where, Object... args) {
        try (Stream<StoredEvent> rows = client.sql("SELECT " + COLUMNS + " FROM event " + where)
                .params(args).query(ROW).stream()) {
            return rows.map(upcasters::upcast).toList();
        }
    }

    static final RowMapper<StoredEvent> ROW = (rs, n) -> new StoredEvent(
            rs.getLong("global_position"),
            rs.getString("stream_id"),
            rs.getInt("stream_version"),
            rs.getObject("event_id", UUID.class),
            rs.getString("type"),
            rs.getInt("schema_version"),
            rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
            rs.getString("actor"),
            rs.getObject("correlation_id", UUID.class),
            rs.getObject("causation_id", UUID.class),
            rs.getString("payload"),
            rs.getString("previous_hash"),
            rs.getString("hash"));

    private static <T> Array array(Connection c, String type, List<NewEvent> events,
            java.util.function.Function<NewEvent, T> field) throws SQLException {
        return c.createArrayOf(type, events.stream().map(field).toArray());
    }
}
