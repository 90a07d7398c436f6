package dev.tamma.core.workflow;

import dev.tamma.core.workflow.PlatformEvent.BaseBranchMoved;
import dev.tamma.core.workflow.PlatformEvent.CiFinished;
import dev.tamma.core.workflow.PlatformEvent.IssueClosed;
import dev.tamma.core.workflow.PlatformEvent.PullRequestClosed;
import dev.tamma.core.workflow.PlatformEvent.ReviewSubmitted;
import dev.tamma.core.workflow.PlatformEvent.ReviewVerdict;
import dev.tamma.core.workflow.WorkflowInput.HumanCommand;
import dev.tamma.core.workflow.WorkflowInput.StepFailed;
import dev.tamma.core.workflow.WorkflowInput.StepSucceeded;
import dev.tamma.core.workflow.WorkflowInput.TimerFired;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Random-walk material for the property tests: abstract actions that become concrete inputs
 * against whatever state the workflow is in, so the walk reaches deep states instead of bouncing
 * off stale inputs.
 */
final class Simulation {

    /** What kind of success a step reports. */
    enum Outcome { PLAIN, QUESTIONS, RISKY, NEW_SHA }

    sealed interface Action {}

    /**
     * Whatever moves the workflow forward now: the running step succeeds, a checkpoint or an
     * escalation gets an authorized answer, a backoff ends. Keeps random walks from dying young.
     */
    record Advance() implements Action {}

    record Succeed(Outcome outcome) implements Action {}

    record Fail(FailureCause cause) implements Action {}

    /** A report for an attempt that is not the outstanding one. */
    record StaleOutcome(boolean success) implements Action {}

    record FireDeadline() implements Action {}

    record FireStaleTimer() implements Action {}

    record Command(boolean authorized, UserCommand command) implements Action {}

    record Ci(boolean onHead, boolean success) implements Action {}

    record Review(boolean authorized, ReviewVerdict verdict) implements Action {}

    record PrClosed(boolean merged) implements Action {}

    record IssueClosedAction() implements Action {}

    record BaseMoved() implements Action {}

    record Scenario(Mode mode, int attemptLimit, Step limitedStep, List<Action> actions) {
        WorkflowConfig config() {
            return WorkflowConfig.defaults(mode).withMaxAttempts(limitedStep, attemptLimit);
        }
    }

    /** One decision taken during a run. */
    record Turn(WorkflowState before, WorkflowInput input, Decision decision, WorkflowState after) {}

    final WorkflowMachine machine = new WorkflowMachine(Jitter.seeded(7));
    final List<WorkflowEvent> events = new ArrayList<>();
    final List<WorkflowCommand> commands = new ArrayList<>();
    final List<Turn> turns = new ArrayList<>();
    WorkflowState state = WorkflowState.empty();
    private Instant now = Instant.parse("2026-03-02T09:00:00Z");
    private int shas;

    static Simulation run(Scenario scenario) {
        Simulation sim = new Simulation();
        Decision start = sim.machine.start("wf-p", "acme/shop#1", scenario.config(), sim.now);
        sim.record(start);
        for (Action action : scenario.actions()) {
            sim.step(action);
        }
        return sim;
    }

    void step(Action action) {
        now = now.plus(Duration.ofMinutes(1));
        WorkflowInput input = toInput(action);
        WorkflowState before = state;
        Decision decision = machine.decide(state, input);
        record(decision);
        turns.add(new Turn(before, input, decision, state));
    }

    private void record(Decision decision) {
        for (WorkflowEvent event : decision.events()) {
            state = machine.apply(state, event);
        }
        events.addAll(decision.events());
        commands.addAll(decision.commands());
    }

    private WorkflowInput toInput(Action action) {
        Step step = state.step();
        return switch (action) {
            case Advance a -> advance();
            case Succeed s -> new StepSucceeded(now, step, state.attempt(), output(step, s.outcome()));
            case Fail f -> new StepFailed(now, step, state.attempt(), f.cause(), "failed", "output of " + step);
            case StaleOutcome s -> s.success()
                    ? new StepSucceeded(now, step, state.attempt() - 1, StepOutput.of("late"))
                    : new StepFailed(now, step, state.attempt() + 1, FailureCause.TRANSIENT, "late", "");
            case FireDeadline f -> {
                if (state.deadline() == null) {
                    yield new TimerFired(now, "none");
                }
                if (state.deadline().at().isAfter(now)) {
                    now = state.deadline().at();
                }
                yield new TimerFired(now, state.deadline().id());
            }
            case FireStaleTimer f -> new TimerFired(now, "wf-p/deadline/" + Math.max(0, state.deadlinesScheduled() - 1));
            case Command c -> new HumanCommand(now, c.authorized() ? "maria" : "drive-by", c.authorized(), c.command());
            case Ci c -> new CiFinished(now, c.onHead() && state.change().headSha() != null
                    ? state.change().headSha() : "sha-elsewhere", c.success(), "ci log");
            case Review r -> new ReviewSubmitted(now, "lee", r.authorized(), r.verdict(), "please change");
            case PrClosed p -> new PullRequestClosed(now, p.merged(), "maria");
            case IssueClosedAction i -> new IssueClosed(now, "maria");
            case BaseMoved b -> new BaseBranchMoved(now, "base-" + now.getEpochSecond());
        };
    }

    private WorkflowInput advance() {
        if (state.waitingFor() != null) {
            UserCommand answer = switch (state.waitingFor()) {
                case QUESTIONS -> new UserCommand.Answer("EUR");
                case DESIGN_APPROVAL -> new UserCommand.Approve();
                case MERGE_APPROVAL -> new UserCommand.ApproveMerge();
                case ESCALATION -> new UserCommand.Retry();
            };
            return new HumanCommand(now, "maria", true, answer);
        }
        if (state.stepRunning() || state.deadline() == null) {
            return new StepSucceeded(now, state.step(), state.attempt(), output(state.step(), Outcome.PLAIN));
        }
        if (state.deadline().at().isAfter(now)) {
            now = state.deadline().at();
        }
        return new TimerFired(now, state.deadline().id());
    }

    private StepOutput output(Step step, Outcome outcome) {
        StepOutput output = StepOutput.of(step + " done");
        if (step == Step.CREATE_PR) {
            output = output.withPullRequest(7);
        }
        if (step == Step.PLAN) {
            output = output.withPlanOptions(2);
        }
        if (step == Step.PUSH || (outcome == Outcome.NEW_SHA && step == Step.ADDRESS_COMMENTS)) {
            output = output.withHeadSha("sha-" + ++shas);
        }
        return switch (outcome) {
            case QUESTIONS -> output.withQuestions(List.of("Which currency?"));
            case RISKY -> output.withRisk(true, 1000, List.of("migrations/"));
            default -> output;
        };
    }
}
