package dev.tamma.orchestrator.cli;

import java.io.PrintWriter;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code tamma status [WORKFLOW]}: the workflows of a running orchestrator, or one of them. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "List workflows (most recently active first), or show one, from a running orchestrator.")
final class StatusCommand implements Callable<Integer> {

    private static final int STATUS_WIDTH = 19;

    @Mixin
    ApiConnection api;

    @Mixin
    OutputOptions output;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "WORKFLOW", description = "A workflow id, or an issue (acme/shop#42).")
    String workflow;

    @Option(names = "--repository", paramLabel = "REPO", description = "Only this repository, or a glob (acme/*).")
    String repository;

    @Option(names = "--status", paramLabel = "S[,S]",
            description = "Only these statuses: running, waiting_for_human, escalated, done, cancelled.")
    String status;

    @Option(names = "--step", paramLabel = "STEP", description = "Only workflows at this step (implement, ci-checks, ...).")
    String step;

    @Option(names = "--limit", defaultValue = "20", paramLabel = "N",
            description = "At most N workflows (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (workflow != null) {
            JsonNode detail = api.get("/api/v1/workflows/"
                    + ApiConnection.encode(WorkflowReference.resolve(api, workflow)), Map.of());
            if (output.json) {
                out.println(api.json().writerWithDefaultPrettyPrinter().writeValueAsString(detail));
            } else {
                WorkflowDetailText.print(detail, output.style(), out, Instant.now());
            }
            return 0;
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("repository", repository);
        query.put("status", status);
        query.put("step", step);
        query.put("limit", Integer.toString(limit));
        JsonNode page = api.get("/api/v1/workflows", query);
        if (output.json) {
            out.println(api.json().writerWithDefaultPrettyPrinter().writeValueAsString(page));
        } else {
            printTable(page, output.style(), out, Instant.now());
        }
        return 0;
    }

    private static void printTable(JsonNode page, TerminalStyle style, PrintWriter out, Instant now) {
        JsonNode rows = page.path("workflows");
        if (rows.isEmpty()) {
            out.println(page.path("total").asLong() > 0 ? "No workflows on this page." : "No workflows.");
            return;
        }
        String format = "%s  %-" + width(rows, "issue", "ISSUE") + "s  %-16s  %7s  %8s  %7s  %s%n";
        out.printf(format, pad("STATUS", STATUS_WIDTH), "ISSUE", "STEP", "ATTEMPT", "AI COST", "UPDATED", "WORKFLOW");
        int waiting = 0;
        for (JsonNode row : rows) {
            String status = style.status(row.path("status").asString());
            out.printf(format, pad(status, STATUS_WIDTH + style.invisible(status)), row.path("issue").asString(),
                    TerminalStyle.lower(row.path("step").asString()), row.path("attempt").asInt(),
                    dollars(row.path("costUsd"), 2), TerminalStyle.age(instant(row.path("updatedAt")), now),
                    style.dim(row.path("id").asString()));
            if (row.path("waitingFor").isString()) {
                waiting++;
            }
        }
        out.println();
        out.println(rows.size() + " of " + page.path("total").asLong() + " workflows" + (waiting == 0 ? "."
                : "; " + waiting + " waiting for a person (./tamma status WORKFLOW says what they can do)."));
    }

    private static String pad(String text, int width) {
        return String.format("%-" + width + "s", text);
    }

    private static int width(JsonNode rows, String field, String header) {
        int width = header.length();
        for (JsonNode row : rows) {
            width = Math.max(width, row.path(field).asString().length());
        }
        return width;
    }

    /** {@code $0.13}; a dash when the service did not say. */
    static String dollars(JsonNode usd, int decimals) {
        return usd.isNumber() ? "$" + usd.decimalValue().setScale(decimals, RoundingMode.HALF_UP).toPlainString() : "-";
    }

    static Instant instant(JsonNode node) {
        return node.isString() ? Instant.parse(node.asString()) : null;
    }
}
