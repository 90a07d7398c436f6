package dev.tamma.orchestrator.lease;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tamma.core.ai.AiCallRecorded;
import dev.tamma.core.platform.Issue;
import dev.tamma.core.workflow.FailureCause;
import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.WorkflowConfig;
import dev.tamma.core.workflow.WorkflowState;
import dev.tamma.core.workflow.WorkflowStatus;
import dev.tamma.orchestrator.ai.AiCallEvents;
import dev.tamma.orchestrator.cli.TammaCommandLine;
import dev.tamma.orchestrator.platform.RepositoryPlatforms;
import dev.tamma.orchestrator.testdb.TammaSpringTest;
import dev.tamma.orchestrator.workflow.WorkflowEngine;
import dev.tamma.orchestrator.workflow.WorkflowReadModel;
import dev.tamma.platforms.plaingit.PlainGitPlatform;
import dev.tamma.platforms.testing.GitHttpServer;
import dev.tamma.platforms.testing.GitRepos;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tamma worker} on its own, as on another machine: it knows the orchestrator's URL, its token
 * and its AI config, and reaches each task's repository (WireMock speaking Gitea's API, a real git
 * server behind the same token) only through what the lease hands it.
 */
@TammaSpringTest
class RemoteWorkerTest {

    private static final String REPOSITORY = "forge/remote";
    private static final String API = "/api/v1/repos/forge/remote";
    private static final String GIT_USER = "tamma-bot";
    private static final String TOKEN = "gitea-token-for-forge-remote";
    private static final String OTHER_TOKEN = "gitea-token-of-another-repository";
    private static final String WEBHOOK_SECRET = "gitea-webhook-secret-remote-test";
    private static final String PLAIN = "local/plain";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Path ROOT;
    private static final Path BARE;
    private static final Path PLAIN_BARE;
    private static final GitHttpServer GIT;
    private static final WireMockServer GITEA = new WireMockServer(options().dynamicPort());

    static {
        try {
            ROOT = Files.createTempDirectory("remote-worker-test-");
            BARE = GitRepos.bareWith(Files.createDirectories(ROOT.resolve("git/forge")), "remote.git",
                    Map.of("README.md", "# Remote\n\nA repository a remote worker works on.\n"));
            PLAIN_BARE = GitRepos.bareWith(Files.createDirectories(ROOT.resolve("plain")), "plain.git",
                    Map.of("README.md", "# Plain\n"));
            GIT = new GitHttpServer(ROOT.resolve("git"), GIT_USER, TOKEN);
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
        GITEA.start();
        stubGitea();
    }

    private static void stubGitea() {
        String web = "http://gitea.example/forge/remote";
        GITEA.stubFor(get(urlEqualTo(API)).willReturn(okJson("""
                {"id": 3, "name": "remote", "full_name": "forge/remote", "default_branch": "main",
                 "clone_url": "%s", "html_url": "%s", "empty": false}""".formatted(GIT.url("forge/remote.git"), web))));
        GITEA.stubFor(get(urlPathEqualTo(API + "/raw/.tamma.yml")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"object does not exist [id: , rel_path: .tamma.yml]\",\"url\":\"\"}")));
        GITEA.stubFor(get(urlEqualTo(API + "/issues/7")).willReturn(okJson("""
                {"id": 107, "number": 7, "title": "Explain how to run the tests", "state": "open",
                 "body": "The README should say how to run the tests.\\n\\n## Acceptance criteria\\n- [ ] README has a Tests section",
                 "user": {"login": "carol"}, "labels": [{"id": 2, "name": "tamma"}], "assignees": null,
                 "html_url": "%s/issues/7"}""".formatted(web))));
        GITEA.stubFor(get(urlPathEqualTo(API + "/issues/7/comments")).willReturn(okJson("[]")));
        GITEA.stubFor(post(urlEqualTo(API + "/issues/7/comments")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":91,\"body\":\"plan\",\"user\":{\"login\":\"tamma-bot\"},"
                        + "\"created_at\":\"2026-11-21T10:00:00Z\",\"updated_at\":\"2026-11-21T10:00:00Z\","
                        + "\"html_url\":\"" + web + "/issues/7#issuecomment-91\"}")));
        GITEA.stubFor(post(urlEqualTo(API + "/issues/7/labels")).willReturn(okJson("[{\"id\":3,\"name\":\"tamma:working\"}]")));
        GITEA.stubFor(get(urlPathEqualTo(API + "/pulls")).willReturn(okJson("[]")));
        GITEA.stubFor(post(urlEqualTo(API + "/pulls")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"id": 212, "number": 12, "title": "WIP: Explain how to run the tests", "body": "",
                         "state": "open", "merged": false, "draft": false, "html_url": "%s/pulls/12",
                         "head": {"ref": "tamma/7-explain-how-to-run-the-tests", "sha": "3a1f6c9e2b7d4e8f0a5c1b9d7e3f2a6c8b4d0e1f"},
                         "base": {"ref": "main"}}""".formatted(web))));
    }

    @DynamicPropertySource
    static void repositories(DynamicPropertyRegistry registry) {
        registry.add("tamma.platforms.repositories[0].name", () -> REPOSITORY);
        registry.add("tamma.platforms.repositories[0].platform", () -> "gitea");
        registry.add("tamma.platforms.repositories[0].url", () -> GITEA.baseUrl() + "/api/v1");
        registry.add("tamma.platforms.repositories[0].user", () -> GIT_USER);
        registry.add("tamma.platforms.repositories[0].token", () -> TOKEN);
        registry.add("tamma.platforms.repositories[1].name", () -> "forge/other");
        registry.add("tamma.platforms.repositories[1].platform", () -> "gitea");
        registry.add("tamma.platforms.repositories[1].url", () -> GITEA.baseUrl() + "/api/v1");
        registry.add("tamma.platforms.repositories[1].user", () -> GIT_USER);
        registry.add("tamma.platforms.repositories[1].token", () -> OTHER_TOKEN);
        registry.add("tamma.platforms.repositories[2].name", () -> PLAIN);
        registry.add("tamma.platforms.repositories[2].platform", () -> "plain-git");
        registry.add("tamma.platforms.repositories[2].url", PLAIN_BARE::toString);
        registry.add("tamma.platforms.repositories[2].writers[0]", () -> "carol");
        registry.add("tamma.webhooks.gitea.secrets[0]", () -> WEBHOOK_SECRET);
    }

    @AfterAll
    static void stop() throws IOException {
        GITEA.stop();
        GIT.close();
        try (Stream<Path> paths = Files.walk(ROOT)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    WorkerTokens tokens;

    @Autowired
    WorkflowEngine engine;

    @Autowired
    WorkflowReadModel readModel;

    @Autowired
    RepositoryPlatforms platforms;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    private String startWorkflow(String repository, long issue) {
        String id = "workflow-" + UUID.randomUUID();
        engine.start(id, repository + "#" + issue, WorkflowConfig.defaults(Mode.DEV));
        return id;
    }

    private WorkflowState state(String workflow) {
        return readModel.load(workflow).orElseThrow().state();
    }

    /** A lease as the worker receives it, over HTTP. */
    private JsonNode lease(String workerToken, String workflow) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/leases"))
                .header("Authorization", "Bearer " + workerToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"worker\":\"probe\",\"waitSeconds\":5,\"workflowId\":\""
                        + workflow + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private void release(String workerToken, JsonNode lease) throws Exception {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/leases/" + lease.path("leaseId").asString() + "/release"))
                .header("Authorization", "Bearer " + workerToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aLeaseNamesTheRepositorysPlatformAndCarriesItsTokenAndNoOtherSecret() throws Exception {
        String workerToken = tokens.create("probe", List.of(REPOSITORY, PLAIN), List.of()).secret();
        String gitea = startWorkflow(REPOSITORY, 7);
        String plain = startWorkflow(PLAIN, 1);

        JsonNode lease = lease(workerToken, gitea);
        release(workerToken, lease);

        assertThat(JSON.convertValue(lease.path("platform"), Map.class)).isEqualTo(Map.of("type", "gitea",
                "url", GITEA.baseUrl() + "/api/v1", "repository", REPOSITORY, "user", GIT_USER));
        assertThat(JSON.convertValue(lease.path("credentials"), Map.class))
                .isEqualTo(Map.of("username", GIT_USER, "token", TOKEN));
        String outsideCredentials = lease.toString().replace(lease.path("credentials").toString(), "");
        assertThat(outsideCredentials).doesNotContain(TOKEN, OTHER_TOKEN, WEBHOOK_SECRET);

        JsonNode plainLease = lease(workerToken, plain);
        release(workerToken, plainLease);

        assertThat(JSON.convertValue(plainLease.path("platform"), Map.class))
                .isEqualTo(Map.of("type", "plain-git", "repository", PLAIN));
        assertThat(plainLease.toString()).doesNotContain(PLAIN_BARE.toString(), TOKEN, OTHER_TOKEN, WEBHOOK_SECRET);
    }

    @Test
    void theWorkerCommandRunsTheLoopFromTheIssueToItsDraftPullRequestThroughTheLease() throws Exception {
        String workflow = startWorkflow(REPOSITORY, 7);
        String[] worker = workerArguments(tokens.create("remote", List.of(REPOSITORY), List.of()).secret(), workflow);

        List<String> ran = new ArrayList<>();
        while (state(workflow).step() != Step.IMPLEMENT && ran.size() < 6) {
            ran.add(state(workflow).step().name());
            StringWriter err = new StringWriter();
            int exit = TammaCommandLine.run(() -> { throw new IllegalStateException("workers use no database"); },
                    new PrintWriter(new StringWriter()), new PrintWriter(err), worker);
            assertThat(exit).as("tamma worker --once for %s: %s", ran.getLast(), err).isZero();
        }

        assertThat(ran).containsExactly("ISSUE_ASSIGNED", "ANALYZE", "PLAN", "CREATE_PR");
        assertThat(state(workflow).status()).isEqualTo(WorkflowStatus.RUNNING);
        assertThat(state(workflow).change().pullRequest()).isEqualTo(12);
        GITEA.verify(postRequestedFor(urlEqualTo(API + "/issues/7/comments"))
                .withRequestBody(matchingJsonPath("$.body", containing("## Plan for #7"))));
        GITEA.verify(postRequestedFor(urlEqualTo(API + "/pulls"))
                .withHeader("Authorization", equalTo("token " + TOKEN))
                .withRequestBody(matchingJsonPath("$.head", equalTo(
                        "tamma/7-explain-how-to-run-the-tests")))
                .withRequestBody(matchingJsonPath("$.base", equalTo("main")))
                .withRequestBody(matchingJsonPath("$.body", containing("Closes #7"))));
        try (Git git = Git.open(BARE.toFile())) {
            RevCommit start = git.log().add(git.getRepository().resolve("refs/heads/tamma/7-explain-how-to-run-the-tests"))
                    .setMaxCount(1).call().iterator().next();
            assertThat(start.getShortMessage()).isEqualTo("Start work on #7: Explain how to run the tests");
            assertThat(start.getAuthorIdent().getName()).isEqualTo("Remote Tamma");
        }
        assertThat(GIT.requestLines()).anyMatch(l -> l.contains("git-receive-pack"));
        assertThat(jdbc.sql("SELECT payload::text FROM event WHERE stream_id = ?").param(workflow)
                .query(String.class).list()).noneMatch(p -> p.contains(TOKEN));
        List<AiCallRecorded> calls = jdbc.sql("SELECT payload::text FROM event WHERE stream_id = ? ORDER BY stream_version")
                .param(AiCallEvents.streamOf(workflow)).query(String.class).list().stream()
                .map(AiCallEvents::decode).toList();
        assertThat(calls).as("the model calls the worker reported under its leases")
                .extracting(c -> c.context().step(), AiCallRecorded::provider, AiCallRecorded::outcome)
                .containsExactly(tuple(Step.ANALYZE, "scripted", AiCallRecorded.Outcome.SUCCESS),
                        tuple(Step.PLAN, "scripted", AiCallRecorded.Outcome.SUCCESS));
    }

    @Test
    void aPlainGitTaskLeasedByARemoteWorkerFailsAsStructuralSayingToUseInProcessWorkers() throws Exception {
        PlainGitPlatform plainGit = (PlainGitPlatform) platforms.forRepository(PLAIN).orElseThrow().platform();
        Issue issue = plainGit.openIssue("Say hello", "Print a greeting.", List.of("tamma"), "carol");
        String workflow = startWorkflow(PLAIN, issue.number());
        String[] worker = workerArguments(tokens.create("remote-plain", List.of(PLAIN), List.of()).secret(), workflow);

        int exit = TammaCommandLine.run(() -> { throw new IllegalStateException("workers use no database"); },
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), worker);

        assertThat(exit).isEqualTo(1);
        WorkflowState escalated = state(workflow);
        assertThat(escalated.status()).isEqualTo(WorkflowStatus.ESCALATED);
        assertThat(jdbc.sql("SELECT payload->>'cause' || ': ' || (payload->>'message') FROM event"
                        + " WHERE stream_id = ? AND type = 'step.failed'").param(workflow).query(String.class).single())
                .startsWith(FailureCause.STRUCTURAL + ": " + PLAIN + " is a plain-Git repository")
                .contains("Run plain-Git repositories with in-process workers (tamma.workers.in-process)");
    }

    /** {@code tamma worker --once} for one workflow, with the scripted model and a workspace directory of its own. */
    private String[] workerArguments(String workerToken, String workflow) throws IOException {
        Path tokenFile = Files.writeString(Files.createDirectories(dir.resolve("secrets")).resolve("worker.token"),
                workerToken + "\n");
        Path script = Files.writeString(dir.resolve("script.yml"), """
                model: scripted-remote
                steps:
                  analyze:
                  - text: '{"summary": "Add a Tests section to the README.", "clear": true, "questions": []}'
                  plan:
                  - text: '{"summary": "Document the test command.", "options": [{"title": "A Tests section in the README",
                      "approach": "Add a Tests section naming the command.", "tradeoffs": "None worth noting.",
                      "files": ["README.md"], "tests": "None: documentation only."}], "recommended": 1,
                      "breakingChange": false}'
                """);
        Path ai = Files.writeString(dir.resolve("ai.yml"), """
                endpoints:
                  - {id: scripted, type: scripted, options: {script: "%s"}}
                providers:
                  default: {provider: scripted, model: scripted-remote}
                """.formatted(script));
        return new String[] {"worker", "--once", "--orchestrator", "http://localhost:" + port, "--token-file",
            tokenFile.toString(), "--workflow", workflow, "--wait", "10", "--ai-config", ai.toString(),
            "--workspaces", dir.resolve("workspaces").toString(), "--git-name", "Remote Tamma"};
    }
}
