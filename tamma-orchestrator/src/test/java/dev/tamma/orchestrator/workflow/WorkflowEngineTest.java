package dev.tamma.orchestrator.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tamma.core.workflow.FailureCause;
import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.PlatformEvent;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.StepOutput;
import dev.tamma.core.workflow.UserCommand;
import dev.tamma.core.workflow.WorkflowConfig;
import dev.tamma.core.workflow.WorkflowEvent;
import dev.tamma.core.workflow.WorkflowInput;
import dev.tamma.core.workflow.WorkflowState;
import dev.tamma.core.workflow.WorkflowStatus;
import dev.tamma.orchestrator.events.EventStore;
import dev.tamma.orchestrator.events.StoredEvent;
import dev.tamma.orchestrator.testdb.TammaSpringTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@TammaSpringTest
class WorkflowEngineTest {

    @Autowired
    WorkflowEngine engine;

    @Autowired
    WorkflowReadModel readModel;

    @Autowired
    WorkflowHistory history;

    @Autowired
    EventStore events;

    @Autowired
    WorkflowEventCodec codec;

    @Autowired
    JdbcClient jdbc;

    /** Feeds a workflow its inputs at a moving instant. */
    private final class Run {
        final String id = "workflow-" + UUID.randomUUID();
        Instant now = Instant.now();

        Run start(Mode mode) {
            engine.start(id, "acme/shop#" + id.hashCode(), WorkflowConfig.defaults(mode));
            return this;
        }

        WorkflowState state() {
            return readModel.load(id).orElseThrow().state();
        }

        void send(WorkflowInput input) {
            engine.handle(id, input);
        }

        void succeed(StepOutput output) {
            now = now.plus(Duration.ofMinutes(1));
            WorkflowState s = state();
            send(new WorkflowInput.StepSucceeded(now, s.step(), s.attempt(), output));
        }

        void fail(FailureCause cause) {
            now = now.plus(Duration.ofMinutes(1));
            WorkflowState s = state();
            send(new WorkflowInput.StepFailed(now, s.step(), s.attempt(), cause, "exit 1", "tests failed"));
        }

        void fireDeadline() {
            WorkflowState s = state();
            now = s.deadline().at().isAfter(now) ? s.deadline().at() : now;
            send(new WorkflowInput.TimerFired(now, s.deadline().id()));
        }

        void command(String text) {
            now = now.plus(Duration.ofMinutes(1));
            send(new WorkflowInput.HumanCommand(now, "alice", true, UserCommand.parse(text).orElseThrow()));
        }

        /** Succeeds steps in order, with the outputs later steps need, until {@code step} runs. */
        void runUntil(Step step) {
            while (state().step() != step || !state().stepRunning()) {
                assertThat(state().status()).isEqualTo(WorkflowStatus.RUNNING);
                succeed(outputFor(state().step()));
            }
        }

        StepOutput outputFor(Step step) {
            return switch (step) {
                case CREATE_PR -> StepOutput.of("draft PR opened").withPullRequest(7);
                case PUSH -> StepOutput.of("pushed").withHeadSha("sha-" + now.toEpochMilli());
                case PLAN -> StepOutput.of("plan posted").withPlanOptions(2);
                default -> StepOutput.of(step + " done");
            };
        }

        void assertReadModelMatchesTheLog() {
            WorkflowReadModel.Snapshot snapshot = readModel.load(id).orElseThrow();
            assertThat(snapshot.state()).isEqualTo(history.replay(id));
            assertThat(snapshot.version()).isEqualTo(events.version(id));
        }
    }

    @Test
    void aDevModeWorkflowRunsAllFourteenStepsToDoneAndTheReadModelMatchesTheLog() {
        Run run = new Run().start(Mode.DEV);
        run.runUntil(Step.MERGE);
        run.succeed(StepOutput.of("merged"));

        assertThat(run.state().status()).isEqualTo(WorkflowStatus.DONE);
        run.assertReadModelMatchesTheLog();
        List<String> tasks = jdbc.sql("SELECT step FROM task WHERE workflow_id = ? ORDER BY id")
                .param(run.id).query(String.class).list();
        assertThat(tasks).as("one task per step that runs on a worker, in order").containsExactly(
                "ISSUE_ASSIGNED", "ANALYZE", "PLAN", "CREATE_PR", "IMPLEMENT", "BUILD", "TEST", "PUSH", "CI_CHECKS",
                "REVIEW", "ADDRESS_COMMENTS", "COMPLETION_CHECK", "MERGE");
        List<String> outbox = jdbc.sql("SELECT type FROM workflow_command WHERE workflow_id = ? ORDER BY id")
                .param(run.id).query(String.class).list();
        assertThat(outbox).contains("ReleaseRepoLock", "StartNextIssue").doesNotContain("RunStep", "ScheduleDeadline");
        assertThat(jdbc.sql("SELECT count(*) FROM scheduled_tasks WHERE task_instance LIKE ?")
                .param(run.id + "/%").query(Integer.class).single()).as("durable deadline timers").isPositive();
    }

    @Test
    void everyEventOfABusyWorkflowSurvivesTheLogAndTheReadModelFollows() {
        Run run = new Run().start(Mode.BUSINESS);
        run.runUntil(Step.ANALYZE);
        run.succeed(StepOutput.of("unclear").withQuestions(List.of("Which currency?")));
        run.command("/tamma answer euros");
        run.runUntil(Step.PLAN);
        run.succeed(StepOutput.of("plan").withPlanOptions(2));
        run.command("/tamma revise keep the old API");
        run.succeed(StepOutput.of("plan v2").withPlanOptions(2));
        run.command("/tamma approve option 2");
        run.runUntil(Step.IMPLEMENT);
        run.send(new PlatformEvent.BaseBranchMoved(run.now, "abc123"));
        for (int failure = 1; failure <= 3; failure++) {
            run.fail(FailureCause.TRANSIENT);
            if (run.state().status() == WorkflowStatus.RUNNING) {
                run.fireDeadline();
            }
        }
        assertThat(run.state().status()).isEqualTo(WorkflowStatus.ESCALATED);
        run.command("/tamma retry");
        run.command("/tamma stop");

        assertThat(run.state().status()).isEqualTo(WorkflowStatus.CANCELLED);
        run.assertReadModelMatchesTheLog();
        List<StoredEvent> stored = events.readStream(run.id);
        for (StoredEvent e : stored) {
            WorkflowEvent decoded = codec.decode(e);
            assertThat(codec.decode(withPayload(e, codec.encode(decoded, "x", null).payload()))).isEqualTo(decoded);
        }
        Set<String> types = stored.stream().map(StoredEvent::type).collect(Collectors.toSet());
        assertThat(types).contains("workflow.started", "step.started", "step.completed", "step.failed",
                "deadline.scheduled", "human-wait.started", "checkpoint.passed", "checkpoint.revision-requested",
                "questions.answered", "retry.requested", "base-branch.moved", "workflow.escalated",
                "workflow.cancelled");
        assertThat(stored).filteredOn(e -> e.type().equals("questions.answered"))
                .singleElement().extracting(StoredEvent::actor).isEqualTo("alice");
    }

    @Test
    void theStateAtAnyInstantIsTheFoldOfTheEventsUpToIt() {
        Run run = new Run().start(Mode.DEV);
        run.runUntil(Step.PLAN);
        Instant planRunning = run.now;
        WorkflowState thenState = run.state();
        run.runUntil(Step.BUILD);

        assertThat(history.stateAt(run.id, planRunning)).isEqualTo(thenState);
        assertThat(history.stateAt(run.id, planRunning).step()).isEqualTo(Step.PLAN);
        assertThat(history.stateAtVersion(run.id, 1).status()).isEqualTo(WorkflowStatus.RUNNING);
        assertThat(history.replay(run.id).step()).isEqualTo(Step.BUILD);
    }

    @Test
    void twoInputsRacingOnOneWorkflowAreBothRecorded() throws Exception {
        Run run = new Run().start(Mode.DEV);
        int before = events.version(run.id);
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<?>> sent = List.of("sha-a", "sha-b").stream().map(sha -> pool.submit(() -> {
                go.await();
                run.send(new PlatformEvent.BaseBranchMoved(run.now, sha));
                return null;
            })).collect(Collectors.toList());
            go.countDown();
            for (Future<?> f : sent) {
                f.get();
            }
        }

        assertThat(events.version(run.id)).isEqualTo(before + 2);
        assertThat(events.readStream(run.id)).filteredOn(e -> e.type().equals("base-branch.moved")).hasSize(2);
        run.assertReadModelMatchesTheLog();
    }

    @Test
    void unknownAndDuplicateWorkflowsAreRefusedByName() {
        Run run = new Run().start(Mode.DEV);
        assertThatThrownBy(() -> engine.start(run.id, "acme/shop#1", WorkflowConfig.defaults(Mode.DEV)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(run.id).hasMessageContaining("exists");
        assertThatThrownBy(() -> engine.handle("workflow-none", new WorkflowInput.TimerFired(Instant.now(), "d1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("There is no workflow workflow-none");
    }

    private static StoredEvent withPayload(StoredEvent e, String payload) {
        return new StoredEvent(e.globalPosition(), e.streamId(), e.streamVersion(), e.eventId(), e.type(),
                e.schemaVersion(), e.occurredAt(), e.actor(), e.correlationId(), e.causationId(), payload,
                e.previousHash(), e.hash());
    }
}
