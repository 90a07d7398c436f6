package dev.tamma.bench;

import dev.tamma.core.workflow.Decision;
import dev.tamma.core.workflow.FailureCause;
import dev.tamma.core.workflow.Jitter;
import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.StepOutput;
import dev.tamma.core.workflow.UserCommand;
import dev.tamma.core.workflow.WorkflowConfig;
import dev.tamma.core.workflow.WorkflowEvent;
import dev.tamma.core.workflow.WorkflowInput;
import dev.tamma.core.workflow.WorkflowMachine;
import dev.tamma.core.workflow.WorkflowState;
import dev.tamma.core.workflow.WorkflowStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A long, realistic workflow history made by the real state machine: steps that fail and retry,
 * escalations answered with {@code /tamma retry}, approvals, and never a final merge, so it can
 * grow to any length.
 */
final class WorkflowStream {

    private WorkflowStream() {
    }

    static List<WorkflowEvent> generate(String workflowId, int size) {
        WorkflowMachine machine = new WorkflowMachine(Jitter.seeded(42));
        Random random = new Random(42);
        Instant now = Instant.parse("2026-11-01T09:00:00Z");
        List<WorkflowEvent> events = new ArrayList<>(size + 16);
        WorkflowState state = WorkflowState.empty();
        Decision decision = machine.start(workflowId, "acme/shop#1", WorkflowConfig.defaults(Mode.BUSINESS), now);
        while (true) {
            for (WorkflowEvent e : decision.events()) {
                state = state.apply(e);
                events.add(e);
            }
            if (events.size() >= size) {
                return events.subList(0, size);
            }
            now = now.plus(Duration.ofMinutes(1));
            decision = machine.decide(state, next(state, now, random));
        }
    }

    private static WorkflowInput next(WorkflowState state, Instant now, Random random) {
        if (state.status() == WorkflowStatus.ESCALATED) {
            return command(now, "/tamma retry");
        }
        if (state.status() == WorkflowStatus.WAITING_FOR_HUMAN) {
            return command(now, state.step() == Step.DESIGN_APPROVAL ? "/tamma approve" : "/tamma approve merge");
        }
        if (!state.stepRunning()) {
            Instant at = state.deadline().at().isAfter(now) ? state.deadline().at() : now;
            return new WorkflowInput.TimerFired(at, state.deadline().id());
        }
        if (state.step() == Step.MERGE || random.nextInt(3) == 0) {
            return new WorkflowInput.StepFailed(now, state.step(), state.attempt(), FailureCause.TRANSIENT,
                    "exit 1", "2 tests failed");
        }
        StepOutput output = switch (state.step()) {
            case CREATE_PR -> StepOutput.of("draft PR opened").withPullRequest(7);
            case PUSH -> StepOutput.of("pushed").withHeadSha("sha-" + now.toEpochMilli());
            default -> StepOutput.of(state.step() + " done");
        };
        return new WorkflowInput.StepSucceeded(now, state.step(), state.attempt(), output);
    }

    private static WorkflowInput command(Instant now, String text) {
        return new WorkflowInput.HumanCommand(now, "alice", true, UserCommand.parse(text).orElseThrow());
    }
}
