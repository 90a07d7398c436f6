package dev.tamma.orchestrator.api;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** An event's payload in a few words, for people: {@code plan #1, two options, by alice}. */
public final class EventSummary {

    private EventSummary() {
    }

    /** The few fields of a payload that say what happened, joined with commas. */
    public static String of(JsonNode p) {
        Set<String> parts = new LinkedHashSet<>(); // a wait at a checkpoint names it twice
        if (p.path("issue").isString()) {
            parts.add(p.path("issue").asString() + (p.path("config").path("mode").isString()
                    ? " in " + words(p.path("config").path("mode").asString()) + " mode" : ""));
        }
        if (p.path("deadline").isObject()) {
            parts.add(words(p.path("deadline").path("kind").asString()) + " at "
                    + p.path("deadline").path("at").asString());
        }
        if (p.path("step").isString()) {
            parts.add(words(p.path("step").asString())
                    + (p.path("attempt").isNumber() ? " #" + p.path("attempt").asInt() : ""));
        }
        for (String field : List.of("waitingFor", "checkpoint", "cause", "reason")) {
            if (p.path(field).isString()) {
                parts.add(words(p.path(field).asString()));
            }
        }
        JsonNode escalation = p.path("escalation");
        if (escalation.isObject()) {
            parts.add(words(escalation.path("step").asString()) + ": " + shorten(escalation.path("message").asString()));
        }
        for (String field : List.of("message", "text", "body")) {
            if (p.path(field).isString() && !p.path(field).asString().isBlank()) {
                parts.add(shorten(p.path(field).asString()));
            }
        }
        if (p.path("output").path("summary").isString() && !p.path("output").path("summary").asString().isBlank()) {
            parts.add(shorten(p.path("output").path("summary").asString()));
        }
        if (p.path("actor").isString()) {
            parts.add("by " + p.path("actor").asString());
        }
        return String.join(", ", parts);
    }

    /** {@code DESIGN_APPROVAL} as people say it: {@code design approval}. */
    public static String words(String constant) {
        return constant == null ? "" : constant.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String shorten(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 100 ? oneLine : oneLine.substring(0, 97) + "...";
    }
}
