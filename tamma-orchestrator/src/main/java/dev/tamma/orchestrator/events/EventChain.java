package dev.tamma.orchestrator.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Walks the hash chain of the event log and names the first event that does not hold. It recomputes
 * every hash in Java from the stored columns, so it does not trust the database's own hash function.
 * Plain JDBC: the CLI runs it without starting the service.
 */
public final class EventChain {

    /** The hash the first event links to. */
    public static final String GENESIS = "0".repeat(64);

    private EventChain() {
    }

    /** What {@code tamma audit verify} reports. */
    public record Report(long eventsChecked, Optional<Break> firstBreak) {
        public boolean intact() {
            return firstBreak.isEmpty();
        }
    }

    /** The first event whose hash or link does not hold, and why. */
    public record Break(long globalPosition, String streamId, int streamVersion, String eventId, String reason) {
        @Override
        public String toString() {
            return "event at global position " + globalPosition + " (stream " + streamId + ", version "
                    + streamVersion + ", id " + eventId + "): " + reason;
        }
    }

    /** The same bytes as the SQL function {@code event_hash} of V2__event_store.sql. */
    static String hash(StoredEvent e) {
        String canonical = String.join("\n",
                e.previousHash(),
                Long.toString(e.globalPosition()),
                e.streamId(),
                Integer.toString(e.streamVersion()),
                e.eventId().toString(),
                e.type(),
                Integer.toString(e.schemaVersion()),
                Long.toString(e.occurredAt().toEpochMilli()),
                e.actor(),
                e.correlationId() == null ? "" : e.correlationId().toString(),
                e.causationId() == null ? "" : e.causationId().toString(),
                e.payload());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e1) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e1);
        }
    }

    /** Verifies the whole log, streaming it in log order. */
    public static Report verify(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT " + EventStore.COLUMNS + " FROM event ORDER BY global_position")) {
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                return walk(rs);
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    private static Report walk(ResultSet rs) throws SQLException {
        long checked = 0;
        String previous = GENESIS;
        while (rs.next()) {
            StoredEvent e = EventStore.ROW.mapRow(rs, 0);
            checked++;
            if (!Objects.equals(e.previousHash(), previous)) {
                return broken(checked, e, "it links to " + e.previousHash() + " but the event before it hashes to "
                        + previous + " (an event before it was removed, inserted or altered)");
            }
            String expected = hash(e);
            if (!expected.equals(e.hash())) {
                return broken(checked, e, "its stored hash " + e.hash() + " does not match its contents, which hash to "
                        + expected + " (the event was altered)");
            }
            previous = e.hash();
        }
        return new Report(checked, Optional.empty());
    }

    private static Report broken(long checked, StoredEvent e, String reason) {
        return new Report(checked, Optional.of(
                new Break(e.globalPosition(), e.streamId(), e.streamVersion(), e.eventId().toString(), reason)));
    }
}
