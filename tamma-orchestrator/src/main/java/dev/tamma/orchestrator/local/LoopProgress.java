package dev.tamma.orchestrator.local;

import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.WorkflowEvent;
import dev.tamma.core.workflow.WorkflowStatus;
import dev.tamma.orchestrator.events.EventStore;
import dev.tamma.orchestrator.events.StoredEvent;
import dev.tamma.orchestrator.workflow.WorkflowEventCodec;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Follows one workflow's events as they are stored and prints each step as it ends: step, attempt,
 * outcome, time taken and what it did. Reads the event log only, so what it shows is what the audit
 * shows.
 */
final class LoopProgress {

    private static final int STEPS = Step.values().length;

    private final EventStore events;
    private final WorkflowEventCodec codec;
    private final PrintWriter out;
    private final Clock clock;
    private final Map<Step, Instant> started = new EnumMap<>(Step.class);
    private int seen;

    LoopProgress(EventStore events, WorkflowEventCodec codec, PrintWriter out, Clock clock) {
        this.events = events;
        this.codec = codec;
        this.out = out;
        this.clock = clock;
    }

    /**
     * Prints events until the workflow ends or waits for a person, or {@code limit} passes.
     *
     * @return where the workflow stands when following stopped
     */
    WorkflowStatus follow(String workflowId, Duration limit) throws InterruptedException {
        Instant giveUp = clock.instant().plus(limit);
        while (clock.instant().isBefore(giveUp)) {
            List<StoredEvent> stream = events.readStream(workflowId);
            for (StoredEvent stored : stream.subList(seen, stream.size())) {
                WorkflowStatus end = print(codec.decode(stored));
                seen++;
                if (end != null) {
                    return end;
                }
            }
            Thread.sleep(200); // polling the log keeps the demo on the same path as any reader of it
        }
        return null;
    }

    private WorkflowStatus print(WorkflowEvent event) {
        switch (event) {
            case WorkflowEvent.StepStarted e -> started.put(e.step(), e.occurredAt());
            case WorkflowEvent.StepCompleted e -> line("ok", e.step(), e.attempt(), e.occurredAt(), e.output().summary());
            case WorkflowEvent.AttemptFailed e -> line("FAILED", e.step(), e.attempt(), e.occurredAt(),
                    e.cause().name().toLowerCase(Locale.ROOT) + ": " + e.message());
            case WorkflowEvent.CheckpointPassed e -> out.printf("  %-6s %2d/%d %-17s %s%n", "ok",
                    (e.checkpoint().name().startsWith("DESIGN") ? Step.DESIGN_APPROVAL : Step.COMPLETION_CHECK).ordinal() + 1,
                    STEPS, e.checkpoint().name().startsWith("DESIGN") ? "DESIGN_APPROVAL" : "MERGE_APPROVAL",
                    e.automatic() ? "passed on its own (dev mode, not risky)" : "approved by " + e.actor());
            case WorkflowEvent.HumanWaitStarted e -> {
                out.printf("  %-6s %2d/%d %-17s waits for a person: %s%n", "WAIT", e.step().ordinal() + 1, STEPS,
                        e.step(), e.waitingFor().name().toLowerCase(Locale.ROOT).replace('_', ' '));
                return WorkflowStatus.WAITING_FOR_HUMAN;
            }
            case WorkflowEvent.WorkflowEscalated e -> {
                out.printf("  %-6s %s: %s%n", "STUCK", e.escalation().step(),
                        e.escalation().message().lines().findFirst().orElse(""));
                return WorkflowStatus.ESCALATED;
            }
            case WorkflowEvent.WorkflowCompleted e -> {
                return WorkflowStatus.DONE;
            }
            case WorkflowEvent.WorkflowCancelled e -> {
                return WorkflowStatus.CANCELLED;
            }
            default -> {
            }
        }
        out.flush();
        return null;
    }

    private void line(String outcome, Step step, int attempt, Instant at, String what) {
        Instant from = started.getOrDefault(step, at);
        double seconds = Duration.between(from, at).toMillis() / 1000.0;
        String text = what.length() > 110 ? what.substring(0, 110) + "..." : what;
        out.printf(Locale.ROOT, "  %-6s %2d/%d %-17s attempt %d  %5.1f s  %s%n", outcome, step.ordinal() + 1, STEPS, step,
                attempt, seconds, text.replace('\n', ' '));
        out.flush();
    }
}
