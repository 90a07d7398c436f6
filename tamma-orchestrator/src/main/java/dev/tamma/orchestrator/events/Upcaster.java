package dev.tamma.orchestrator.events;

import tools.jackson.databind.node.ObjectNode;

/**
 * Migrates the payload of one event type from one schema version to the next, on read. The log
 * itself is never rewritten, so its hashes stay valid.
 */
public interface Upcaster {

    String type();

    /** The version this upcaster reads; it produces {@code fromVersion() + 1}. */
    int fromVersion();

    ObjectNode upcast(ObjectNode payload);
}
