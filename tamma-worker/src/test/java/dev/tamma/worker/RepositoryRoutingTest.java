package dev.tamma.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tamma.core.ai.AiCallRecorded;
import dev.tamma.core.platform.Comment;
import dev.tamma.core.platform.RepositoryId;
import dev.tamma.core.platform.Workspace.Person;
import dev.tamma.core.workflow.FailureCause;
import dev.tamma.core.workflow.RunReason;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.StepPayload;
import dev.tamma.core.workflow.StepRequest;
import dev.tamma.platforms.plaingit.InMemoryPlainGitRecords;
import dev.tamma.platforms.plaingit.PlainGitPlatform;
import dev.tamma.platforms.plaingit.PlainGitSettings;
import dev.tamma.providers.cost.SpendLedger;
import dev.tamma.worker.config.RepositoryConfigException;
import dev.tamma.worker.step.WorkerToolkit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The loop's steps on a worker take their models as the repository's {@code .tamma.yml} routes them,
 * over the operator's model file: two scripted providers, each with answers for its own steps only,
 * so a call routed to the wrong one fails the step.
 */
class RepositoryRoutingTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Person TAMMA = new Person("Tamma", "tamma@localhost");
    private static final String WORKFLOW = "local/app#1";

    /** The planner answers PLAN only. */
    private static final String PLANNER = """
            model: planner-model
            steps:
              plan:
                - text: '{"summary": "Add a greeting.", "options": [{"title": "A hello file", "approach": "Write hello.txt.",
                    "tradeoffs": "None.", "files": ["hello.txt"], "tests": "none"}], "recommended": 1, "breakingChange": false}'
                  usage: {input: 1000, output: 100}
            """;

    /** The coder answers ANALYZE and the two phases of IMPLEMENT. */
    private static final String CODER = """
            model: coder-model
            steps:
              analyze:
                - text: '{"summary": "Add a greeting file.", "clear": true, "questions": []}'
                  usage: {input: 1000, output: 50}
              implement:
                - expect: {contains: "Phase 1 of 2"}
                  toolCalls: [{name: done, arguments: {summary: "no test needed for a text file"}}]
                - expect: {contains: "Phase 2 of 2"}
                  toolCalls:
                    - {name: write_file, arguments: {path: hello.txt, content: "hello\\n"}}
                    - {name: done, arguments: {summary: "wrote hello.txt"}}
            """;

    @TempDir
    Path dir;

    private final List<AiCallRecorded> calls = new CopyOnWriteArrayList<>();
    private WorkerToolkit toolkit;

    @AfterEach
    void close() {
        if (toolkit != null) {
            toolkit.close();
        }
    }

    @Test
    void planGoesToTheProviderTheRepositoryNamesAndImplementToTheModelFilesDefault() throws Exception {
        PlainGitPlatform platform = repository("""
                providers:
                  steps:
                    plan: {provider: planner, model: planner-model}
                """);
        StepHandlers steps = steps(platform, "");

        assertThat(run(steps, Step.PLAN, null)).isInstanceOf(StepResult.Succeeded.class);
        StepResult opened = run(steps, Step.CREATE_PR, null);
        int pullRequest = ((StepResult.Succeeded) opened).output().pullRequest();
        StepResult implemented = run(steps, Step.IMPLEMENT, pullRequest);

        assertThat(implemented).isInstanceOf(StepResult.Succeeded.class);
        assertThat(calls).filteredOn(c -> c.context().step() == Step.PLAN)
                .extracting(AiCallRecorded::provider, AiCallRecorded::model)
                .containsExactly(tuple("planner", "planner-model"));
        assertThat(calls).filteredOn(c -> c.context().step() == Step.IMPLEMENT).hasSize(2)
                .allSatisfy(c -> {
                    assertThat(c.provider()).isEqualTo("coder");
                    assertThat(c.model()).isEqualTo("coder-model");
                });
        assertThat(platform.pullRequest(pullRequest).head()).isNotBlank();
    }

    @Test
    void withoutRoutesInTheRepositoryTheModelFileDecides() throws Exception {
        PlainGitPlatform platform = repository("mode: dev\n");
        StepHandlers steps = steps(platform, "  steps:\n    plan: {provider: planner, model: planner-model}\n");

        assertThat(run(steps, Step.ANALYZE, null)).isInstanceOf(StepResult.Succeeded.class);
        assertThat(run(steps, Step.PLAN, null)).isInstanceOf(StepResult.Succeeded.class);

        assertThat(calls).extracting(AiCallRecorded::provider).containsExactly("coder", "planner");
    }

    @Test
    void aProviderTheServerDoesNotHaveFailsTheStepAndIsExplainedOnTheIssue() throws Exception {
        PlainGitPlatform platform = repository("""
                mode: dev
                providers:
                  steps:
                    plan: {provider: my-own-openai, model: gpt-5}
                """);
        StepHandlers steps = steps(platform, "");

        StepResult result = run(steps, Step.PLAN, null);

        assertThat(result).isInstanceOfSatisfying(StepResult.Failed.class, failed -> {
            assertThat(failed.cause()).isEqualTo(FailureCause.STRUCTURAL);
            assertThat(failed.message()).contains("line 4").contains("providers.steps.plan.provider is 'my-own-openai'");
        });
        assertThat(platform.commentsSince(1, Instant.EPOCH)).extracting(Comment::body)
                .anyMatch(body -> RepositoryConfigException.MARKER.isIn(body)
                        && body.contains("providers.steps.plan.provider is 'my-own-openai'")
                        && body.contains("4 |     plan: {provider: my-own-openai, model: gpt-5}"));
        assertThat(calls).isEmpty();
    }

    @Test
    void theRepositorysSmallerBudgetStopsTheWorkflowsCalls() throws Exception {
        // ANALYZE costs $1.00 (1000 input tokens of coder-model at $1000 per million); the operator allows $5
        PlainGitPlatform platform = repository("providers:\n  budget: {workflow: 0.50}\n");
        StepHandlers steps = steps(platform, "");

        assertThat(run(steps, Step.ANALYZE, null)).isInstanceOf(StepResult.Succeeded.class);
        StepResult plan = run(steps, Step.PLAN, null);

        assertThat(plan).isInstanceOfSatisfying(StepResult.Failed.class, failed -> {
            assertThat(failed.cause()).isEqualTo(FailureCause.STRUCTURAL);
            assertThat(failed.message()).contains("budget of $0.5").contains("is spent");
        });
        assertThat(calls).extracting(AiCallRecorded::outcome).containsExactly(AiCallRecorded.Outcome.SUCCESS,
                AiCallRecorded.Outcome.BUDGET_EXCEEDED);
    }

    @Test
    void aRepositoryCannotRaiseTheOperatorsBudget() throws Exception {
        PlainGitPlatform platform = repository("providers:\n  budget: {workflow: 500}\n");
        StepHandlers steps = steps(platform, "  budget: {workflow: 0.50}\n");

        assertThat(run(steps, Step.ANALYZE, null)).isInstanceOf(StepResult.Succeeded.class);
        StepResult plan = run(steps, Step.PLAN, null);

        assertThat(plan).isInstanceOfSatisfying(StepResult.Failed.class, failed -> {
            assertThat(failed.cause()).isEqualTo(FailureCause.STRUCTURAL);
            assertThat(failed.message()).contains("budget of $0.5").contains("is spent");
        });
    }

    /** A plain-Git repository holding {@code tammaYml}, with issue #1 open on it. */
    private PlainGitPlatform repository(String tammaYml) throws Exception {
        Path work = dir.resolve("seed");
        try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            Files.writeString(work.resolve("README.md"), "# app\n");
            Files.writeString(work.resolve(".tamma.yml"), tammaYml);
            git.add().addFilepattern(".").call();
            git.commit().setMessage("Start").setAuthor("Alice", "alice@example.com")
                    .setCommitter("Alice", "alice@example.com").call();
        }
        Path bare = dir.resolve("app.git");
        Git.cloneRepository().setURI(work.toUri().toString()).setDirectory(bare.toFile()).setBare(true).call().close();
        PlainGitPlatform platform = new PlainGitPlatform(new PlainGitSettings(RepositoryId.parse("local/app"),
                bare.toUri().toString(), Optional.empty(), dir.resolve("cache"), Optional.empty(), Map.of(), TAMMA,
                Clock.systemUTC()), new InMemoryPlainGitRecords());
        platform.openIssue("Greet", "Add hello.txt saying hello.", List.of("tamma"), "alice");
        return platform;
    }

    /**
     * The handlers of a worker whose model file has the two scripted providers, {@code coder} by
     * default, with {@code moreProviders} added to its {@code providers:} section.
     */
    private StepHandlers steps(PlainGitPlatform platform, String moreProviders) throws Exception {
        Path planner = Files.writeString(dir.resolve("planner.yml"), PLANNER);
        Path coder = Files.writeString(dir.resolve("coder.yml"), CODER);
        Path ai = Files.writeString(dir.resolve("ai.yml"), """
                endpoints:
                  - {id: planner, type: scripted, options: {script: "%s"}}
                  - {id: coder, type: scripted, options: {script: "%s"}}
                providers:
                  default: {provider: coder, model: coder-model}
                %s""".formatted(planner, coder, moreProviders));
        Path prices = Files.writeString(dir.resolve("prices.yml"), """
                scripted:
                  coder-model: {input: 1000, output: 0}
                """);
        Map<String, String> environment = Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        toolkit = WorkerToolkit.open(new WorkerToolkit.Settings(ai, prices, dir.resolve("workspaces"), List.of(), TAMMA,
                null, null), environment, calls::add, new SpendLedger(), Clock.systemUTC());
        return toolkit.steps(task -> platform).handlers();
    }

    private static StepResult run(StepHandlers steps, Step step, Integer pullRequest) throws InterruptedException {
        StepRequest request = new StepRequest(WORKFLOW, step, 1,
                new StepPayload(RunReason.NEXT_STEP, null, null, null, pullRequest));
        StepTask task = new StepTask(UUID.randomUUID(), "workflow-1", "local/app", step, 1,
                JSON.writeValueAsString(request), Instant.now().plusSeconds(600), Map.of());
        return steps.forStep(step).run(task);
    }
}
