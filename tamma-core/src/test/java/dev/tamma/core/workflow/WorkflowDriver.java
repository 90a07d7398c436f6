package dev.tamma.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.workflow.WorkflowCommand.RunStep;
import dev.tamma.core.workflow.WorkflowInput.HumanCommand;
import dev.tamma.core.workflow.WorkflowInput.StepFailed;
import dev.tamma.core.workflow.WorkflowInput.StepSucceeded;
import dev.tamma.core.workflow.WorkflowInput.TimerFired;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Plays the orchestrator in tests: feeds inputs at a controlled instant, stores the events,
 * folds them into the state and keeps every command for assertions.
 */
final class WorkflowDriver {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    final WorkflowMachine machine = new WorkflowMachine(Jitter.none());
    final List<WorkflowEvent> events = new ArrayList<>();
    final List<WorkflowCommand> commands = new ArrayList<>();
    WorkflowState state = WorkflowState.empty();
    Instant now = T0;
    Decision last = Decision.none();

    static WorkflowDriver started(WorkflowConfig config) {
        WorkflowDriver driver = new WorkflowDriver();
        driver.record(driver.machine.start("wf-1", "acme/shop#42", config, T0));
        return driver;
    }

    static WorkflowDriver started(Mode mode) {
        return started(WorkflowConfig.defaults(mode));
    }

    Decision send(WorkflowInput input) {
        return record(machine.decide(state, input));
    }

    private Decision record(Decision decision) {
        for (WorkflowEvent event : decision.events()) {
            state = machine.apply(state, event);
        }
        events.addAll(decision.events());
        commands.addAll(decision.commands());
        last = decision;
        return decision;
    }

    WorkflowDriver after(Duration duration) {
        now = now.plus(duration);
        return this;
    }

    /** The outstanding task succeeds. */
    Decision succeed(StepOutput output) {
        assertThat(state.stepRunning()).as("a step is running").isTrue();
        return send(new StepSucceeded(now, state.step(), state.attempt(), output));
    }

    Decision succeed() {
        return succeed(StepOutput.of(state.step() + " done"));
    }

    /** Succeeds the running step, expecting it to be {@code step}. */
    Decision succeed(Step step, StepOutput output) {
        assertThat(state.step()).isEqualTo(step);
        return succeed(output);
    }

    Decision succeed(Step step) {
        return succeed(step, StepOutput.of(step + " done"));
    }

    Decision fail(FailureCause cause, String message, String excerpt) {
        assertThat(state.stepRunning()).as("a step is running").isTrue();
        return send(new StepFailed(now, state.step(), state.attempt(), cause, message, excerpt));
    }

    Decision command(String actor, String text) {
        return send(new HumanCommand(now, actor, true, UserCommand.parse(text).orElseThrow()));
    }

    Decision unauthorizedCommand(String actor, String text) {
        return send(new HumanCommand(now, actor, false, UserCommand.parse(text).orElseThrow()));
    }

    /** Moves the clock to the live deadline and fires it. */
    Decision fireDeadline() {
        Deadline deadline = state.deadline();
        assertThat(deadline).as("live deadline").isNotNull();
        if (deadline.at().isAfter(now)) {
            now = deadline.at();
        }
        return send(new TimerFired(now, deadline.id()));
    }

    /** Runs the flow in order until {@code step} is the running step. */
    WorkflowDriver runUntil(Step step) {
        while (state.step() != step || !state.stepRunning()) {
            assertThat(state.status()).as("status while running to " + step).isEqualTo(WorkflowStatus.RUNNING);
            succeed(outputFor(state.step()));
        }
        return this;
    }

    /** Outputs that carry what the next steps need: a PR number, a pushed sha. */
    StepOutput outputFor(Step step) {
        return switch (step) {
            case CREATE_PR -> StepOutput.of("draft PR opened").withPullRequest(7);
            case PUSH -> StepOutput.of("pushed").withHeadSha("sha-" + (state.attemptsStarted(Step.PUSH)));
            case PLAN -> StepOutput.of("plan posted").withPlanOptions(2);
            default -> StepOutput.of(step + " done");
        };
    }

    List<RunStep> runSteps() {
        return commands.stream().filter(RunStep.class::isInstance).map(RunStep.class::cast).toList();
    }

    List<Step> stepsRun() {
        return runSteps().stream().map(RunStep::step).toList();
    }

    <T extends WorkflowCommand> List<T> commandsOf(Class<T> type) {
        return commands.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends WorkflowCommand> List<T> lastCommandsOf(Class<T> type) {
        return last.commands().stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends WorkflowEvent> List<T> eventsOf(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
