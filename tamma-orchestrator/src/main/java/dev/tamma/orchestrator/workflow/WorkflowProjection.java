package dev.tamma.orchestrator.workflow;

import dev.tamma.core.workflow.WorkflowEvent;
import dev.tamma.core.workflow.WorkflowState;
import dev.tamma.orchestrator.events.ConcurrencyConflictException;
import dev.tamma.orchestrator.events.EventProjection;
import dev.tamma.orchestrator.events.NewEvent;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Folds workflow events into the {@code workflow} read model, inside the appending transaction.
 * Other events in a workflow's stream (AI calls, for example) only advance its version.
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
    public void project(String id, int expectedVersion, List<NewEvent> appending) {
        // The row lock serialises writers of one workflow; a writer that waited finds the version moved on.
        Optional<WorkflowReadModel.Snapshot> snapshot = readModel.loadForUpdate(id);
        int version = snapshot.map(WorkflowReadModel.Snapshot::version).orElse(0);
        if (snapshot.isPresent() && version > expectedVersion) {
            throw new ConcurrencyConflictException(id, expectedVersion, null);
        }
        if (snapshot.isPresent() && version < expectedVersion) {
            throw new IllegalStateException("The read model of workflow " + id + " is at version " + version
                    + " but the log appends after version " + expectedVersion + "; rebuild it from the log");
        }
        WorkflowState state = snapshot.map(WorkflowReadModel.Snapshot::state).orElse(WorkflowState.empty());
        boolean changed = false;
        for (NewEvent event : appending) {
            if (workflowTypes.contains(event.type())) {
                state = state.apply(codec.decode(event));
                changed = true;
            }
        }
        int last = expectedVersion + appending.size();
        if (!changed || state.workflowId() == null) {
            if (snapshot.isPresent()) {
                readModel.advanceVersion(id, last);
            }
        } else if (snapshot.isPresent()) {
            readModel.update(id, state, last, appending.getLast().occurredAt());
        } else if (!readModel.insert(id, state, last, appending.getFirst().occurredAt())) {
            throw new ConcurrencyConflictException(id, expectedVersion, null); // another writer started it first
        }
    }
}
