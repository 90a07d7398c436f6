package dev.tamma.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.tamma.core.workflow.WorkflowEvent;
import dev.tamma.core.workflow.WorkflowState;
import dev.tamma.orchestrator.database.EmbeddedPostgresServer;
import dev.tamma.orchestrator.events.EventStore;
import dev.tamma.orchestrator.events.NewEvent;
import dev.tamma.orchestrator.events.Upcasters;
import dev.tamma.orchestrator.workflow.WorkflowEventCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Event store append and workflow replay against the embedded PostgreSQL (configured as the service
 * runs it), each next to a plain JDBC INSERT or SELECT of the same rows measured in the same run,
 * interleaved so machine noise hits both.
 * Run with {@code ./tamma bench}; arguments: [single appends] [batches of 10] [replay stream size].
 */
public final class EventStoreBenchmark {

    private static final String PAYLOAD = "{\"step\":\"IMPLEMENT\",\"attempt\":2,\"worker\":\"worker-3\","
            + "\"summary\":\"Added the parser tests, then the parser; 14 files changed\"}";
    private static final String PLAIN_INSERT = """
            INSERT INTO bench_plain (stream_id, stream_version, event_id, type, schema_version, occurred_at, actor,
                                     correlation_id, causation_id, payload, previous_hash, hash)
            VALUES (?, ?, ?, ?, 1, ?, ?, NULL, NULL, ?::jsonb, ?, ?)""";

    private final EventStore store;
    private final TransactionTemplate tx;
    private final HikariDataSource pool;
    private final JsonMapper json = JsonMapper.builder().build();
    private final WorkflowEventCodec codec = new WorkflowEventCodec();

    private EventStoreBenchmark(HikariDataSource pool) {
        this.pool = pool;
        JdbcTemplate jdbc = new JdbcTemplate(pool);
        this.store = new EventStore(jdbc, List.of(), new Upcasters(List.of(), json));
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(pool));
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("logback.configurationFile", "logback-cli.xml"); // keep the report readable
        int singles = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int replaySize = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        Path data = Files.createTempDirectory("tamma-bench");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data.resolve("pgdata"));
                HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl(server.jdbcUrl());
            pool.setUsername("postgres");
            pool.setMaximumPoolSize(2);
            Flyway.configure().dataSource(pool).load().migrate();
            try (Connection c = pool.getConnection(); var s = c.createStatement()) {
                s.execute("CREATE TABLE bench_plain (LIKE event INCLUDING DEFAULTS)");
                s.execute("ALTER TABLE bench_plain ALTER global_position ADD GENERATED ALWAYS AS IDENTITY");
                s.execute("ALTER TABLE bench_plain ADD PRIMARY KEY (global_position), "
                        + "ADD UNIQUE (stream_id, stream_version), ADD UNIQUE (event_id)");
            }
            new EventStoreBenchmark(pool).run(singles, batches, replaySize, server);
        }
    }

    private void run(int singles, int batches, int replaySize, EmbeddedPostgresServer server) throws SQLException {
        System.out.printf(Locale.ROOT, "JDK %s, %d cores, %s, fsync %s, synchronous_commit %s%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), setting("server_version"),
                setting("fsync"), setting("synchronous_commit"));
        int warmup = Math.max(200, singles / 10);
        singleAppends(warmup, "warmup", false);
        Sample[] single = singleAppends(singles, "measured", false);
        Sample[] singleTx = singleAppends(singles, "measured-tx", true);
        Sample[] batch = batchAppends(batches);
        Sample[] replay = replay(replaySize);

        System.out.println();
        System.out.println("| operation | n | Tamma p50 | Tamma p99 | plain p50 | plain p99 | ratio p50 | ratio p99 |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        row("append 1 event vs plain INSERT (autocommit)", single);
        row("append 1 event vs plain BEGIN; INSERT; COMMIT", singleTx);
        row("append batch of 10 (one transaction)", batch);
        row("replay " + replaySize + "-event workflow (read, decode, fold) vs plain SELECT", replay);
    }

    /**
     * Alternates one event-store append (in its own transaction, as the engine calls it) with one
     * plain INSERT, either in autocommit or in an explicit transaction of its own.
     */
    private Sample[] singleAppends(int n, String phase, boolean plainInTransaction) throws SQLException {
        long[] tamma = new long[n];
        long[] plain = new long[n];
        int streams = 100;
        int[] versions = new int[streams];
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = pool.getConnection(); PreparedStatement insert = c.prepareStatement(PLAIN_INSERT)) {
            for (int i = 0; i < n; i++) {
                int s = i % streams;
                String stream = "bench-" + phase + "-" + run + "-" + s;
                int expected = versions[s]++;
                long t0 = System.nanoTime();
                tx.executeWithoutResult(t -> store.append(stream, expected, List.of(event())));
                long t1 = System.nanoTime();
                c.setAutoCommit(!plainInTransaction);
                bindPlain(insert, "plain-" + stream, expected + 1);
                insert.executeUpdate();
                if (plainInTransaction) {
                    c.commit();
                }
                long t2 = System.nanoTime();
                tamma[i] = t1 - t0;
                plain[i] = t2 - t1;
            }
        }
        return new Sample[] {new Sample(tamma), new Sample(plain)};
    }

    /** Ten events in one transaction, against ten plain INSERTs sent as one JDBC batch in one transaction. */
    private Sample[] batchAppends(int n) throws SQLException {
        long[] tamma = new long[n];
        long[] plain = new long[n];
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = pool.getConnection(); PreparedStatement insert = c.prepareStatement(PLAIN_INSERT)) {
            for (int i = 0; i < n; i++) {
                String stream = "bench-batch-" + run + "-" + i;
                List<NewEvent> ten = new ArrayList<>(10);
                for (int k = 0; k < 10; k++) {
                    ten.add(event());
                }
                long t0 = System.nanoTime();
                tx.executeWithoutResult(t -> store.append(stream, 0, ten));
                long t1 = System.nanoTime();
                c.setAutoCommit(false);
                for (int k = 0; k < 10; k++) {
                    bindPlain(insert, "plain-" + stream, k + 1);
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
                c.setAutoCommit(true);
                long t2 = System.nanoTime();
                tamma[i] = t1 - t0;
                plain[i] = t2 - t1;
            }
        }
        return new Sample[] {new Sample(tamma), new Sample(plain)};
    }

    /**
     * Replays a workflow made by the real state machine: read its stream, decode every event into
     * its core record and fold them into the state. Against a plain SELECT of the same rows.
     */
    private Sample[] replay(int size) throws SQLException {
        String stream = "bench-replay-" + UUID.randomUUID();
        List<WorkflowEvent> history = WorkflowStream.generate(stream, size);
        for (int written = 0; written < size; written += 100) {
            List<NewEvent> chunk = history.subList(written, Math.min(size, written + 100)).stream()
                    .map(e -> codec.encode(e, "tamma", null)).toList();
            int expected = written;
            tx.executeWithoutResult(t -> store.append(stream, expected, chunk));
        }
        try (Connection c = pool.getConnection(); var s = c.createStatement()) {
            s.execute("INSERT INTO bench_plain (stream_id, stream_version, event_id, type, schema_version, "
                    + "occurred_at, actor, correlation_id, causation_id, payload, previous_hash, hash) "
                    + "SELECT 'plain-' || stream_id, stream_version, gen_random_uuid(), type, schema_version, "
                    + "occurred_at, actor, correlation_id, causation_id, payload, previous_hash, hash "
                    + "FROM event WHERE stream_id = '" + stream + "'");
        }
        WorkflowState expected = WorkflowState.replay(history);
        int rounds = 30;
        long[] tamma = new long[rounds];
        long[] plain = new long[rounds];
        for (int r = -5; r < rounds; r++) { // five rounds of warm-up
            long t0 = System.nanoTime();
            WorkflowState state = WorkflowState.replay(store.readStream(stream).stream().map(codec::decode).toList());
            long t1 = System.nanoTime();
            long plainRows = plainSelect("plain-" + stream);
            long t2 = System.nanoTime();
            if (!state.equals(expected) || plainRows != size) {
                throw new IllegalStateException("replay did not reproduce the state, or read " + plainRows + " rows");
            }
            if (r >= 0) {
                tamma[r] = t1 - t0;
                plain[r] = t2 - t1;
            }
        }
        return new Sample[] {new Sample(tamma), new Sample(plain)};
    }

    private long plainSelect(String stream) throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT " + "global_position, stream_id, stream_version, event_id, type, schema_version, "
                                + "occurred_at, actor, correlation_id, causation_id, payload::text, previous_hash, hash "
                                + "FROM bench_plain WHERE stream_id = ? ORDER BY stream_version")) {
            ps.setString(1, stream);
            long n = 0;
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getString(11);
                    n++;
                }
            }
            return n;
        }
    }

    private static void bindPlain(PreparedStatement insert, String stream, int version) throws SQLException {
        insert.setString(1, stream);
        insert.setInt(2, version);
        insert.setObject(3, UUID.randomUUID());
        insert.setString(4, "StepSucceeded");
        insert.setTimestamp(5, Timestamp.from(Instant.now()));
        insert.setString(6, "worker-3");
        insert.setString(7, PAYLOAD);
        insert.setString(8, "0".repeat(64));
        insert.setString(9, "0".repeat(64));
    }

    private static NewEvent event() {
        return NewEvent.of("StepSucceeded", 1, Instant.now(), "worker-3", PAYLOAD);
    }

    private String setting(String name) throws SQLException {
        try (Connection c = pool.getConnection(); var s = c.createStatement();
                var rs = s.executeQuery("SHOW " + name)) {
            rs.next();
            return name.equals("server_version") ? "PostgreSQL " + rs.getString(1) : rs.getString(1);
        }
    }

    private static void row(String name, Sample[] pair) {
        Sample t = pair[0];
        Sample p = pair[1];
        System.out.printf(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %.2fx | %.2fx |%n", name, t.n(),
                ms(t.p50()), ms(t.p99()), ms(p.p50()), ms(p.p99()), t.p50() / p.p50(), t.p99() / p.p99());
    }

    private static String ms(double nanos) {
        return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
    }

    private record Sample(long[] nanos) {
        Sample {
            nanos = nanos.clone();
            Arrays.sort(nanos);
        }

        int n() {
            return nanos.length;
        }

        double p50() {
            return percentile(0.50);
        }

        double p99() {
            return percentile(0.99);
        }

        private double percentile(double q) {
            return nanos[Math.min(nanos.length - 1, (int) Math.ceil(q * nanos.length) - 1)];
        }
    }
}
