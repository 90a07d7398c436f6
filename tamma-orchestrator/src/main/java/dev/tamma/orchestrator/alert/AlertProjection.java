package dev.tamma.orchestrator.alert;

import dev.tamma.core.ai.AiCallRecorded;
import dev.tamma.core.workflow.Escalation;
import dev.tamma.core.workflow.WorkflowEvent;
import dev.tamma.core.workflow.WorkflowState;
import dev.tamma.orchestrator.ai.AiCallEvents;
import dev.tamma.orchestrator.ai.AiCallLog;
import dev.tamma.orchestrator.events.EventProjection;
import dev.tamma.orchestrator.events.NewEvent;
import dev.tamma.orchestrator.workflow.WorkflowEventCodec;
import dev.tamma.orchestrator.workflow.WorkflowReadModel;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Raises alerts from the events as they are appended, in the appending transaction: an escalation
 * is alerted if and only if it is recorded, whichever replica or path recorded it, and a decision
 * retried after a conflict raises nothing twice.
 */
@Component
class AlertProjection implements EventProjection {

    private final AlertStore store;
    private final AlertChannels channels;
    private final WorkflowReadModel workflows;
    private final JdbcClient jdbc;
    private final WorkflowEventCodec codec;
    private final AlertMessages messages;

    AlertProjection(AlertStore store, AlertChannels channels, WorkflowReadModel workflows, WorkflowEventCodec codec,
            JdbcClient jdbc, AlertMessages messages) {
        this.codec = codec;
        this.store = store;
        this.channels = channels;
        this.workflows = workflows;
        this.jdbc = jdbc;
        this.messages = messages;
    }

    @Override
    public void project(String streamId, int expectedVersion, List<NewEvent> appending) {
        if (!channels.any()) {
            return;
        }
        for (int i = 0; i < appending.size(); i++) {
            NewEvent event = appending.get(i);
            if (WorkflowEvent.WorkflowEscalated.TYPE.equals(event.type())) {
                escalated(streamId, expectedVersion + i + 1, appending,
                        ((WorkflowEvent.WorkflowEscalated) codec.decode(event)).escalation());
            } else if (AiCallEvents.TYPE.equals(event.type()) && event.payload().contains("BUDGET_EXCEEDED")) {
                AiCallRecorded call = AiCallEvents.decode(event.payload());
                if (call.outcome() == AiCallRecorded.Outcome.BUDGET_EXCEEDED) {
                    String workflowId = call.context().workflowId();
                    store.raise(messages.budgetExhausted(call, issueOf(workflowId, call), AiCallLog.spent(jdbc, workflowId, call.context().step()).workflowUsd()));
                }
            }
        }
    }

    /** The attempt is the failed one recorded with the escalation, else the one the workflow is at. */
    private void escalated(String workflowId, int version, List<NewEvent> appending, Escalation escalation) {
        WorkflowState state = workflows.load(workflowId).map(WorkflowReadModel.Snapshot::state).orElse(null);
        if (state == null) {
            return;
        }
        int attempt = appending.stream().filter(e -> WorkflowEvent.AttemptFailed.TYPE.equals(e.type()))
                .map(e -> (WorkflowEvent.AttemptFailed) codec.decode(e))
                .filter(failed -> failed.step() == escalation.step())
                .mapToInt(WorkflowEvent.AttemptFailed::attempt)
                .reduce((first, last) -> last)
                .orElse(state.attempt());
        store.raise(messages.escalation(workflowId, state.issue(), escalation, attempt, version));
    }

    private String issueOf(String workflowId, AiCallRecorded call) {
        return workflows.load(workflowId).map(s -> s.state().issue())
                .orElse(call.context().repository() + "#" + call.context().issue());
    }
}
