package dev.tamma.orchestrator.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.StepOutput;
import dev.tamma.core.workflow.WorkflowInput;
import dev.tamma.core.workflow.WorkflowState;
import dev.tamma.orchestrator.testdb.TammaSpringTest;
import dev.tamma.orchestrator.workflow.WorkflowEngine;
import dev.tamma.orchestrator.workflow.WorkflowReadModel;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Gitea repository that sends no webhooks (WireMock speaking Gitea's REST API; no webhook
 * secret, so every endpoint refuses): polling alone finds the labeled issue, starts it, and obeys
 * a command written while Tamma was not polling.
 */
@TammaSpringTest
class ReconcilerTest {

    private static final String REPOSITORY = "forge/polled";
    private static final String API = "/api/v1/repos/forge/polled";
    private static final WireMockServer GITEA = new WireMockServer(options().dynamicPort());

    static {
        GITEA.start();
        GITEA.stubFor(get(urlPathEqualTo(API + "/collaborators/carol/permission"))
                .willReturn(okJson("{\"permission\":\"write\",\"user\":{\"login\":\"carol\"}}")));
        GITEA.stubFor(get(urlPathEqualTo(API + "/issues")).withQueryParam("labels", equalTo("tamma"))
                .willReturn(okJson("[" + issue(31, "open", "tamma") + "," + issue(30, "closed", "tamma") + "]")));
        GITEA.stubFor(get(urlPathEqualTo(API + "/issues")).withQueryParam("assigned_by", equalTo("tamma"))
                .willReturn(okJson("[]")));
        GITEA.stubFor(get(urlPathEqualTo(API + "/issues/31")).willReturn(okJson(issue(31, "open", "tamma"))));
        // A start reads the repository's .tamma.yml from its default branch; there is none (404).
        GITEA.stubFor(get(urlPathEqualTo(API)).willReturn(okJson("{\"default_branch\":\"main\","
                + "\"clone_url\":\"http://gitea/forge/repo.git\"}")));
        GITEA.stubFor(get(urlPathMatching(API + "/issues/31/comments")).willReturn(okJson("[]")));
        GITEA.stubFor(post(urlPathMatching(API + "/issues/31/comments")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(comment(95, "tamma", "ok", Instant.now()))));
        GITEA.stubFor(post(urlPathMatching(API + "/issues/31/labels")).willReturn(okJson("[]")));
        GITEA.stubFor(post(urlPathMatching(API + "/issues/comments/\\d+/reactions")).willReturn(aResponse()
                .withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"content\":\"eyes\",\"user\":{\"login\":\"tamma\"},\"created_at\":\"2026-11-21T10:00:00Z\"}")));
    }

    private static String issue(int number, String state, String label) {
        return "{\"number\":" + number + ",\"title\":\"Issue " + number + "\",\"state\":\"" + state + "\","
                + "\"labels\":[{\"name\":\"" + label + "\"}],\"assignees\":[],\"user\":{\"login\":\"erin\"}}";
    }

    private static String comment(long id, String login, String body, Instant at) {
        return "{\"id\":" + id + ",\"body\":\"" + body + "\",\"user\":{\"login\":\"" + login + "\"},\"created_at\":\""
                + at + "\",\"updated_at\":\"" + at + "\",\"html_url\":\"http://gitea/forge/polled/issues/31#c" + id + "\"}";
    }

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        registry.add("tamma.platforms.repositories[0].name", () -> REPOSITORY);
        registry.add("tamma.platforms.repositories[0].platform", () -> "gitea");
        registry.add("tamma.platforms.repositories[0].url", () -> GITEA.baseUrl() + "/api/v1");
        registry.add("tamma.platforms.repositories[0].user", () -> "tamma");
        registry.add("tamma.platforms.repositories[0].token", () -> "gitea-token-for-polled");
        registry.add("tamma.reconciler.interval", () -> "300ms");
        registry.add("tamma.triggers.mode", () -> "BUSINESS");
    }

    @AfterAll
    static void stop() {
        GITEA.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    WorkflowEngine engine;

    @Autowired
    WorkflowReadModel readModel;

    @Autowired
    RepositoryReconciler reconciler;

    @Autowired
    JdbcClient jdbc;

    private Optional<String> workflowOf(int issue) {
        return jdbc.sql("SELECT workflow_id FROM workflow WHERE issue = ?").param(REPOSITORY + "#" + issue)
                .query(String.class).optional();
    }

    private WorkflowState state(String workflow) {
        return readModel.load(workflow).orElseThrow().state();
    }

    private OffsetDateTime lastPoll() {
        return jdbc.sql("SELECT polled_at FROM repository_watch WHERE repository = ?").param(REPOSITORY)
                .query(OffsetDateTime.class).optional().orElse(OffsetDateTime.MIN);
    }

    private int repliesTo(String workflow, String actor) {
        return jdbc.sql("SELECT count(*) FROM workflow_command WHERE workflow_id = ? AND type = 'ReplyToCommand' "
                + "AND payload->>'actor' = ?").params(workflow, actor).query(Integer.class).single();
    }

    @Test
    void withWebhooksOffPollingStartsTheLabeledIssueAndCatchesUpOnACommandWrittenWhileItWasNotLooking()
            throws Exception {
        assertThat(new GiteaDeliveries(port, "any-secret", REPOSITORY).comment(31, false, 900, "carol", "/tamma stop"))
                .as("no webhook secret: the endpoint refuses everything").isEqualTo(503);

        String workflow = await().atMost(Duration.ofSeconds(30)).until(() -> workflowOf(31), Optional::isPresent)
                .orElseThrow();
        assertThat(workflowOf(30)).as("a closed issue is not started").isEmpty();
        for (Step step : new Step[] {Step.ISSUE_ASSIGNED, Step.ANALYZE, Step.PLAN}) {
            engine.handle(workflow, new WorkflowInput.StepSucceeded(Instant.now(), step, state(workflow).attempt(),
                    StepOutput.of(step + " done")));
        }
        assertThat(state(workflow).step()).isEqualTo(Step.DESIGN_APPROVAL);
        await().atMost(Duration.ofSeconds(30)).until(() -> lastPoll().toInstant().isAfter(Instant.EPOCH));

        reconciler.stop(); // Tamma stops watching; meanwhile carol approves
        GITEA.stubFor(get(urlPathMatching(API + "/issues/31/comments")).willReturn(okJson("["
                + comment(901, "carol", "/tamma approve", Instant.now()) + "]")));
        reconciler.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> state(workflow).step() == Step.CREATE_PR);
        assertThat(state(workflow).change().approvedOption()).isNull();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> GITEA.verify(
                postRequestedFor(urlPathEqualTo(API + "/issues/comments/901/reactions"))));

        // Later polls read the same comment again (their window overlaps): it has no second effect.
        OffsetDateTime approvedBy = lastPoll();
        await().atMost(Duration.ofSeconds(30)).until(() -> lastPoll().isAfter(approvedBy.plusSeconds(1)));
        assertThat(repliesTo(workflow, "carol")).isEqualTo(1);
        assertThat(state(workflow).step()).isEqualTo(Step.CREATE_PR);
    }
}
