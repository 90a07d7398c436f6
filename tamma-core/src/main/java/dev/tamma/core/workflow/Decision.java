package dev.tamma.core.workflow;

import java.util.List;

/** What the machine decided: events to append to the stream and commands to enqueue, in order. */
public record Decision(List<WorkflowEvent> events, List<WorkflowCommand> commands) {

    public Decision {
        events = List.copyOf(events);
        commands = List.copyOf(commands);
    }

    /** Nothing to record and nothing to do: a stale or irrelevant input. */
    public static Decision none() {
        return new Decision(List.of(), List.of());
    }

    public boolean isEmpty() {
        return events.isEmpty() && commands.isEmpty();
    }
}
