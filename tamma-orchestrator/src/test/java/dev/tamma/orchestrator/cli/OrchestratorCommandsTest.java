package dev.tamma.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tamma.core.workflow.HumanWait;
import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.StepOutput;
import dev.tamma.core.workflow.WorkflowConfig;
import dev.tamma.core.workflow.WorkflowInput;
import dev.tamma.core.workflow.WorkflowState;
import dev.tamma.core.workflow.WorkflowStatus;
import dev.tamma.orchestrator.testdb.ApiClient;
import dev.tamma.orchestrator.testdb.TammaSpringTest;
import dev.tamma.orchestrator.workflow.WorkflowEngine;
import dev.tamma.orchestrator.workflow.WorkflowReadModel;
import dev.tamma.worker.StepHandlers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code tamma status|logs|approve|...} against the running service, through its API, as ops-lead. */
@TammaSpringTest
@TestPropertySource(properties = {"tamma.api.admin-user=ops-lead", "tamma.triggers.approvers[0]=ops-lead"})
class OrchestratorCommandsTest {

    @LocalServerPort
    int port;

    @Autowired
    WorkflowEngine engine;

    @Autowired
    WorkflowReadModel readModel;

    @TempDir
    Path dir;

    private Path tokenFile;
    private String owner;
    private int issues;

    /** What a command printed, and its exit code. */
    private record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void setUp() throws Exception {
        tokenFile = Files.writeString(dir.resolve("admin-token"), ApiClient.ADMIN_TOKEN + "\n");
        owner = "clitest-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Run tamma(String... args) {
        return tamma(new StringWriter(), args);
    }

    private Run tamma(StringWriter out, String... args) {
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        boolean talksToTheApi = !args[0].equals("generate-completion");
        if (talksToTheApi && !all.contains("--token-file")) {
            all.addAll(List.of("--token-file", tokenFile.toString()));
        }
        if (talksToTheApi && !all.contains("--orchestrator")) {
            all.addAll(List.of("--orchestrator", "http://localhost:" + port));
        }
        int exit = TammaCommandLine.run(() -> {
            throw new IllegalStateException("these commands use the API, not the database");
        }, StepHandlers.none(), new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private String start(String repository, Mode mode) {
        String id = "workflow-" + UUID.randomUUID();
        engine.start(id, repository + "#" + (++issues), WorkflowConfig.defaults(mode));
        return id;
    }

    private WorkflowState state(String workflow) {
        return readModel.load(workflow).orElseThrow().state();
    }

    private String atDesignApproval(String repository) {
        String workflow = start(repository, Mode.BUSINESS);
        for (Step step : new Step[] {Step.ISSUE_ASSIGNED, Step.ANALYZE, Step.PLAN}) {
            engine.handle(workflow, new WorkflowInput.StepSucceeded(Instant.now(), step, state(workflow).attempt(),
                    step == Step.PLAN ? StepOutput.of("two options").withPlanOptions(2) : StepOutput.of("done")));
        }
        return workflow;
    }

    @Test
    void statusListsWorkflowsAsATableForPeopleAndJsonForScripts() {
        String running = start(owner + "/shop", Mode.DEV);
        String waiting = atDesignApproval(owner + "/web");

        Run table = tamma("status", "--repository", owner + "/*");

        assertThat(table.exit()).isEqualTo(0);
        assertThat(table.out()).as("no terminal here: no colours or symbols").doesNotContain("\u001B[", "\u23F8");
        assertThat(table.out().lines().findFirst().orElseThrow()).contains("STATUS", "ISSUE", "STEP", "AI COST",
                "WORKFLOW");
        assertThat(table.out()).containsPattern("WAITING_FOR_HUMAN +" + owner + "/web#2 +design approval +1 +\\$0.00 +"
                + "\\d+s +" + waiting).containsPattern("RUNNING +" + owner + "/shop#1 +issue assigned +1 +\\$0.00 +\\d+s +"
                + running)
                .contains("2 of 2 workflows; 1 waiting for a person");

        Run json = tamma("status", "--repository", owner + "/*", "--status", "running", "--json");
        JsonNode page = JsonMapper.builder().build().readTree(json.out());
        assertThat(page.path("workflows").valueStream().map(w -> w.path("id").asString())).containsExactly(running);

        Run coloured = tamma("status", "--repository", owner + "/*", "--color", "always");
        assertThat(coloured.out()).contains("\u001B[33m\u23F8 WAITING_FOR_HUMAN", "\u001B[34m\u25B6 RUNNING");
    }

    @Test
    void statusOfOneWorkflowSaysWhatCanBeDoneNext() {
        String waiting = atDesignApproval(owner + "/shop");

        Run byId = tamma("status", waiting);
        Run byIssue = tamma("status", owner + "/shop#1");

        assertThat(byId.exit()).isEqualTo(0);
        assertThat(byId.out()).contains(owner + "/shop#1", "business mode", "WAITING_FOR_HUMAN, waiting for design approval until",
                "design approval, attempt 1", "ai calls      $0.0000 so far", "./tamma approve " + waiting + " [--option N]");
        assertThat(byIssue.out()).isEqualTo(byId.out());
        Run unknown = tamma("status", owner + "/shop#99");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no workflow for the issue " + owner + "/shop#99");
    }

    @Test
    void approveReviseAndStopSteerTheWorkflowAndSayWhatCameOfIt() {
        String workflow = atDesignApproval(owner + "/shop");

        Run approved = tamma("approve", workflow, "--option", "2");
        assertThat(approved.exit()).isEqualTo(0);
        assertThat(approved.out()).contains("/tamma approve option 2 as ops-lead: " + workflow + " is RUNNING at create pr");
        assertThat(state(workflow).step()).isEqualTo(Step.CREATE_PR);

        Run again = tamma("approve", workflow);
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("tamma approve: refused (409)", "changes nothing");

        Run both = tamma("approve", workflow, "--option", "2", "--merge");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");

        Run stopped = tamma("stop", workflow, "--json");
        assertThat(stopped.exit()).isEqualTo(0);
        assertThat(JsonMapper.builder().build().readTree(stopped.out()).path("status").asString()).isEqualTo("CANCELLED");
        assertThat(state(workflow).status()).isEqualTo(WorkflowStatus.CANCELLED);
    }

    @Test
    void reviseSendsItsWordsAsOneText() {
        String workflow = atDesignApproval(owner + "/shop");

        Run revised = tamma("revise", workflow, "Keep", "the", "old", "greeting.");

        assertThat(revised.exit()).isEqualTo(0);
        assertThat(revised.out()).contains("/tamma revise Keep the old greeting. as ops-lead");
        assertThat(state(workflow).step()).isEqualTo(Step.PLAN);
        assertThat(state(workflow).waitingFor()).isNull();
        assertThat(state(workflow).payload().feedback()).isEqualTo("Keep the old greeting.");
    }

    @Test
    void logsFollowsTheWorkflowUntilItEnds() throws Exception {
        String workflow = atDesignApproval(owner + "/shop");
        StringWriter out = new StringWriter();

        CompletableFuture<Run> following = CompletableFuture.supplyAsync(() ->
                tamma(out, "logs", "--follow", "--poll", "100", workflow));
        await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains("human-wait.started"));
        assertThat(following).isNotDone();
        assertThat(out.toString()).contains("workflow.started", "step.completed", "plan #1", "two options",
                "design approval");

        assertThat(ApiClient.admin(port).post("/api/v1/workflows/" + workflow + "/stop", null).status()).isEqualTo(200);

        Run ended = following.get(10, TimeUnit.SECONDS);
        assertThat(ended.exit()).isEqualTo(0);
        assertThat(ended.out()).contains("workflow.cancelled").containsPattern("stopped, by ops-lead +\\(ops-lead\\)");
    }

    @Test
    void logsAsJsonLinesForScripts() {
        String workflow = start(owner + "/shop", Mode.DEV);

        Run logs = tamma("logs", workflow, "--json");

        List<JsonNode> lines = logs.out().lines().map(l -> JsonMapper.builder().build().readTree(l)).toList();
        assertThat(lines).extracting(l -> l.path("type").asString()).startsWith("workflow.started");
        assertThat(lines).extracting(l -> l.path("version").asInt()).isSorted();
    }

    @Test
    void aWrongTokenOrNoOrchestratorIsSaidPlainly() throws Exception {
        Path wrong = Files.writeString(dir.resolve("wrong"), "not-the-admin-token-at-all-0000");
        Run refused = tamma("status", "--token-file", wrong.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("refused the token").doesNotContain("not-the-admin-token");

        Run unreachable = tamma("status", "--orchestrator", "http://localhost:1");
        assertThat(unreachable.exit()).isEqualTo(2);
        assertThat(unreachable.err()).contains("cannot reach the orchestrator at http://localhost:1");
    }

    @Test
    void picocliWritesTheShellCompletion() {
        Run script = tamma("generate-completion");

        assertThat(script.exit()).isZero();
        assertThat(script.out()).contains("complete -F _complete_tamma -o default tamma", "status", "approve", "--follow", "--merge");
    }

    @Test
    void withoutATokenItSaysWhereOneComesFrom() throws Exception {
        ApiConnection connection = new ApiConnection();
        assertThat(connection.resolveToken(Map.of("TAMMA_API_TOKEN", " from-env "))).isEqualTo("from-env");
        Path file = Files.writeString(dir.resolve("server-token"), "from-file\n");
        assertThat(connection.resolveToken(Map.of("TAMMA_API_ADMINTOKENFILE", file.toString()))).isEqualTo("from-file");
        try {
            connection.resolveToken(Map.of());
        } catch (IllegalArgumentException e) {
            assertThat(e).hasMessageContaining("--token-file").hasMessageContaining("TAMMA_API_TOKEN");
            return;
        }
        throw new AssertionError("a missing token must be refused");
    }
}
