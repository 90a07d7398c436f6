package dev.tamma.orchestrator.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.StepOutput;
import dev.tamma.core.workflow.WorkflowConfig;
import dev.tamma.core.workflow.WorkflowInput;
import dev.tamma.core.workflow.WorkflowState;
import dev.tamma.orchestrator.workflow.WorkflowEngine;
import dev.tamma.orchestrator.workflow.WorkflowReadModel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Three configured Gitea repositories ({@code forge/desk} with webhooks, {@code forge/queue},
 * {@code forge/lane}, which tests leave without a running workflow) on one WireMock speaking Gitea's REST API, and the helpers the tests on them share. Subclasses share one
 * Spring context: their configuration is this class's.
 */
abstract class ConfiguredGiteaTest {

    static final String REPOSITORY = "forge/desk";
    static final String API = "/api/v1/repos/forge/desk";
    static final String QUEUE = "forge/queue";
    static final String LANE = "forge/lane";
    static final String LANE_API = "/api/v1/repos/forge/lane";
    static final String ANY_API = "/api/v1/repos/forge/(desk|queue|lane)";
    static final String SECRET = "desk-webhook-secret";
    static final WireMockServer GITEA = new WireMockServer(options().dynamicPort());

    static {
        GITEA.start();
        // Stopped when the JVM ends, not after one subclass: the shared context keeps its port.
        Runtime.getRuntime().addShutdownHook(new Thread(GITEA::stop));
    }

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        registry.add("tamma.platforms.repositories[0].name", () -> REPOSITORY);
        registry.add("tamma.platforms.repositories[0].platform", () -> "gitea");
        registry.add("tamma.platforms.repositories[0].url", () -> GITEA.baseUrl() + "/api/v1");
        registry.add("tamma.platforms.repositories[0].user", () -> "tamma");
        registry.add("tamma.platforms.repositories[0].token", () -> "gitea-token-for-desk");
        registry.add("tamma.platforms.repositories[1].name", () -> QUEUE);
        registry.add("tamma.platforms.repositories[1].platform", () -> "gitea");
        registry.add("tamma.platforms.repositories[1].url", () -> GITEA.baseUrl() + "/api/v1");
        registry.add("tamma.platforms.repositories[1].user", () -> "tamma");
        registry.add("tamma.platforms.repositories[1].token", () -> "gitea-token-for-queue");
        registry.add("tamma.platforms.repositories[2].name", () -> LANE);
        registry.add("tamma.platforms.repositories[2].platform", () -> "gitea");
        registry.add("tamma.platforms.repositories[2].url", () -> GITEA.baseUrl() + "/api/v1");
        registry.add("tamma.platforms.repositories[2].user", () -> "tamma");
        registry.add("tamma.platforms.repositories[2].token", () -> "gitea-token-for-lane");
        registry.add("tamma.webhooks.gitea.secrets[0]", () -> SECRET);
        registry.add("tamma.triggers.poll-interval", () -> "200ms");
        registry.add("tamma.reconciler.interval", () -> "0");
    }

    @LocalServerPort
    int port;

    @Autowired
    WorkflowEngine engine;

    @Autowired
    WorkflowReadModel readModel;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RepositoryReconciler reconciler;

    @Autowired
    RepositorySettings repositorySettings;

    GiteaDeliveries gitea;

    @BeforeEach
    void stubs() {
        gitea = new GiteaDeliveries(port, SECRET, REPOSITORY);
        GITEA.resetAll();
        List.of(REPOSITORY, QUEUE, LANE).forEach(repositorySettings::forget);
        permission("carol", "write");
        permission("erin", "write");
        permission("dave", "read");
        // A start reads the repository's .tamma.yml from its default branch; there is none (404).
        GITEA.stubFor(get(urlPathMatching(ANY_API)).willReturn(okJson("{\"default_branch\":\"main\","
                + "\"clone_url\":\"http://gitea/forge/repo.git\"}")));
        GITEA.stubFor(get(urlPathMatching(ANY_API + "/issues/\\d+/comments")).willReturn(okJson("[]")));
        GITEA.stubFor(post(urlPathMatching(ANY_API + "/issues/\\d+/comments")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":91,\"body\":\"ok\",\"user\":{\"login\":\"tamma\"},\"created_at\":\"2026-11-21T10:00:00Z\","
                        + "\"updated_at\":\"2026-11-21T10:00:00Z\",\"html_url\":\"http://gitea/forge/desk/issues/1#c91\"}")));
        GITEA.stubFor(post(urlPathMatching(ANY_API + "/issues/\\d+/labels")).willReturn(okJson("[]")));
        GITEA.stubFor(delete(urlPathMatching(ANY_API + "/issues/\\d+/labels/\\d+")).willReturn(aResponse().withStatus(204)));
        GITEA.stubFor(post(urlPathMatching(ANY_API + "/issues/comments/\\d+/reactions")).willReturn(aResponse()
                .withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"content\":\"eyes\",\"user\":{\"login\":\"tamma\"},\"created_at\":\"2026-11-21T10:00:00Z\"}")));
    }

    /** The repository's {@code .tamma.yml} on its default branch, as Gitea serves raw files. */
    static void tammaYml(String repository, String yaml) {
        GITEA.stubFor(get(urlPathEqualTo("/api/v1/repos/" + repository + "/raw/.tamma.yml"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/plain").withBody(yaml)));
    }

    static void issue(int number, String author) {
        GITEA.stubFor(get(urlPathEqualTo(API + "/issues/" + number)).willReturn(okJson("{\"number\":" + number
                + ",\"title\":\"Round prices\",\"state\":\"open\",\"labels\":[],\"assignees\":[],"
                + "\"user\":{\"login\":\"" + author + "\"},\"html_url\":\"http://gitea/forge/desk/issues/" + number + "\"}")));
    }

    static void pullRequest(int number) {
        GITEA.stubFor(get(urlPathEqualTo(API + "/pulls/" + number)).willReturn(okJson("{\"number\":" + number
                + ",\"title\":\"Round prices\",\"state\":\"open\",\"head\":{\"ref\":\"tamma/x\",\"sha\":\"sha-1\"},"
                + "\"base\":{\"ref\":\"main\"},\"html_url\":\"http://gitea/forge/desk/pulls/" + number + "\"}")));
    }

    static void permission(String login, String permission) {
        GITEA.stubFor(get(urlPathEqualTo(API + "/collaborators/" + login + "/permission"))
                .willReturn(okJson("{\"permission\":\"" + permission + "\",\"user\":{\"login\":\"" + login + "\"}}")));
    }

    static String openIssue(int number, String... labels) {
        StringBuilder names = new StringBuilder();
        for (String label : labels) {
            names.append(names.isEmpty() ? "" : ",").append("{\"name\":\"").append(label).append("\"}");
        }
        return "{\"number\":" + number + ",\"title\":\"Issue " + number + "\",\"state\":\"open\",\"labels\":["
                + names + "],\"assignees\":[],\"user\":{\"login\":\"erin\"}}";
    }

    /** A business-mode workflow on issue {@code number}, waiting for its design to be approved. */
    String waitingForDesignApproval(int number) {
        String workflow = "workflow-" + UUID.randomUUID();
        engine.start(workflow, REPOSITORY + "#" + number, WorkflowConfig.defaults(Mode.BUSINESS));
        for (Step step : new Step[] {Step.ISSUE_ASSIGNED, Step.ANALYZE, Step.PLAN}) {
            engine.handle(workflow, new WorkflowInput.StepSucceeded(Instant.now(), step, state(workflow).attempt(),
                    StepOutput.of(step + " done")));
        }
        assertThat(state(workflow).step()).isEqualTo(Step.DESIGN_APPROVAL);
        return workflow;
    }

    /** Runs the workflow's steps with successful outcomes until {@code step} is running. */
    void runUntil(String workflow, Step step, int pullRequest) {
        while (state(workflow).step() != step) {
            WorkflowState s = state(workflow);
            assertThat(s.stepRunning()).as("running " + s.step()).isTrue();
            StepOutput output = switch (s.step()) {
                case CREATE_PR -> StepOutput.of("draft opened").withPullRequest(pullRequest);
                case PUSH -> StepOutput.of("pushed").withHeadSha("sha-" + pullRequest);
                default -> StepOutput.of(s.step() + " done");
            };
            engine.handle(workflow, new WorkflowInput.StepSucceeded(Instant.now(), s.step(), s.attempt(), output));
        }
    }

    /** Waits until the consumer has handled every delivery of the repository received so far. */
    void awaitInboxConsumed() {
        awaitInboxConsumed(REPOSITORY);
    }

    void awaitInboxConsumed(String repository) {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("SELECT count(*) FROM webhook_inbox "
                + "WHERE repository = ? AND processed_at IS NULL").param(repository).query(Integer.class).single() == 0);
    }

    static void commitStatuses(String sha, String... contextAndState) {
        StringBuilder statuses = new StringBuilder();
        for (int i = 0; i < contextAndState.length; i += 2) {
            statuses.append(i == 0 ? "" : ",").append("{\"context\":\"").append(contextAndState[i])
                    .append("\",\"status\":\"").append(contextAndState[i + 1])
                    .append("\",\"target_url\":\"http://ci/").append(contextAndState[i]).append("\"}");
        }
        GITEA.stubFor(get(urlPathEqualTo(API + "/commits/" + sha + "/status"))
                .willReturn(okJson("{\"sha\":\"" + sha + "\",\"statuses\":[" + statuses + "]}")));
    }

    /**
     * A workflow running until {@code step}, its pull request {@code pr}. Dev mode: it posts no
     * checkpoint comments, and every write to the platform is spaced a second apart, so fewer
     * writes keep the outbox short for the tests that follow.
     */
    String runningUntil(int issue, Step step, int pr) {
        String workflow = "workflow-" + UUID.randomUUID();
        engine.start(workflow, REPOSITORY + "#" + issue, WorkflowConfig.defaults(Mode.DEV));
        runUntil(workflow, step, pr);
        return workflow;
    }

    List<String> workflowsOf(String repository) {
        return jdbc.sql("SELECT issue FROM workflow WHERE split_part(issue, '#', 1) = ?").param(repository)
                .query(String.class).list();
    }

    int running(String repository) {
        return jdbc.sql("SELECT count(*) FROM workflow WHERE split_part(issue, '#', 1) = ? "
                + "AND status NOT IN ('DONE', 'CANCELLED')").param(repository).query(Integer.class).single();
    }

    WorkflowState state(String workflow) {
        return readModel.load(workflow).orElseThrow().state();
    }

    /** Requests Gitea received, oldest first, as "METHOD path body". */
    static List<String> received() {
        return GITEA.getAllServeEvents().reversed().stream().map(ServeEvent::getRequest)
                .map((Request r) -> r.getMethod() + " " + r.getUrl() + " " + r.getBodyAsString()).toList();
    }

    /** A reply's body starts with the mention of the person it answers. */
    static String replyTo(String login) {
        return "{\"body\":\"@" + login + " ";
    }

    static int indexOf(List<String> requests, String... parts) {
        for (int i = 0; i < requests.size(); i++) {
            String request = requests.get(i);
            if (List.of(parts).stream().allMatch(request::contains)) {
                return i;
            }
        }
        return -1;
    }
}
