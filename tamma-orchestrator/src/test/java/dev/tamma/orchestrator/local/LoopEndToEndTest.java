package dev.tamma.orchestrator.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tamma.core.ai.AiCallRecorded;
import dev.tamma.core.platform.Comment;
import dev.tamma.core.platform.PullRequestState;
import dev.tamma.core.workflow.FailureCause;
import dev.tamma.core.workflow.StepOutput;
import dev.tamma.core.workflow.HumanWait;
import dev.tamma.core.workflow.Labels;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.UserCommand;
import dev.tamma.core.workflow.WorkflowEvent;
import dev.tamma.core.workflow.WorkflowState;
import dev.tamma.core.workflow.WorkflowStatus;
import dev.tamma.orchestrator.ai.AiCallEvents;
import dev.tamma.orchestrator.events.EventStore;
import dev.tamma.orchestrator.lease.WorkerTokens;
import dev.tamma.orchestrator.testdb.ApiClient;
import dev.tamma.orchestrator.worker.InProcessWorkers;
import dev.tamma.worker.OrchestratorClient;
import dev.tamma.worker.StepTask;
import dev.tamma.worker.Worker;
import dev.tamma.worker.step.LoopSteps;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop end to end on one machine: a real PostgreSQL, real git repositories, the plain-Git
 * platform, the sandbox, in-process workers and a scripted model, from an issue to its merge.
 */
class LoopEndToEndTest {

    private static final Duration LOOP = Duration.ofMinutes(3);
    private static final String MAINTAINER = "demo-maintainer";

    @TempDir
    Path dir;

    @Test
    void devModeRunsAllFourteenStepsAndMergesTheChangeWithItsTest() throws Exception {
        try (LocalLoop loop = new LocalLoop(dir, Map.of(), Scripts.demo())) {
            String workflow = loop.startDemoIssue(MAINTAINER);

            WorkflowState done = loop.awaitState(workflow, LOOP, WorkflowState::isTerminal);

            assertThat(done.status()).isEqualTo(WorkflowStatus.DONE);
            List<WorkflowEvent> events = loop.events(workflow);
            assertThat(events.stream().filter(e -> e instanceof WorkflowEvent.StepCompleted)
                    .map(e -> ((WorkflowEvent.StepCompleted) e).step()).toList())
                    .containsExactlyElementsOf(Arrays.stream(Step.values()).filter(Step::runsOnWorker).toList());
            assertThat(events).filteredOn(e -> e instanceof WorkflowEvent.CheckpointPassed).hasSize(2);
            assertThat(events).noneMatch(e -> e instanceof WorkflowEvent.AttemptFailed);
            assertThat(fileOnMain(loop, "src/Greeter.java")).contains("Hello, stranger!");
            assertThat(fileOnMain(loop, "test/GreeterTest.java")).contains("Greeter.greet(null)");
            assertThat(loop.platform().issue(1).open()).isFalse();
            assertThat(loop.platform().pullRequest(done.change().pullRequest()).state()).isEqualTo(PullRequestState.MERGED);
            assertThat(comments(loop, 1)).anyMatch(c -> c.body().contains("## Plan for #1"))
                    .anyMatch(c -> c.body().contains("## Completion check for #1"));
            List<AiCallRecorded> calls = loop.app.getBean(EventStore.class)
                    .readStream(AiCallEvents.streamOf(workflow)).stream()
                    .map(e -> AiCallEvents.decode(e.payload())).toList();
            assertThat(calls).as("every model call of the loop is in the log")
                    .extracting(c -> c.context().step())
                    .contains(Step.ANALYZE, Step.PLAN, Step.IMPLEMENT, Step.REVIEW, Step.COMPLETION_CHECK);
            assertThat(calls).allSatisfy(c -> {
                assertThat(c.context().repository()).isEqualTo(Demo.REPOSITORY);
                assertThat(c.context().issue()).isEqualTo(1);
                assertThat(c.context().attempt()).isEqualTo(1);
                assertThat(c.outcome()).isEqualTo(AiCallRecorded.Outcome.SUCCESS);
            });
        }
    }

    @Test
    void theRepositoryRoutesItsPlanAndReviewToAnotherProviderOfTheModelFile() throws Exception {
        List<String> scripts = Scripts.splitOff("planner-model", "plan", "review");
        Path main = Files.writeString(dir.resolve("main-script.yml"), scripts.get(0));
        Path planner = Files.writeString(dir.resolve("planner-script.yml"), scripts.get(1));
        Path ai = Files.writeString(dir.resolve("two-models.yml"), """
                endpoints:
                  - {id: scripted, type: scripted, options: {script: "%s"}}
                  - {id: planner, type: scripted, options: {script: "%s"}}
                providers:
                  default: {provider: scripted, model: scripted-demo}
                """.formatted(main, planner));
        String tammaYml = new String(SampleRepository.resource("demo/repository/.tamma.yml"), StandardCharsets.UTF_8)
                + """
                providers:
                  steps:
                    plan: {provider: planner, model: planner-model}
                    review: {provider: planner, model: planner-model}
                """;
        try (LocalLoop loop = new LocalLoop(dir, Map.of(".tamma.yml", tammaYml), "", "--tamma.ai.config=" + ai)) {
            String workflow = loop.startDemoIssue(MAINTAINER);

            assertThat(loop.awaitState(workflow, LOOP, WorkflowState::isTerminal).status()).isEqualTo(WorkflowStatus.DONE);
            List<AiCallRecorded> calls = loop.app.getBean(EventStore.class)
                    .readStream(AiCallEvents.streamOf(workflow)).stream()
                    .map(e -> AiCallEvents.decode(e.payload())).toList();
            assertThat(calls).filteredOn(c -> c.context().step() == Step.PLAN || c.context().step() == Step.REVIEW)
                    .hasSize(2).allSatisfy(c -> assertThat(c.provider()).isEqualTo("planner"));
            assertThat(calls).filteredOn(c -> c.context().step() != Step.PLAN && c.context().step() != Step.REVIEW)
                    .isNotEmpty().allSatisfy(c -> assertThat(c.provider()).isEqualTo("scripted"));
        }
    }

    @Test
    void businessModeWaitsForAnAuthorizedPersonAtBothCheckpoints() throws Exception {
        String tammaYml = """
                mode: business
                commands:
                  build: '"$JAVA_HOME/bin/javac" -d build src/Greeter.java test/GreeterTest.java'
                  test: '"$JAVA_HOME/bin/javac" -d build src/Greeter.java test/GreeterTest.java && "$JAVA_HOME/bin/java" -cp build GreeterTest'
                """;
        String twoOptions = Scripts.with("plan", List.of(Scripts.json(Map.of(
                "summary", "Two ways to greet strangers.",
                "options", List.of(
                        Map.of("title", "A constant in Greeter", "approach", "Keep the word in a constant.",
                                "tradeoffs", "One more field.", "files", List.of("src/Greeter.java"), "tests", "GreeterTest"),
                        Map.of("title", "Guard clause in Greeter.greet", "approach", "Return early for blank names.",
                                "tradeoffs", "Smallest change.", "files", List.of("src/Greeter.java"), "tests", "GreeterTest")),
                "recommended", 1, "breakingChange", false))));
        try (LocalLoop loop = new LocalLoop(dir, Map.of(".tamma.yml", tammaYml), twoOptions)) {
            String workflow = loop.startDemoIssue("alice");
            loop.awaitState(workflow, LOOP, s -> s.waitingFor() == HumanWait.DESIGN_APPROVAL);

            loop.command(workflow, "mallory", false, new UserCommand.ApproveOption(2));
            assertThat(loop.state(workflow).waitingFor()).isEqualTo(HumanWait.DESIGN_APPROVAL);
            loop.awaitState(workflow, LOOP, s -> comments(loop, 1).stream().anyMatch(c -> c.body().contains("@mallory")));

            loop.command(workflow, MAINTAINER, true, new UserCommand.ApproveOption(2));
            WorkflowState atMerge = loop.awaitState(workflow, LOOP, s -> s.waitingFor() == HumanWait.MERGE_APPROVAL);
            assertThat(loop.platform().pullRequest(atMerge.change().pullRequest()).body())
                    .contains("Option 2: Guard clause in Greeter.greet").doesNotContain("Option 1");

            loop.command(workflow, MAINTAINER, true, new UserCommand.ApproveMerge());
            assertThat(loop.awaitState(workflow, LOOP, WorkflowState::isTerminal).status()).isEqualTo(WorkflowStatus.DONE);
            assertThat(fileOnMain(loop, "src/Greeter.java")).contains("Hello, stranger!");
        }
    }

    @Test
    void testsFailingThreeTimesEscalateAndRetryFinishesTheWork() throws Exception {
        String unfixed = Scripts.GREETER_FIXED.replace("name == null || name.isBlank()", "name == null");
        List<Object> implement = List.of(
                Scripts.answers("implement").get(0),
                Scripts.writes("Phase 2 of 2", "src/Greeter.java", unfixed, "guards null names"),
                Scripts.writes("Fix:", "src/Greeter.java", unfixed + "// still wrong 1\n", "tried again"),
                Scripts.writes("Fix:", "src/Greeter.java", unfixed + "// still wrong 2\n", "tried once more"),
                Scripts.writes("Fix:", "src/Greeter.java", Scripts.GREETER_FIXED, "guards blank names too"));
        try (LocalLoop loop = new LocalLoop(dir, Map.of(), Scripts.with("implement", implement),
                "--tamma.api.admin-token=" + ApiClient.ADMIN_TOKEN)) {
            MetricsScrape before = MetricsScrape.of(loop, "escalation-0-before");
            String workflow = loop.startDemoIssue(MAINTAINER);

            WorkflowState stuck = loop.awaitState(workflow, LOOP, s -> s.status() == WorkflowStatus.ESCALATED);
            // the workflow gauges are read from the database at the lease sweeper's tick
            MetricsScrape escalated = await().atMost(Duration.ofSeconds(10)).until(
                    () -> MetricsScrape.of(loop, "escalation-1-escalated"),
                    m -> m.sum("tamma_workflows", "status=\"ESCALATED\"") == 1);
            assertThat(escalated.sum("tamma_workflow_escalations_total", "step=\"test\"")
                    - before.sum("tamma_workflow_escalations_total", "step=\"test\"")).isEqualTo(1);
            assertThat(escalated.sum("tamma_step_duration_seconds_count", "step=\"test\"", "outcome=\"failed\""))
                    .as("three failed test runs").isEqualTo(3);
            assertThat(escalated.sum("tamma_step_duration_seconds_count", "outcome=\"succeeded\""))
                    .as("analyze through build succeeded").isGreaterThanOrEqualTo(5);
            assertThat(escalated.sum("tamma_lease_wait_seconds_count")).isGreaterThan(before.sum("tamma_lease_wait_seconds_count"));
            assertThat(escalated.sum("tamma_ai_calls_total", "outcome=\"success\""))
                    .isGreaterThan(before.sum("tamma_ai_calls_total", "outcome=\"success\""));
            assertThat(escalated.sum("tamma_ai_tokens_total")).isGreaterThan(before.sum("tamma_ai_tokens_total"));

            assertThat(stuck.escalation().step()).isEqualTo(Step.TEST);
            assertThat(loop.events(workflow)).filteredOn(e -> e instanceof WorkflowEvent.AttemptFailed f
                    && f.step() == Step.TEST).hasSize(3)
                    .allSatisfy(e -> assertThat(((WorkflowEvent.AttemptFailed) e).outputExcerpt())
                            .contains("expected 'Hello, stranger!'"));
            loop.awaitState(workflow, LOOP, s -> loop.platform().issue(1).labels().contains(Labels.NEEDS_HUMAN));
            assertThat(comments(loop, 1)).anyMatch(c -> c.body().contains("/tamma retry")
                    && c.body().contains("expected 'Hello, stranger!'"));

            loop.command(workflow, MAINTAINER, true, new UserCommand.Retry());

            assertThat(loop.awaitState(workflow, LOOP, WorkflowState::isTerminal).status()).isEqualTo(WorkflowStatus.DONE);
            assertThat(fileOnMain(loop, "src/Greeter.java")).contains("name == null || name.isBlank()");
            MetricsScrape done = await().atMost(Duration.ofSeconds(10)).until(() -> MetricsScrape.of(loop, "escalation-2-done"),
                    m -> m.sum("tamma_workflows", "status=\"DONE\"") == 1 && m.sum("tamma_workflows", "status=\"ESCALATED\"") == 0);
            assertThat(done.sum("tamma_step_duration_seconds_count", "step=\"test\"", "outcome=\"succeeded\""))
                    .as("the retried test run").isEqualTo(1);
            assertThat(done.sum("tamma_step_duration_seconds_count", "step=\"merge\"", "outcome=\"succeeded\"")).isEqualTo(1);
            assertThat(done.sum("tamma_tasks_queued") + done.sum("tamma_tasks_leased")).as("nothing left over").isZero();
        }
    }

    @Test
    void clarifyingQuestionsAreAskedAndTheAnswerReachesTheNextAnalysis() throws Exception {
        List<Object> analyze = List.of(
                Scripts.json(Map.of("summary", "unclear", "clear", false,
                        "questions", List.of("Should a name of only spaces count as blank?"))),
                Map.of("expect", Map.of("contains", "Yes, spaces only is blank"),
                        "text", "{\"summary\": \"Blank names, spaces included, get the stranger greeting.\", "
                                + "\"clear\": true, \"questions\": []}"));
        try (LocalLoop loop = new LocalLoop(dir, Map.of(), Scripts.with("analyze", analyze))) {
            String workflow = loop.startDemoIssue(MAINTAINER);
            loop.awaitState(workflow, LOOP, s -> s.waitingFor() == HumanWait.QUESTIONS);
            loop.awaitState(workflow, LOOP, s -> comments(loop, 1).stream()
                    .anyMatch(c -> c.body().contains("Should a name of only spaces count as blank?")));

            loop.command(workflow, MAINTAINER, true, new UserCommand.Answer("Yes, spaces only is blank."));

            assertThat(loop.awaitState(workflow, LOOP, WorkflowState::isTerminal).status()).isEqualTo(WorkflowStatus.DONE);
            assertThat(loop.events(workflow)).filteredOn(e -> e instanceof WorkflowEvent.StepCompleted c
                    && c.step() == Step.ANALYZE).hasSize(2);
        }
    }

    @Test
    void aWorkerDyingMidImplementLosesTheStepToAnotherAndTheWorkflowCompletesOnce() throws Exception {
        try (LocalLoop loop = new LocalLoop(dir, Map.of(), Scripts.demo(), "--tamma.workers.in-process=0",
                "--tamma.leases.ttl=PT3S")) {
            String workflow = loop.startDemoIssue(MAINTAINER);
            LoopSteps steps = loop.app.getBean(InProcessWorkers.class).steps();
            WorkerTokens tokens = loop.app.getBean(WorkerTokens.class);
            Worker first = new Worker(new OrchestratorClient(loop.baseUrl(),
                    tokens.create("first", List.of(), List.of()).secret()), steps.handlers(), "first", List.of(),
                    Duration.ofSeconds(5));
            while (loop.state(workflow).step() != Step.IMPLEMENT) {
                assertThat(first.runOnce(workflow, Duration.ofSeconds(30))).isEqualTo(Worker.Outcome.SUCCEEDED);
            }

            // a worker takes IMPLEMENT, starts it (acknowledging the lease) and dies: no more heartbeats, no answer
            OrchestratorClient doomed = new OrchestratorClient(loop.baseUrl(),
                    tokens.create("doomed", List.of(), List.of()).secret());
            StepTask task = doomed.lease("doomed", List.of(), workflow, Duration.ofSeconds(30)).orElseThrow();
            assertThat(task.step()).isEqualTo(Step.IMPLEMENT);
            assertThat(task.attempt()).isEqualTo(1);
            assertThat(doomed.heartbeat(task.leaseId())).isPresent();
            loop.awaitState(workflow, LOOP, s -> loop.events(workflow).stream().anyMatch(e ->
                    e instanceof WorkflowEvent.AttemptFailed f && f.cause() == FailureCause.LEASE_EXPIRED));

            Worker second = new Worker(new OrchestratorClient(loop.baseUrl(),
                    tokens.create("second", List.of(), List.of()).secret()), steps.handlers(), "second", List.of(),
                    Duration.ofSeconds(5));
            second.start(1);
            try {
                assertThat(loop.awaitState(workflow, LOOP, WorkflowState::isTerminal).status())
                        .isEqualTo(WorkflowStatus.DONE);
            } finally {
                second.stop();
            }
            assertThat(doomed.complete(task.leaseId(), StepOutput.of("too late"))).isEqualTo(OrchestratorClient.Answer.EXPIRED);
            List<WorkflowEvent> events = loop.events(workflow);
            assertThat(events).filteredOn(e -> e instanceof WorkflowEvent.StepCompleted c && c.step() == Step.IMPLEMENT)
                    .singleElement().satisfies(e -> assertThat(((WorkflowEvent.StepCompleted) e).attempt()).isEqualTo(2));
            assertThat(events).filteredOn(e -> e instanceof WorkflowEvent.StepCompleted c && c.step() == Step.MERGE)
                    .hasSize(1);
            assertThat(events).filteredOn(e -> e instanceof WorkflowEvent.WorkflowCompleted).hasSize(1);
        }
    }

    private static List<Comment> comments(LocalLoop loop, long issue) {
        return loop.platform().commentsSince(issue, Instant.EPOCH);
    }

    private static String fileOnMain(LocalLoop loop, String path) throws Exception {
        try (Git git = Git.open(loop.bare.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            ObjectId main = git.getRepository().resolve("refs/heads/main");
            try (TreeWalk tree = TreeWalk.forPath(git.getRepository(), path, walk.parseCommit(main).getTree())) {
                assertThat(tree).as(path + " on main").isNotNull();
                return new String(git.getRepository().open(tree.getObjectId(0)).getBytes(),
                        java.nio.charset.StandardCharsets.UTF_8);
            }
        }
    }
}
