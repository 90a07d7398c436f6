package dev.tamma.orchestrator.workflow;

import dev.tamma.core.workflow.StepRequest;
import dev.tamma.core.workflow.WorkflowCommand;
import dev.tamma.core.workflow.WorkflowEvent;
import dev.tamma.core.workflow.WorkflowState;
import dev.tamma.orchestrator.events.NewEvent;
import dev.tamma.orchestrator.events.StoredEvent;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Core workflow records to and from the JSON the log and the read model keep. Its own mapper, so
 * that nothing configured elsewhere in the service changes what is stored.
 */
@Component
public class WorkflowEventCodec {

    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Class<? extends WorkflowEvent>> types = WorkflowEvent.types();

    public NewEvent encode(WorkflowEvent event, String actor, UUID correlationId) {
        return new NewEvent(UUID.randomUUID(), event.type(), event.schemaVersion(), event.occurredAt(), actor,
                correlationId, null, json.writeValueAsString(event));
    }

    public WorkflowEvent decode(StoredEvent stored) {
        return decode(stored.eventId() + " at position " + stored.globalPosition(), stored.type(),
                stored.schemaVersion(), stored.payload());
    }

    /** An event about to be appended, as the read model folds it in. */
    public WorkflowEvent decode(NewEvent event) {
        return decode(event.eventId().toString(), event.type(), event.schemaVersion(), event.payload());
    }

    private WorkflowEvent decode(String which, String typeName, int schemaVersion, String payload) {
        Class<? extends WorkflowEvent> type = types.get(typeName);
        if (type == null) {
            throw new IllegalStateException("Event " + which + " has the unknown type '" + typeName + "'");
        }
        try {
            return json.readValue(payload, type);
        } catch (JacksonException e) {
            throw new IllegalStateException("Event " + which + " (" + typeName + " v" + schemaVersion
                    + ") does not decode: " + e.getOriginalMessage(), e);
        }
    }

    public String encodeState(WorkflowState state) {
        return json.writeValueAsString(state);
    }

    public WorkflowState decodeState(String state) {
        return json.readValue(state, WorkflowState.class);
    }

    public String encodeCommand(WorkflowCommand command) {
        return json.writeValueAsString(command);
    }

    /** A task's payload: what the worker is asked to run. */
    public String encodeTask(StepRequest request) {
        return json.writeValueAsString(request);
    }
}
