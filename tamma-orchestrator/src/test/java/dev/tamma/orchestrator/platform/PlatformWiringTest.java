package dev.tamma.orchestrator.platform;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.StepOutput;
import dev.tamma.core.workflow.WorkflowConfig;
import dev.tamma.core.workflow.WorkflowInput;
import dev.tamma.core.workflow.WorkflowState;
import dev.tamma.orchestrator.lease.LeaseCredentials;
import dev.tamma.orchestrator.testdb.TammaSpringTest;
import dev.tamma.orchestrator.workflow.WorkflowEngine;
import dev.tamma.orchestrator.workflow.WorkflowReadModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A configured Gitea repository (WireMock speaking Gitea's REST API): write access on the platform
 * authorizes commands, the workflow's comments, replies and labels are carried out there, and a
 * lease carries that repository's git credentials.
 */
@TammaSpringTest
class PlatformWiringTest {

    private static final String REPOSITORY = "forge/shop";
    private static final String API = "/api/v1/repos/forge/shop";
    private static final String WEBHOOK_SECRET = "gitea-webhook-secret";
    private static final WireMockServer GITEA = new WireMockServer(options().dynamicPort());

    static {
        GITEA.start();
        GITEA.stubFor(get(urlPathEqualTo(API + "/collaborators/carol/permission"))
                .willReturn(okJson("{\"permission\":\"write\",\"user\":{\"login\":\"carol\"}}")));
        GITEA.stubFor(get(urlPathEqualTo(API + "/collaborators/dave/permission"))
                .willReturn(okJson("{\"permission\":\"read\",\"user\":{\"login\":\"dave\"}}")));
        GITEA.stubFor(get(urlPathMatching(API + "/issues/7/comments")).willReturn(okJson("[]")));
        GITEA.stubFor(post(urlEqualTo(API + "/issues/7/comments")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":91,\"body\":\"ok\",\"user\":{\"login\":\"tamma\"},\"created_at\":\"2026-11-21T10:00:00Z\","
                        + "\"updated_at\":\"2026-11-21T10:00:00Z\",\"html_url\":\"http://gitea/forge/shop/issues/7#c91\"}")));
        GITEA.stubFor(post(urlEqualTo(API + "/issues/7/labels")).willReturn(okJson("[{\"id\":3,\"name\":\"tamma:working\"}]")));
    }

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        registry.add("tamma.platforms.repositories[0].name", () -> REPOSITORY);
        registry.add("tamma.platforms.repositories[0].platform", () -> "gitea");
        registry.add("tamma.platforms.repositories[0].url", () -> GITEA.baseUrl() + "/api/v1");
        registry.add("tamma.platforms.repositories[0].user", () -> "tamma");
        registry.add("tamma.platforms.repositories[0].token", () -> "gitea-token-for-forge");
        registry.add("tamma.webhooks.gitea.secrets[0]", () -> WEBHOOK_SECRET);
        registry.add("tamma.triggers.poll-interval", () -> "200ms");
        registry.add("tamma.reconciler.interval", () -> "0");
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
    LeaseCredentials credentials;

    private final HttpClient http = HttpClient.newHttpClient();

    private int comment(String login, String text) throws Exception {
        String body = "{\"action\":\"created\",\"issue\":{\"number\":7},\"comment\":{\"id\":" + (500 + login.length())
                + ",\"body\":\"" + text + "\",\"user\":{\"login\":\"" + login + "\"}},"
                + "\"repository\":{\"id\":140,\"full_name\":\"" + REPOSITORY + "\"},"
                + "\"sender\":{\"id\":2,\"login\":\"" + login + "\",\"username\":\"" + login + "\"},\"is_pull\":false}";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/gitea"))
                .header("Content-Type", "application/json")
                .header("X-Gitea-Event", "issue_comment")
                .header("X-Gitea-Event-Type", "issue_comment")
                .header("X-Gitea-Delivery", UUID.randomUUID().toString())
                .header("X-Gitea-Signature", HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8))))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    private WorkflowState state(String workflow) {
        return readModel.load(workflow).orElseThrow().state();
    }

    private List<String> postedComments() {
        return GITEA.findAll(postRequestedFor(urlEqualTo(API + "/issues/7/comments"))).stream()
                .map(LoggedRequest::getBodyAsString).toList();
    }

    @Test
    void writeAccessAuthorizesCommandsAndTheWorkflowSpeaksOnThePlatform() throws Exception {
        String workflow = "workflow-" + UUID.randomUUID();
        engine.start(workflow, REPOSITORY + "#7", WorkflowConfig.defaults(Mode.BUSINESS));
        for (Step step : new Step[] {Step.ISSUE_ASSIGNED, Step.ANALYZE, Step.PLAN}) {
            WorkflowState s = state(workflow);
            engine.handle(workflow, new WorkflowInput.StepSucceeded(Instant.now(), step, s.attempt(),
                    step == Step.PLAN ? StepOutput.of("two options").withPlanOptions(2) : StepOutput.of("done")));
        }

        assertThat(comment("dave", "/tamma approve")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(postedComments()).anySatisfy(b -> assertThat(b).contains("@dave")));
        assertThat(state(workflow).step()).as("read access is not enough").isEqualTo(Step.DESIGN_APPROVAL);

        assertThat(comment("carol", "/tamma approve")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> state(workflow).step() == Step.CREATE_PR);

        GITEA.verify(postRequestedFor(urlEqualTo(API + "/issues/7/comments"))
                .withHeader("Authorization", containing("token gitea-token-for-forge")));
        assertThat(postedComments()).as("the workflow's own comments carry a hidden marker")
                .anySatisfy(b -> assertThat(b).containsPattern("(<|\\\\u003c)!-- tamma:[a-z0-9._:-]+ --"));
        GITEA.verify(postRequestedFor(urlEqualTo(API + "/issues/7/labels"))
                .withRequestBody(containing("tamma:working")));
        assertThat(credentials.forRepository(REPOSITORY))
                .containsEntry("username", "tamma").containsEntry("token", "gitea-token-for-forge");
    }
}
