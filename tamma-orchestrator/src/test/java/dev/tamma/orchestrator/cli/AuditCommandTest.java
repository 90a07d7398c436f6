package dev.tamma.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.ai.AiCallRecorded;
import dev.tamma.core.ai.CallContext;
import dev.tamma.core.ai.TokenUsage;
import dev.tamma.core.workflow.Step;
import dev.tamma.orchestrator.ai.AiCallEvents;
import dev.tamma.orchestrator.events.EventStore;
import dev.tamma.orchestrator.events.NewEvent;
import dev.tamma.orchestrator.events.StoredEvent;
import dev.tamma.orchestrator.events.Upcasters;
import dev.tamma.orchestrator.testdb.TestDatabase;
import dev.tamma.worker.StepHandlers;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code tamma audit} against a database of its own, so tampering here cannot disturb other tests. */
class AuditCommandTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private final JsonMapper json = JsonMapper.builder().build();

    private JdbcTemplate jdbc;
    private EventStore store;
    private DatabaseConnector connector;
    private final List<StoredEvent> written = new ArrayList<>();

    @BeforeEach
    void freshLog() {
        TestDatabase db = TestDatabase.get();
        String url = db.createDatabase("audit_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT));
        Flyway.configure().dataSource(url, db.username(), db.password()).load().migrate();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(url, db.username(), db.password()));
        store = new EventStore(jdbc, List.of(), new Upcasters(List.of(), json));
        connector = () -> {
            var connection = DriverManager.getConnection(url, db.username(), db.password());
            return new DatabaseConnector.Session() {
                public java.sql.Connection connection() { return connection; }
                public void close() throws java.sql.SQLException { connection.close(); }
            };
        };
        for (int i = 0; i < 3; i++) {
            String stream = "workflow-" + i;
            written.addAll(store.append(stream, 0, List.of(
                    NewEvent.of("WorkflowStarted", 1, T0.plusSeconds(i * 3600L), "tamma", "{\"issue\":" + i + "}"),
                    NewEvent.of("StepSucceeded", 1, T0.plusSeconds(i * 3600L + 60), "worker-7",
                            "{\"note\":\"comma, \\\"quote\\\"\\nnewline\"}"))));
        }
    }

    @Test
    void verifyReportsAnIntactChain() {
        Result r = audit("verify");
        assertThat(r.exit).isZero();
        assertThat(r.out).contains("Verified 6 events: the chain is intact.");
    }

    @Test
    void verifyNamesTheEventWhosePayloadWasAlteredWithTheGuardLifted() {
        StoredEvent victim = written.get(3);
        withGuardLifted("UPDATE event SET payload = '{\"issue\": 99}' WHERE global_position = " + victim.globalPosition());

        Result r = audit("verify");
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.out).contains("global position " + victim.globalPosition())
                .contains("stream " + victim.streamId()).contains("does not match its contents");
    }

    @Test
    void verifyNamesTheEventAfterOneThatWasDeleted() {
        StoredEvent deleted = written.get(2);
        StoredEvent next = written.get(3);
        withGuardLifted("DELETE FROM event WHERE global_position = " + deleted.globalPosition());

        Result r = audit("verify");
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.out).contains("global position " + next.globalPosition()).contains("removed, inserted or altered");
    }

    @Test
    void verifyCatchesAHashRecomputedByTheTamperer() {
        StoredEvent victim = written.get(1);
        withGuardLifted("UPDATE event SET actor = 'mallory' WHERE global_position = " + victim.globalPosition(),
                "UPDATE event SET hash = event_hash(previous_hash, event) WHERE global_position = "
                        + victim.globalPosition());

        Result r = audit("verify");
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.out).contains("global position " + written.get(2).globalPosition());
    }

    @Test
    void exportsOneWorkflowAsJsonLines() {
        Result r = audit("export", "--workflow", "workflow-1", "--format", "jsonl");

        assertThat(r.exit).isZero();
        List<JsonNode> lines = r.out.lines().map(json::readTree).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines).allSatisfy(l -> assertThat(l.path("stream_id").asString()).isEqualTo("workflow-1"));
        assertThat(lines.get(0).path("payload").path("issue").asInt()).isEqualTo(1);
        assertThat(lines.get(1).path("hash").asString()).isEqualTo(written.get(3).hash());
    }

    @Test
    void aWorkflowsExportIncludesItsAiCalls() {
        AiCallRecorded call = new AiCallRecorded(new CallContext("workflow-2", "acme/shop", 2, Step.PLAN, 1),
                "anthropic", "claude-sonnet-4-5", new TokenUsage(100, 10, 0), new BigDecimal("0.00045"), true,
                Duration.ofMillis(900), AiCallRecorded.Outcome.SUCCESS, T0.plusSeconds(7300));
        store.append(AiCallEvents.streamOf("workflow-2"), 0, List.of(AiCallEvents.encode(UUID.randomUUID(), call, "w1")));

        Result r = audit("export", "--workflow", "workflow-2");

        List<JsonNode> lines = r.out.lines().map(json::readTree).toList();
        assertThat(lines).extracting(l -> l.path("type").asString())
                .containsExactly("WorkflowStarted", "StepSucceeded", "ai.call.recorded");
        assertThat(lines.get(2).path("stream_id").asString()).isEqualTo("workflow-2/ai-calls");
        assertThat(lines.get(2).path("payload").path("costUsd").decimalValue()).isEqualByComparingTo("0.00045");
    }

    @Test
    void exportsATimeRangeAsCsvThatParsesBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("events.csv");
        Result r = audit("export", "--from", "2026-11-21T10:30:00Z", "--to", "2026-11-21T12:00:00Z",
                "--format", "csv", "--output", file.toString());

        assertThat(r.exit).isZero();
        assertThat(r.err).contains("Exported 2 events to " + file);
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(Files.readString(file))).getRecords();
        assertThat(rows).extracting(row -> row.get("stream_id")).containsExactly("workflow-1", "workflow-1");
        assertThat(json.readTree(rows.get(1).get("payload")).path("note").asString())
                .isEqualTo("comma, \"quote\"\nnewline");
    }

    @Test
    void badArgumentsAreNamed() {
        assertThat(audit("export", "--format", "xml").err).contains("Unknown export format 'xml'; use jsonl or csv");
        assertThat(audit("export", "--from", "yesterday").err).contains("'yesterday' is neither an instant");
        assertThat(audit("export", "--from", "2026-11-22", "--to", "2026-11-21").err)
                .contains("must be before");
    }

    private void withGuardLifted(String... statements) {
        jdbc.execute("ALTER TABLE event DISABLE TRIGGER event_append_only");
        for (String sql : statements) {
            jdbc.execute(sql);
        }
        jdbc.execute("ALTER TABLE event ENABLE TRIGGER event_append_only");
    }

    private record Result(int exit, String out, String err) {
    }

    private Result audit(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] command = new String[args.length + 1];
        command[0] = "audit";
        System.arraycopy(args, 0, command, 1, args.length);
        int exit = TammaCommandLine.run(connector, StepHandlers.none(), new PrintWriter(out, true),
                new PrintWriter(err, true), command);
        return new Result(exit, out.toString(), err.toString());
    }
}
