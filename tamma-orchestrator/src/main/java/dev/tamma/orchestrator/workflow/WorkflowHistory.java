package dev.tamma.orchestrator.workflow;

import dev.tamma.core.workflow.WorkflowEvent;
import dev.tamma.core.workflow.WorkflowState;
import dev.tamma.orchestrator.events.EventStore;
import dev.tamma.orchestrator.events.StoredEvent;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;

/** Black-box replay: a workflow's state at any instant or version, folded from its events. */
@Service
public class WorkflowHistory {

    private final EventStore events;
    private final WorkflowEventCodec codec;
    private final Set<String> workflowTypes = WorkflowEvent.types().keySet();

    public WorkflowHistory(EventStore events, WorkflowEventCodec codec) {
        this.events = events;
        this.codec = codec;
    }

    /** The state as it was at {@code instant}: every event that had occurred by then, folded. */
    public WorkflowState stateAt(String workflowId, Instant instant) {
        return fold(events.readStreamUntil(workflowId, instant));
    }

    /** The state after the first {@code version} events of the stream. */
    public WorkflowState stateAtVersion(String workflowId, int version) {
        return fold(events.readStream(workflowId).stream().filter(e -> e.streamVersion() <= version).toList());
    }

    /** The current state, from the log alone (the read model is not consulted). */
    public WorkflowState replay(String workflowId) {
        return fold(events.readStream(workflowId));
    }

    private WorkflowState fold(List<StoredEvent> stored) {
        return WorkflowState.replay(stored.stream()
                .filter(e -> workflowTypes.contains(e.type()))
                .map(codec::decode)
                .toList());
    }
}
