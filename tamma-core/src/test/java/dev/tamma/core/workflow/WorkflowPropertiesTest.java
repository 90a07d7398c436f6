package dev.tamma.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.workflow.PlatformEvent.ReviewVerdict;
import dev.tamma.core.workflow.Simulation.Action;
import dev.tamma.core.workflow.Simulation.Outcome;
import dev.tamma.core.workflow.Simulation.Scenario;
import dev.tamma.core.workflow.Simulation.Turn;
import dev.tamma.core.workflow.WorkflowCommand.RunStep;
import dev.tamma.core.workflow.WorkflowCommand.ScheduleDeadline;
import dev.tamma.core.workflow.WorkflowInput.HumanCommand;
import dev.tamma.core.workflow.WorkflowInput.StepSucceeded;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/** Random walks through the workflow: whatever happens, it is never stuck and never lies. */
class WorkflowPropertiesTest {

    @Property(tries = 300)
    void decideNeverThrowsAndEveryLiveStateHasAWayOut(@ForAll("scenarios") Scenario scenario) {
        Simulation sim = Simulation.run(scenario);
        Set<String> scheduled = new HashSet<>();
        sim.commands.stream().filter(ScheduleDeadline.class::isInstance)
                .forEach(c -> scheduled.add(((ScheduleDeadline) c).id()));

        for (Turn turn : sim.turns) {
            turn.decision().commands().stream().filter(ScheduleDeadline.class::isInstance)
                    .map(ScheduleDeadline.class::cast)
                    .forEach(d -> assertThat(d.at()).as("deadlines lie ahead").isAfterOrEqualTo(turn.input().now()));
            WorkflowState s = turn.after();
            if (s.isTerminal()) {
                assertThat(s.deadline()).as("a finished workflow keeps no timer").isNull();
                continue;
            }
            assertThat(s.deadline()).as("live state has a deadline after %s", turn.input()).isNotNull();
            assertThat(scheduled).as("the deadline was handed to the orchestrator").contains(s.deadline().id());
            switch (s.status()) {
                case RUNNING -> {
                    assertThat(s.stepRunning()
                            ? s.deadline().kind() == DeadlineKind.STEP_TIMEOUT
                            : s.deadline().kind() == DeadlineKind.RETRY_BACKOFF)
                            .as("a running workflow has a step out or a retry scheduled: %s", s).isTrue();
                    assertThat(s.waitingFor()).isNull();
                    assertThat(s.reminded()).isFalse();
                }
                case WAITING_FOR_HUMAN, ESCALATED -> {
                    assertThat(s.waitingFor()).isNotNull();
                    assertThat(s.waitingFor() == HumanWait.ESCALATION).isEqualTo(s.status() == WorkflowStatus.ESCALATED);
                    assertThat(s.stepRunning()).isFalse();
                    // Before the reminder the reminder is due; after it, the timeout.
                    assertThat(s.deadline().kind())
                            .isEqualTo(s.reminded() ? DeadlineKind.HUMAN_TIMEOUT : DeadlineKind.HUMAN_REMINDER);
                }
                default -> throw new AssertionError("unexpected status " + s.status());
            }
        }
        assertAtMostOneReminderPerWait(sim.events);
        Statistics.label("final status").collect(sim.state.status());
    }

    private static void assertAtMostOneReminderPerWait(List<WorkflowEvent> events) {
        int reminders = 0;
        for (WorkflowEvent event : events) {
            switch (event) {
                case WorkflowEvent.HumanWaitStarted w -> reminders = 0;
                case WorkflowEvent.WorkflowEscalated e -> reminders = 0;
                case WorkflowEvent.ReminderSent r -> {
                    reminders++;
                    assertThat(reminders).as("reminders for one wait").isEqualTo(1);
                }
                default -> { }
            }
        }
    }

    @Property(tries = 300)
    void foldingTheEmittedEventsReproducesTheState(@ForAll("scenarios") Scenario scenario) {
        Simulation sim = Simulation.run(scenario);

        assertThat(WorkflowState.replay(sim.events)).isEqualTo(sim.state);
        // As the orchestrator will: from stored copies of the events alone.
        assertThat(WorkflowState.replay(sim.events.stream().map(PlainCopy::of).toList())).isEqualTo(sim.state);
        for (Turn turn : sim.turns) {
            WorkflowState folded = turn.before();
            for (WorkflowEvent event : turn.decision().events()) {
                folded = folded.apply(event);
                assertThat(event.occurredAt()).isEqualTo(turn.input().now());
            }
            assertThat(folded).isEqualTo(turn.after());
            if (turn.decision().events().isEmpty()) {
                assertThat(turn.after()).as("no event, no change").isEqualTo(turn.before());
            }
        }
    }

    @Property(tries = 200)
    void decideIsDeterministic(@ForAll("scenarios") Scenario scenario) {
        Simulation first = Simulation.run(scenario);
        Simulation second = Simulation.run(scenario);

        assertThat(second.events).isEqualTo(first.events);
        assertThat(second.commands).isEqualTo(first.commands);
    }

    @Property(tries = 300)
    void inBusinessModeNoMergeRunsWithoutAnAuthorizedApprovalAfterTheLastPush(
            @ForAll("businessScenarios") Scenario scenario) {
        Simulation sim = Simulation.run(scenario);
        boolean approvedSincePush = false;
        boolean merged = false;
        for (Turn turn : sim.turns) {
            boolean accepted = !turn.decision().events().isEmpty();
            if (turn.input() instanceof StepSucceeded s && s.output().headSha() != null && accepted) {
                approvedSincePush = false;
            }
            if (turn.input() instanceof HumanCommand c && c.authorized()
                    && c.command() instanceof UserCommand.ApproveMerge) {
                approvedSincePush = true;
            }
            boolean runsMerge = turn.decision().commands().stream()
                    .anyMatch(c -> c instanceof RunStep run && run.step() == Step.MERGE);
            if (runsMerge) {
                assertThat(approvedSincePush).as("MERGE after %s needs an approval since the last push",
                        turn.input()).isTrue();
                merged = true;
            }
        }
        Statistics.label("merge ran").collect(merged);
        // Guards against a vacuous pass: enough walks must actually reach MERGE.
        Statistics.label("merge ran").coverage(check -> check.check(true).percentage(p -> p > 10.0));
    }

    @Property(tries = 200)
    void repeatedFailuresOfAnyStepEscalateWithinItsAttemptLimit(
            @ForAll("workerSteps") Step step,
            @ForAll("limits") int limit,
            @ForAll Mode mode,
            @ForAll("retryableCauses") List<FailureCause> causes) {
        WorkflowDriver wf = WorkflowDriver.started(WorkflowConfig.defaults(mode).withMaxAttempts(step, limit));
        int failures = 0;
        while (wf.state.status() != WorkflowStatus.ESCALATED) {
            driveTo(wf, step);
            FailureCause cause = causes.get(failures % causes.size());
            wf.fail(cause, "failed", "log");
            failures++;
            assertThat(failures).as("failures of %s before escalating", step).isLessThanOrEqualTo(limit);
            if (cause == FailureCause.STRUCTURAL) {
                break;
            }
        }
        assertThat(wf.state.status()).isEqualTo(WorkflowStatus.ESCALATED);
        assertThat(wf.state.escalation().step()).isEqualTo(step);
        assertThat(wf.commandsOf(WorkflowCommand.SetLabel.class)).contains(new WorkflowCommand.SetLabel(Labels.NEEDS_HUMAN));
        if (!causes.subList(0, Math.min(failures, causes.size())).contains(FailureCause.STRUCTURAL)) {
            assertThat(failures).isEqualTo(limit);
        }
    }

    /** Moves along the happy path, approving checkpoints and waiting out backoffs, until {@code step} runs. */
    private static void driveTo(WorkflowDriver wf, Step step) {
        while (!(wf.state.step() == step && wf.state.stepRunning())) {
            if (wf.state.waitingFor() == HumanWait.DESIGN_APPROVAL) {
                wf.command("maria", "/tamma approve");
            } else if (wf.state.waitingFor() == HumanWait.MERGE_APPROVAL) {
                wf.command("maria", "/tamma approve merge");
            } else if (wf.state.retryPending()) {
                wf.fireDeadline();
            } else {
                wf.succeed(wf.outputFor(wf.state.step()));
            }
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return scenarios(Arbitraries.of(Mode.class));
    }

    @Provide
    Arbitrary<Scenario> businessScenarios() {
        return scenarios(Arbitraries.just(Mode.BUSINESS));
    }

    @Provide
    Arbitrary<Step> workerSteps() {
        return Arbitraries.of(Arrays.stream(Step.values()).filter(Step::runsOnWorker).toList());
    }

    @Provide
    Arbitrary<Integer> limits() {
        return Arbitraries.integers().between(1, WorkflowConfig.MAX_ATTEMPTS_CAP);
    }

    @Provide
    Arbitrary<List<FailureCause>> retryableCauses() {
        return Arbitraries.frequency(
                        Tuple.of(30, FailureCause.TRANSIENT), Tuple.of(10, FailureCause.TIMEOUT),
                        Tuple.of(10, FailureCause.LEASE_EXPIRED), Tuple.of(2, FailureCause.STRUCTURAL))
                .list().ofMinSize(1).ofMaxSize(10);
    }

    private static Arbitrary<Scenario> scenarios(Arbitrary<Mode> modes) {
        return Combinators.combine(modes, Arbitraries.integers().between(1, 3), Arbitraries.of(Step.class),
                actions().list().ofMinSize(1).ofMaxSize(250)
                        .withSizeDistribution(RandomDistribution.uniform())).as(Scenario::new);
    }

    private static Arbitrary<Action> actions() {
        return Arbitraries.frequencyOf(
                Tuple.of(100, Arbitraries.just(new Simulation.Advance())),
                Tuple.of(20, Arbitraries.frequency(Tuple.of(80, Outcome.PLAIN), Tuple.of(6, Outcome.QUESTIONS),
                        Tuple.of(6, Outcome.RISKY), Tuple.of(8, Outcome.NEW_SHA)).map(Simulation.Succeed::new)),
                Tuple.of(10, Arbitraries.of(FailureCause.class).map(Simulation.Fail::new)),
                Tuple.of(3, Arbitraries.of(true, false).map(Simulation.StaleOutcome::new)),
                Tuple.of(10, Arbitraries.just(new Simulation.FireDeadline())),
                Tuple.of(2, Arbitraries.just(new Simulation.FireStaleTimer())),
                Tuple.of(18, Combinators.combine(Arbitraries.frequency(Tuple.of(85, true), Tuple.of(15, false)),
                        userCommands()).as(Simulation.Command::new)),
                Tuple.of(6, Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false))
                        .as(Simulation.Ci::new)),
                Tuple.of(3, Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(ReviewVerdict.class))
                        .as(Simulation.Review::new)),
                Tuple.of(1, Arbitraries.of(true, false).map(Simulation.PrClosed::new)),
                Tuple.of(1, Arbitraries.just(new Simulation.IssueClosedAction())),
                Tuple.of(2, Arbitraries.just(new Simulation.BaseMoved())));
    }

    private static Arbitrary<UserCommand> userCommands() {
        return Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.just(new UserCommand.Approve())),
                Tuple.of(4, Arbitraries.integers().between(1, 3).map(UserCommand.ApproveOption::new)),
                Tuple.of(10, Arbitraries.just(new UserCommand.ApproveMerge())),
                Tuple.of(3, Arbitraries.just(new UserCommand.Revise("change it"))),
                Tuple.of(5, Arbitraries.just(new UserCommand.Answer("EUR"))),
                Tuple.of(8, Arbitraries.just(new UserCommand.Retry())),
                Tuple.of(4, Arbitraries.of(Step.class).map(UserCommand.RetryFrom::new)),
                Tuple.of(1, Arbitraries.just(new UserCommand.Stop())),
                Tuple.of(1, Arbitraries.just(new UserCommand.Help())),
                Tuple.of(1, Arbitraries.just(new UserCommand.Unrecognized("dance"))));
    }

}
