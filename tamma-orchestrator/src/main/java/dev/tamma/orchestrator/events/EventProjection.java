package dev.tamma.orchestrator.events;

import java.util.List;

/**
 * A read model kept up to date by the event store: called inside the appending transaction, so
 * the model and the log commit together or not at all.
 */
public interface EventProjection {

    void project(List<StoredEvent> appended);
}
