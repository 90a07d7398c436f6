package dev.tamma.orchestrator.events;

import java.util.List;

/**
 * A read model kept up to date by the event store: called inside the appending transaction, so
 * the model and the log commit together or not at all. It is called just before the events are
 * inserted, so the work runs outside the log's append lock; it sees what it needs of them (stream
 * versions, times, payloads) but not their positions or hashes, which the insert assigns.
 */
public interface EventProjection {

    /**
     * Projects {@code appending} onto {@code streamId}, which the caller expects at
     * {@code expectedVersion}; the first event gets version {@code expectedVersion + 1}.
     *
     * @throws ConcurrencyConflictException when the projection finds the stream moved on already
     */
    void project(String streamId, int expectedVersion, List<NewEvent> appending);
}
