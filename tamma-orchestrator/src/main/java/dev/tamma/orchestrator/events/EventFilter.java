package dev.tamma.orchestrator.events;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Which events an export or audit covers: one workflow's stream, a time range, or both.
 *
 * @param from inclusive, or null for the beginning
 * @param to exclusive, or null for now
 */
public record EventFilter(String streamId, Instant from, Instant to) {

    public static EventFilter all() {
        return new EventFilter(null, null, null);
    }

    public static EventFilter stream(String streamId) {
        return new EventFilter(streamId, null, null);
    }

    public EventFilter {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("--from (" + from + ") must be before --to (" + to + ")");
        }
    }

    String where() {
        List<String> conditions = new ArrayList<>();
        if (streamId != null) {
            conditions.add("stream_id = ?");
        }
        if (from != null) {
            conditions.add("occurred_at >= ?");
        }
        if (to != null) {
            conditions.add("occurred_at < ?");
        }
        return conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions);
    }

    Object[] args() {
        List<Object> args = new ArrayList<>();
        if (streamId != null) {
            args.add(streamId);
        }
        if (from != null) {
            args.add(from.atOffset(ZoneOffset.UTC));
        }
        if (to != null) {
            args.add(to.atOffset(ZoneOffset.UTC));
        }
        return args.toArray();
    }
}
