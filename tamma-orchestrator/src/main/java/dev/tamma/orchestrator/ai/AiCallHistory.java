package dev.tamma.orchestrator.ai;

import dev.tamma.core.ai.AiCallRecorded;
import dev.tamma.core.ai.CostReport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;

/**
 * Recorded AI calls read back from the event log, for {@code tamma costs}. Plain JDBC on the
 * connection the command line opened, streamed with a cursor, so a long history is summed without
 * being held in memory.
 *
 * @param since      inclusive, or null for the beginning
 * @param until      exclusive, or null for now
 * @param repository a repository ({@code acme/shop}) or a glob ({@code acme/*}), or null for all
 */
public record AiCallHistory(Instant since, Instant until, String repository) {

    public AiCallHistory {
        if (since != null && until != null && !since.isBefore(until)) {
            throw new IllegalArgumentException("--since (" + since + ") must be before --until (" + until + ")");
        }
        if (repository != null && repository.isBlank()) {
            throw new IllegalArgumentException("--repository must not be blank");
        }
    }

    /** The calls in range summed by {@code dimension}. */
    public CostReport report(Connection connection, CostReport.Dimension dimension) throws SQLException {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder(
                "SELECT global_position, schema_version, payload::text FROM event WHERE type = ?");
        args.add(AiCallEvents.TYPE);
        if (since != null) {
            sql.append(" AND occurred_at >= ?");
            args.add(since.atOffset(ZoneOffset.UTC));
        }
        if (until != null) {
            sql.append(" AND occurred_at < ?");
            args.add(until.atOffset(ZoneOffset.UTC));
        }
        if (repository != null) {
            sql.append(" AND payload->>'repository' LIKE ?");
            args.add(repository.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").replace('*', '%'));
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false); // lets PostgreSQL stream the rows with a cursor
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            statement.setFetchSize(1_000);
            for (int i = 0; i < args.size(); i++) {
                statement.setObject(i + 1, args.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                return StreamSupport.stream(new Calls(rows), false).collect(CostReport.collector(dimension));
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    /** The rows of a query, decoded one at a time as the report takes them. */
    private static final class Calls extends Spliterators.AbstractSpliterator<AiCallRecorded> {
        private final ResultSet rows;

        Calls(ResultSet rows) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.rows = rows;
        }

        @Override
        public boolean tryAdvance(Consumer<? super AiCallRecorded> action) {
            try {
                if (!rows.next()) {
                    return false;
                }
                action.accept(decode(rows));
                return true;
            } catch (SQLException e) {
                throw new IllegalStateException("Reading the AI calls failed: " + e.getMessage(), e);
            }
        }
    }

    private static AiCallRecorded decode(ResultSet row) throws SQLException {
        int version = row.getInt(2);
        if (version != AiCallEvents.VERSION) {
            throw new IllegalStateException("The event at global position " + row.getLong(1) + " is "
                    + AiCallEvents.TYPE + " v" + version + ", which this version of Tamma cannot read");
        }
        return AiCallEvents.decode(row.getString(3));
    }
}
