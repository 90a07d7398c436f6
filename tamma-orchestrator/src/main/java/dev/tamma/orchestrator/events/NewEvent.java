package dev.tamma.orchestrator.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * An event about to be appended. The log keeps time to the millisecond, so {@code occurredAt} is
 * truncated here: what is hashed is exactly what is stored.
 *
 * @param payload the event's body as a JSON object
 */
public record NewEvent(UUID eventId, String type, int schemaVersion, Instant occurredAt, String actor,
        UUID correlationId, UUID causationId, String payload) {

    public NewEvent {
        Objects.requireNonNull(eventId, "eventId");
        requireSingleLine(type, "type");
        requireSingleLine(actor, "actor");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(payload, "payload");
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion must be 1 or more, was " + schemaVersion);
        }
        occurredAt = occurredAt.truncatedTo(ChronoUnit.MILLIS);
    }

    /** An event with a fresh id and no correlation. */
    public static NewEvent of(String type, int schemaVersion, Instant occurredAt, String actor, String payload) {
        return new NewEvent(UUID.randomUUID(), type, schemaVersion, occurredAt, actor, null, null, payload);
    }

    static void requireSingleLine(String value, String name) {
        if (value == null || value.isBlank() || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(name + " must be a non-blank single line, was " + value);
        }
    }
}
