package dev.tamma.orchestrator.cli;

import dev.tamma.core.ai.CostReport;
import dev.tamma.orchestrator.ai.AiCallHistory;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code tamma costs}: what AI calls cost, summed from the event log, straight from the database. */
@Command(name = "costs", mixinStandardHelpOptions = true,
        description = {"What AI calls cost, from the event log: calls, tokens and dollars by repository, issue, "
                + "step, provider or model.",
            "Costs are the price table's at the time of each call; calls to models without a known price count "
                + "as $0 and are marked."})
final class CostsCommand implements Callable<Integer> {

    private final DatabaseConnector database;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--since", paramLabel = "TIME", converter = TimeConverter.class,
            description = "From this instant, date or time ago (2026-11-21T10:00:00Z, 2026-11-21, 7d, 12h; inclusive).")
    Instant since;

    @Option(names = "--until", paramLabel = "TIME", converter = TimeConverter.class,
            description = "Until this instant, date or time ago (exclusive; default: now).")
    Instant until;

    @Option(names = "--repository", paramLabel = "REPO", description = "Only this repository, or a glob (acme/*).")
    String repository;

    @Option(names = "--by", defaultValue = "repository", paramLabel = "DIMENSION",
            description = "Group by repository, issue, step, provider or model (default: ${DEFAULT-VALUE}).")
    String by;

    @Option(names = "--json", description = "Print JSON for scripts instead of a table.")
    boolean json;

    CostsCommand(DatabaseConnector database) {
        this.database = database;
    }

    @Override
    public Integer call() throws Exception {
        CostReport.Dimension dimension = CostReport.Dimension.parse(by);
        AiCallHistory history = new AiCallHistory(since, until, repository);
        CostReport report;
        try (var session = database.open()) {
            report = history.report(session.connection(), dimension);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(asJson(report));
        } else {
            printTable(out, report);
        }
        out.flush();
        return 0;
    }

    private String asJson(CostReport report) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("by", report.dimension().name().toLowerCase(Locale.ROOT));
        document.put("since", since);
        document.put("until", until);
        document.put("repository", repository);
        document.put("totalUsd", report.totalUsd());
        document.put("incomplete", report.incomplete());
        document.put("total", report.total());
        document.put("lines", report.lines());
        return JsonMapper.builder()
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build()
                .writeValueAsString(document);
    }

    private void printTable(PrintWriter out, CostReport report) {
        out.println("AI spend by " + report.dimension().name().toLowerCase(Locale.ROOT) + ", "
                + (repository == null ? "all repositories" : repository) + ", "
                + (since == null ? "from the beginning" : "from " + since) + " "
                + (until == null ? "until now" : "until " + until));
        if (report.lines().isEmpty()) {
            out.println("No AI calls were recorded in that range.");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {report.dimension().name(), "CALLS", "FAILED", "INPUT TOKENS", "CACHED", "OUTPUT TOKENS",
            "COST USD "});
        report.lines().forEach(line -> rows.add(row(line)));
        rows.add(row(report.total()));
        int[] widths = new int[rows.getFirst().length];
        rows.forEach(r -> {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        });
        for (int n = 0; n < rows.size(); n++) {
            if (n == rows.size() - 1) {
                out.println("-".repeat(Arrays.stream(widths).sum() + 2 * (widths.length - 1)));
            }
            String[] r = rows.get(n);
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-" + widths[0] + "s", r[0]));
            for (int i = 1; i < r.length; i++) {
                text.append("  ").append(String.format(Locale.ROOT, "%" + widths[i] + "s", r[i]));
            }
            out.println(text.toString().stripTrailing());
        }
        long unpriced = report.total().unpricedCalls();
        if (unpriced > 0) {
            out.println("* " + unpriced + (unpriced == 1 ? " call was" : " calls were")
                    + " to a model without a known price and counted as $0: these totals are lower bounds.");
        }
    }

    private static String[] row(CostReport.Line line) {
        return new String[] {line.key().isEmpty() ? "(none)" : line.key(), count(line.calls()),
            count(line.failedCalls()), count(line.inputTokens()), count(line.cachedInputTokens()),
            count(line.outputTokens()), dollars(line.costUsd()) + (line.unpricedCalls() > 0 ? "*" : " ")};
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String dollars(BigDecimal value) {
        return value.setScale(4, RoundingMode.HALF_UP).toPlainString();
    }

    /** An instant, a date (midnight UTC), or a time ago: {@code 7d}, {@code 12h}, {@code 30m}. */
    static final class TimeConverter implements CommandLine.ITypeConverter<Instant> {
        private static final Pattern AGO = Pattern.compile("(\\d{1,6})([dhm])");

        @Override
        public Instant convert(String value) {
            Matcher ago = AGO.matcher(value);
            if (ago.matches()) {
                long amount = Long.parseLong(ago.group(1));
                Duration back = switch (ago.group(2)) {
                    case "d" -> Duration.ofDays(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofMinutes(amount);
                };
                return Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(back);
            }
            try {
                return new AuditCommand.InstantConverter().convert(value);
            } catch (CommandLine.TypeConversionException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is neither an instant "
                        + "(2026-11-21T10:00:00Z), a date (2026-11-21) nor a time ago (7d, 12h, 30m)");
            }
        }
    }
}
