package dev.tamma.orchestrator.cli;

import dev.tamma.core.workflow.WorkflowEvent;
import dev.tamma.orchestrator.api.EventSummary;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code tamma logs [--follow] WORKFLOW}: a workflow's events, one line each, as they happen. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Print a workflow's events; with --follow, keep printing new ones until the workflow ends.")
final class LogsCommand implements Callable<Integer> {

    private static final int PAGE = 1000;
    private static final Set<String> ENDINGS = Set.of(WorkflowEvent.WorkflowCompleted.TYPE,
            WorkflowEvent.WorkflowCancelled.TYPE);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @Mixin
    ApiConnection api;

    @Mixin
    OutputOptions output;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "WORKFLOW", description = "A workflow id, or an issue (acme/shop#42).")
    String workflow;

    @Option(names = {"-f", "--follow"}, description = "Keep printing events as they are recorded, until the workflow "
            + "is done or cancelled (or Ctrl-C).")
    boolean follow;

    @Option(names = "--type", split = ",", paramLabel = "TYPE", description = "Only these event types (step.failed, ...).")
    List<String> types = new ArrayList<>();

    @Option(names = "--poll", defaultValue = "1000", paramLabel = "MS", hidden = true,
            description = "With --follow: how often to ask for new events, in milliseconds.")
    long pollMillis;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        TerminalStyle style = output.style();
        String id = WorkflowReference.resolve(api, workflow);
        String path = "/api/v1/workflows/" + ApiConnection.encode(id) + "/events";
        int after = 0;
        boolean ended = false;
        while (true) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("after", Integer.toString(after));
            query.put("limit", Integer.toString(PAGE));
            query.put("type", types.isEmpty() ? null : String.join(",", types));
            JsonNode events = api.get(path, query).path("events");
            for (JsonNode event : events) {
                out.println(output.json ? api.json().writeValueAsString(event) : line(event, style));
                after = event.path("version").asInt();
                ended |= ENDINGS.contains(event.path("type").asString());
            }
            out.flush();
            if (events.size() == PAGE) {
                continue;
            }
            if (!follow || ended || (!types.isEmpty() && finished(id))) {
                return 0;
            }
            Thread.sleep(pollMillis);
        }
    }

    /** With a type filter the ending event may never be shown, so ask the workflow itself. */
    private boolean finished(String id) {
        String status = api.get("/api/v1/workflows/" + ApiConnection.encode(id), Map.of()).path("status").asString();
        return "DONE".equals(status) || "CANCELLED".equals(status);
    }

    static String line(JsonNode event, TerminalStyle style) {
        String type = event.path("type").asString();
        String painted = String.format("%-22s", type);
        if (type.endsWith("failed") || type.equals(WorkflowEvent.WorkflowEscalated.TYPE)) {
            painted = style.bold(painted);
        } else if (type.endsWith("completed") || type.endsWith("passed")) {
            painted = style.ok(painted);
        }
        String when = TIME.format(Instant.parse(event.path("occurredAt").asString()));
        return style.dim(when) + "  " + painted + "  " + EventSummary.of(event.path("payload"))
                + style.dim("  (" + event.path("actor").asString() + ")");
    }
}
