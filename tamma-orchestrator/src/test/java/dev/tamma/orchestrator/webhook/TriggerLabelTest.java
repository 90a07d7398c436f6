package dev.tamma.orchestrator.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tamma.core.workflow.WorkflowStatus;
import dev.tamma.orchestrator.testdb.TammaSpringTest;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The label that starts work on a configured Gitea repository is its {@code .tamma.yml}'s
 * {@code trigger.label} when the file sets one, whether the label arrives by webhook or is found by
 * polling; the server's ({@code tamma}) otherwise. Each test closes the issues it started, so
 * {@code forge/lane} is left free.
 */
@TammaSpringTest
class TriggerLabelTest extends ConfiguredGiteaTest {

    @Test
    void theFilesTriggerLabelStartsWorkByWebhookAndTheServersLabelThenDoesNot() throws Exception {
        tammaYml(LANE, "trigger:\n  label: go\n");
        lanePermission("carol", "write");
        GiteaDeliveries lane = new GiteaDeliveries(port, SECRET, LANE);

        assertThat(lane.issueLabeled(40, "carol", "tamma")).isEqualTo(200);
        awaitInboxConsumed(LANE);
        assertThat(workflowOf(40)).as("tamma is not this repository's trigger label").isEmpty();
        assertThat(running(LANE)).as("so the repository stayed free").isZero();

        assertThat(lane.issueLabeled(42, "carol", "go")).isEqualTo(200);
        String workflow = await().atMost(Duration.ofSeconds(60)).until(() -> workflowOf(42), Optional::isPresent)
                .orElseThrow();

        closed(lane, 42, workflow);
    }

    @Test
    void pollingLooksForTheFilesTriggerLabel() throws Exception {
        tammaYml(LANE, "trigger: {label: go}\n");
        GITEA.stubFor(get(urlPathEqualTo(LANE_API + "/issues")).withQueryParam("labels", equalTo("go"))
                .willReturn(okJson("[" + openIssue(43, "go") + "]")));
        GITEA.stubFor(get(urlPathEqualTo(LANE_API + "/issues")).withQueryParam("labels", equalTo("tamma"))
                .willReturn(okJson("[" + openIssue(44, "tamma") + "]")));
        GITEA.stubFor(get(urlPathEqualTo(LANE_API + "/issues")).withQueryParam("assigned_by", equalTo("tamma"))
                .willReturn(okJson("[]")));
        GITEA.stubFor(get(urlPathEqualTo(LANE_API + "/issues/43")).willReturn(okJson(openIssue(43, "go"))));

        reconciler.reconcile(LANE);

        String workflow = workflowOf(43).orElseThrow(() -> new AssertionError("issue 43 (label go) was not started"));
        assertThat(workflowOf(44)).isEmpty();
        closed(new GiteaDeliveries(port, SECRET, LANE), 43, workflow);
    }

    /** Closing the issue cancels its workflow and frees the repository for the other tests. */
    private void closed(GiteaDeliveries lane, int issue, String workflow) throws Exception {
        assertThat(lane.issueClosed(issue, "carol")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> state(workflow).status() == WorkflowStatus.CANCELLED);
    }

    private Optional<String> workflowOf(int issue) {
        return jdbc.sql("SELECT workflow_id FROM workflow WHERE issue = ?").param(LANE + "#" + issue)
                .query(String.class).optional();
    }

    private static void lanePermission(String login, String permission) {
        GITEA.stubFor(get(urlPathEqualTo(LANE_API + "/collaborators/" + login + "/permission"))
                .willReturn(okJson("{\"permission\":\"" + permission + "\",\"user\":{\"login\":\"" + login + "\"}}")));
    }
}
