package dev.tamma.orchestrator.workflow;

import dev.tamma.core.workflow.WorkflowEvent;
import dev.tamma.core.workflow.WorkflowState;
import dev.tamma.orchestrator.events.EventProjection;
import dev.tamma.orchestrator.events.StoredEvent;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Folds appended workflow events into the {@code workflow} read model, inside the appending
 * transaction. Other events in a workflow's stream (AI calls, for example) only advance its version.
 */
@Component
class WorkflowProjection implements EventProjection {

    private final WorkflowReadModel readModel;
    private final WorkflowEventCodec codec;
    private final Set<String> workflowTypes = WorkflowEvent.types().keySet();

    WorkflowProjection(WorkflowReadModel readModel, WorkflowEventCodec codec) {
        this.readModel = readModel;
        this.codec = codec;
    }

    @Override
    public void project(List<StoredEvent> appended) {
        StoredEvent first = appended.getFirst();
        String id = first.streamId();
        Optional<WorkflowReadModel.Snapshot> snapshot = readModel.loadForUpdate(id);
        int version = snapshot.map(WorkflowReadModel.Snapshot::version).orElse(0);
        if (snapshot.isPresent() && first.streamVersion() != version + 1) {
            throw new IllegalStateException("The read model of workflow " + id + " is at version " + version
                    + " but the log appends version " + first.streamVersion() + "; rebuild it from the log");
        }
        WorkflowState state = snapshot.map(WorkflowReadModel.Snapshot::state).orElse(WorkflowState.empty());
        boolean changed = false;
        for (StoredEvent event : appended) {
            if (workflowTypes.contains(event.type())) {
                state = state.apply(codec.decode(event));
                changed = true;
            }
        }
        StoredEvent last = appended.getLast();
        if (!changed || state.workflowId() == null) {
            if (snapshot.isPresent()) {
                readModel.advanceVersion(id, last.streamVersion());
            }
        } else if (snapshot.isPresent()) {
            readModel.update(id, state, last.streamVersion(), last.occurredAt());
        } else {
            readModel.insert(id, state, last.streamVersion(), first.occurredAt());
        }
    }
}
