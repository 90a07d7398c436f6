package dev.tamma.orchestrator.events;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Which events an export or audit covers: some streams (one workflow's, say), a time range, or both.
 *
 * @param streamIds the streams, or empty for all
 * @param from inclusive, or null for the beginning
 * @param to exclusive, or null for now
 */
public record EventFilter(List<String> streamIds, Instant from, Instant to) {

    public static EventFilter all() {
        return new EventFilter(List.of(), null, null);
    }

    public static EventFilter stream(String streamId) {
        return new EventFilter(List.of(streamId), null, null);
    }

    public EventFilter {
        streamIds = List.copyOf(streamIds);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("--from (" + from + ") must be before --to (" + to + ")");
        }
    }

    String where() {
        List<String> conditions = new ArrayList<>();
        if (!streamIds.isEmpty()) {
            conditions.add("stream_id = ANY(?)");
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
        if (!streamIds.isEmpty()) {
            args.add(streamIds.toArray(String[]::new));
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
