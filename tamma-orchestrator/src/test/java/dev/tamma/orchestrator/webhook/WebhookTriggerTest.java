package dev.tamma.orchestrator.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.StepOutput;
import dev.tamma.core.workflow.WorkflowInput;
import dev.tamma.core.workflow.WorkflowState;
import dev.tamma.core.workflow.WorkflowStatus;
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
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** Signed webhooks in, workflows out: the trigger label, and /tamma comments from people and others. */
@TammaSpringTest
@TestPropertySource(properties = {
    "tamma.webhooks.github.secrets[0]=trigger-test-secret",
    "tamma.triggers.approvers[0]=Alice",
    "tamma.triggers.bot-user=tamma-bot",
    "tamma.triggers.mode=BUSINESS",
    "tamma.triggers.poll-interval=200ms"})
class WebhookTriggerTest {

    private static final String SECRET = "trigger-test-secret";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WorkflowEngine engine;

    @Autowired
    WorkflowReadModel readModel;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String repository = "e2e-" + UUID.randomUUID().toString().substring(0, 8) + "/app";

    private int deliver(String event, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/github"))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    private String labeledBy(String login, int issue) {
        return "{\"action\":\"labeled\",\"issue\":{\"number\":" + issue + ",\"title\":\"Add euro rounding\","
                + "\"state\":\"open\",\"labels\":[{\"name\":\"tamma\"}],\"assignees\":[],"
                + "\"user\":{\"login\":\"alice\",\"type\":\"User\"}},\"label\":{\"name\":\"tamma\"},"
                + "\"repository\":{\"full_name\":\"" + repository + "\",\"fork\":false},"
                + "\"sender\":{\"login\":\"" + login + "\",\"type\":\"User\"}}";
    }

    private String commentBy(String login, String type, int issue, String text) {
        return "{\"action\":\"created\",\"issue\":{\"number\":" + issue + ",\"title\":\"Add euro rounding\","
                + "\"state\":\"open\",\"labels\":[],\"user\":{\"login\":\"alice\",\"type\":\"User\"}},"
                + "\"comment\":{\"id\":" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100000)
                + ",\"body\":\"" + text + "\",\"user\":{\"login\":\"" + login + "\",\"type\":\"" + type + "\"}},"
                + "\"repository\":{\"full_name\":\"" + repository + "\",\"fork\":false},"
                + "\"sender\":{\"login\":\"" + login + "\",\"type\":\"" + type + "\"}}";
    }

    private Optional<String> workflowFor(int issue) {
        return jdbc.sql("SELECT workflow_id FROM workflow WHERE issue = ?").param(repository + "#" + issue)
                .query(String.class).optional();
    }

    private WorkflowState state(String workflow) {
        return readModel.load(workflow).orElseThrow().state();
    }

    private int replies(String workflow, String actor) {
        return jdbc.sql("SELECT count(*) FROM workflow_command WHERE workflow_id = ? AND type = 'ReplyToCommand' "
                + "AND payload->>'actor' = ?").params(workflow, actor).query(Integer.class).single();
    }

    @Test
    void anApproversLabelStartsAWorkflowAndOnlyAnApproversCommentMovesItOn() throws Exception {
        assertThat(deliver("issues", labeledBy("mallory", 4))).isEqualTo(200);
        assertThat(deliver("issues", labeledBy("alice", 5))).isEqualTo(200);

        String workflow = await().atMost(Duration.ofSeconds(15)).until(() -> workflowFor(5), Optional::isPresent)
                .orElseThrow();
        assertThat(workflowFor(4)).as("a label from someone not approved starts nothing").isEmpty();
        for (Step step : new Step[] {Step.ISSUE_ASSIGNED, Step.ANALYZE, Step.PLAN}) {
            WorkflowState s = state(workflow);
            assertThat(s.step()).isEqualTo(step);
            engine.handle(workflow, new WorkflowInput.StepSucceeded(Instant.now(), step, s.attempt(),
                    step == Step.PLAN ? StepOutput.of("two options").withPlanOptions(2) : StepOutput.of("done")));
        }
        assertThat(state(workflow).status()).isEqualTo(WorkflowStatus.WAITING_FOR_HUMAN);

        assertThat(deliver("issue_comment", commentBy("mallory", "User", 5, "/tamma approve"))).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> replies(workflow, "mallory") == 1);
        assertThat(state(workflow).status()).as("not moved by mallory").isEqualTo(WorkflowStatus.WAITING_FOR_HUMAN);

        assertThat(deliver("issue_comment", commentBy("tamma-bot", "User", 5, "/tamma approve"))).isEqualTo(200);
        assertThat(deliver("issue_comment", commentBy("alice", "User", 5, "/tamma approve option 2\\nthanks"))).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> state(workflow).step() == Step.CREATE_PR);
        assertThat(state(workflow).change().approvedOption()).isEqualTo(2);
        assertThat(replies(workflow, "tamma-bot")).as("Tamma's own comments are not commands").isZero();
    }
}
