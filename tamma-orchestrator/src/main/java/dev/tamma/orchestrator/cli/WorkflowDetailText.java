package dev.tamma.orchestrator.cli;

import java.io.PrintWriter;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** One workflow for people: where it stands, what it waits for, and the command that moves it on. */
final class WorkflowDetailText {

    private WorkflowDetailText() {
    }

    static void print(JsonNode w, TerminalStyle style, PrintWriter out, Instant now) {
        String id = w.path("id").asString();
        out.println(style.bold(w.path("issue").asString()) + "  " + id + "  "
                + TerminalStyle.lower(w.path("mode").asString()) + " mode");
        String waitingFor = w.path("waitingFor").isString() ? w.path("waitingFor").asString() : null;
        String status = style.status(w.path("status").asString());
        if (waitingFor != null) {
            status += ", waiting for " + TerminalStyle.lower(waitingFor);
            if (w.path("waitTimeoutAt").isString()) {
                status += " until " + w.path("waitTimeoutAt").asString();
            }
        }
        line(out, "status", status);
        String step = TerminalStyle.lower(w.path("step").asString()) + ", attempt " + w.path("attempt").asInt();
        line(out, "step", step + (w.path("stepRunning").asBoolean() ? " (running)" : ""));
        JsonNode change = w.path("change");
        if (change.path("pullRequest").isNumber()) {
            line(out, "pull request", "#" + change.path("pullRequest").asInt()
                    + (change.path("headSha").isString() ? " at " + change.path("headSha").asString() : ""));
        }
        JsonNode escalation = w.path("escalation");
        if (escalation.isObject() && "ESCALATED".equals(w.path("status").asString())) {
            line(out, "escalated", TerminalStyle.lower(escalation.path("step").asString()) + " failed "
                    + escalation.path("failures").asInt() + " of " + escalation.path("maxAttempts").asInt() + " ("
                    + TerminalStyle.lower(escalation.path("cause").asString()) + "): "
                    + escalation.path("message").asString());
        }
        line(out, "ai calls", StatusCommand.dollars(w.path("costUsd"), 4) + " so far");
        line(out, "started", w.path("startedAt").asString() + ", last change "
                + TerminalStyle.age(StatusCommand.instant(w.path("updatedAt")), now) + " ago");
        String next = next(id, waitingFor, w.path("status").asString());
        if (next != null) {
            line(out, "next", next);
        }
    }

    private static void line(PrintWriter out, String label, String value) {
        out.printf("  %-13s %s%n", label, value);
    }

    /** The commands that fit what the workflow waits for. */
    private static String next(String id, String waitingFor, String status) {
        if (waitingFor == null) {
            return "DONE".equals(status) || "CANCELLED".equals(status) ? null : "./tamma logs --follow " + id;
        }
        return switch (waitingFor) {
            case "DESIGN_APPROVAL" -> "./tamma approve " + id + " [--option N]  or  ./tamma revise " + id + " TEXT";
            case "MERGE_APPROVAL" -> "./tamma approve --merge " + id + "  or  ./tamma revise " + id + " TEXT";
            case "QUESTIONS" -> "./tamma answer " + id + " TEXT";
            case "ESCALATION" -> "./tamma retry " + id + " [--from STEP]  or  ./tamma stop " + id;
            default -> null;
        };
    }
}
