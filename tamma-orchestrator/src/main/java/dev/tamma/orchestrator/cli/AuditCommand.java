package dev.tamma.orchestrator.cli;

import dev.tamma.orchestrator.ai.AiCallEvents;
import dev.tamma.orchestrator.events.EventChain;
import dev.tamma.orchestrator.events.EventExport;
import dev.tamma.orchestrator.events.EventFilter;
import dev.tamma.orchestrator.events.EventStore;
import dev.tamma.orchestrator.events.Upcasters;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code tamma audit verify|export}: check and export the event log, straight from the database. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Check the event log's hash chain, or export events.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class})
public final class AuditCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Walk the hash chain of every event; name the first one that does not match. "
                    + "Exit 0 when intact, 1 when broken.")
    static final class Verify implements Callable<Integer> {
        private final DatabaseConnector database;

        @Spec
        CommandLine.Model.CommandSpec spec;

        Verify(DatabaseConnector database) {
            this.database = database;
        }

        @Override
        public Integer call() throws SQLException {
            try (var session = database.open()) {
                EventChain.Report report = EventChain.verify(session.connection());
                PrintWriter out = spec.commandLine().getOut();
                if (report.intact()) {
                    out.println("Verified " + report.eventsChecked() + " events: the chain is intact.");
                    return 0;
                }
                out.println("The chain is broken after " + (report.eventsChecked() - 1) + " good events, at the "
                        + report.firstBreak().orElseThrow());
                return 1;
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Export events as written (original schema versions, with their hashes), "
                    + "as JSON lines or CSV.")
    static final class Export implements Callable<Integer> {
        private final DatabaseConnector database;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--workflow", paramLabel = "ID",
                description = "Only this workflow's events: its decisions and its AI calls.")
        String workflow;

        @Option(names = "--from", paramLabel = "TIME", description = "From this instant or date (inclusive).",
                converter = InstantConverter.class)
        Instant from;

        @Option(names = "--to", paramLabel = "TIME", description = "Until this instant or date (exclusive).",
                converter = InstantConverter.class)
        Instant to;

        @Option(names = "--format", defaultValue = "jsonl", paramLabel = "jsonl|csv",
                description = "Output format (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of standard output.")
        Path output;

        Export(DatabaseConnector database) {
            this.database = database;
        }

        @Override
        public Integer call() throws Exception {
            EventExport.Format chosen = EventExport.Format.parse(format);
            EventFilter filter = new EventFilter(
                    workflow == null ? List.of() : List.of(workflow, AiCallEvents.streamOf(workflow)), from, to);
            try (var session = database.open();
                    Writer target = output == null ? new PrintWriter(spec.commandLine().getOut())
                            : new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(output),
                                    StandardCharsets.UTF_8));
                    EventExport.Sink sink = EventExport.to(target, chosen)) {
                var dataSource = new SingleConnectionDataSource(session.connection(), true);
                var store = new EventStore(new JdbcTemplate(dataSource), List.of(),
                        new Upcasters(List.of(), JsonMapper.builder().build()));
                session.connection().setAutoCommit(false); // lets PostgreSQL stream rows with a cursor
                store.forEach(filter, sink);
                session.connection().rollback();
                if (output != null) {
                    spec.commandLine().getErr().println("Exported " + sink.written() + " events to " + output);
                }
            }
            return 0;
        }
    }

    /** Accepts an ISO instant ({@code 2026-11-21T10:00:00Z}) or a date ({@code 2026-11-21}, midnight UTC). */
    static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return value.length() == 10 ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
                        : Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is neither an instant (2026-11-21T10:00:00Z) nor a date (2026-11-21)");
            }
        }
    }
}
