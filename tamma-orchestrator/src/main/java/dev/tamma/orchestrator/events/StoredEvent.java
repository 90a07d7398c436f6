package dev.tamma.orchestrator.events;

import java.time.Instant;
import java.util.UUID;

/** An event as the log holds it, with its place in its stream and in the hash chain. */
public record StoredEvent(long globalPosition, String streamId, int streamVersion, UUID eventId, String type,
        int schemaVersion, Instant occurredAt, String actor, UUID correlationId, UUID causationId,
        String payload, String previousHash, String hash) {

    StoredEvent withPayload(int newSchemaVersion, String newPayload) {
        return new StoredEvent(globalPosition, streamId, streamVersion, eventId, type, newSchemaVersion,
                occurredAt, actor, correlationId, causationId, newPayload, previousHash, hash);
    }
}
