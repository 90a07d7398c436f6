package dev.tamma.orchestrator.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tamma.core.workflow.HumanWait;
import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.StepOutput;
import dev.tamma.core.workflow.WorkflowConfig;
import dev.tamma.core.workflow.WorkflowInput;
import dev.tamma.core.workflow.WorkflowStatus;
import dev.tamma.orchestrator.testdb.TammaSpringTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What happens on a configured Gitea repository reaching the workflow it concerns: reviews, a
 * pull request closed or merged, an issue closed, CI on the head commit, and auto-next.
 */
@TammaSpringTest
class PlatformFeedbackTest extends ConfiguredGiteaTest {

    @Test
    void aPersonsReviewAtTheMergeCheckpointSendsTheWorkflowBackToAddressItButTammasOwnAndOutsidersDoNot()
            throws Exception {
        String workflow = runningUntil(7, Step.COMPLETION_CHECK, 77);
        engine.handle(workflow, new WorkflowInput.StepSucceeded(Instant.now(), Step.COMPLETION_CHECK,
                state(workflow).attempt(), StepOutput.of("criteria met").withRisk(true, 0, List.of())));
        assertThat(state(workflow).waitingFor()).as("a breaking change waits even in dev mode")
                .isEqualTo(HumanWait.MERGE_APPROVAL);

        assertThat(gitea.review("pull_request_rejected", 77, "tamma", "REVIEW: looks fine")).isEqualTo(200);
        assertThat(gitea.review("pull_request_rejected", 77, "dave", "I would not merge this")).isEqualTo(200);
        awaitInboxConsumed();
        assertThat(state(workflow).waitingFor()).isEqualTo(HumanWait.MERGE_APPROVAL);

        assertThat(gitea.review("pull_request_rejected", 77, "carol", "Please rename the flag")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> state(workflow).step() == Step.ADDRESS_COMMENTS);
        assertThat(state(workflow).payload().feedback()).isEqualTo("Please rename the flag");
        assertThat(state(workflow).change().openFeedback()).as("only carol's review counts").isEqualTo(1);
    }

    @Test
    void aPullRequestClosedOrMergedByAPersonAndAClosedIssueEndTheirWorkflows() throws Exception {
        String closedPr = runningUntil(8, Step.IMPLEMENT, 88);
        String closedIssue = runningUntil(9, Step.IMPLEMENT, 99);
        String merged = runningUntil(10, Step.REVIEW, 100);

        assertThat(gitea.pullRequestClosed(88, false, "carol")).isEqualTo(200);
        assertThat(gitea.issueClosed(9, "carol")).isEqualTo(200);
        assertThat(gitea.pullRequestClosed(100, true, "carol")).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).until(() -> state(merged).isTerminal() && state(closedPr).isTerminal()
                && state(closedIssue).isTerminal());
        assertThat(state(closedPr).status()).isEqualTo(WorkflowStatus.CANCELLED);
        assertThat(state(closedIssue).status()).isEqualTo(WorkflowStatus.CANCELLED);
        assertThat(state(merged).status()).as("merged by a person outside Tamma").isEqualTo(WorkflowStatus.DONE);
    }

    @Test
    void ciOnTheHeadCommitWakesTheChecksStepOnlyOnceEveryCheckFinished() throws Exception {
        String workflow = runningUntil(11, Step.CI_CHECKS, 111);
        commitStatuses("sha-111", "build", "success", "lint", "pending");

        assertThat(gitea.status("sha-111", "success", "ci-bot")).isEqualTo(200);
        awaitInboxConsumed();
        assertThat(state(workflow).step()).as("lint still runs").isEqualTo(Step.CI_CHECKS);

        commitStatuses("sha-111", "build", "success", "lint", "success");
        assertThat(gitea.status("sha-111", "success", "ci-bot")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> state(workflow).step() == Step.REVIEW);
    }

    @Test
    void aRedCiVerdictOnACommitCountsOnceHoweverOftenItIsReported() throws Exception {
        String workflow = runningUntil(12, Step.CI_CHECKS, 121);
        commitStatuses("sha-121", "build", "failure", "lint", "pending");

        assertThat(gitea.status("sha-121", "failure", "ci-bot")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> state(workflow).step() == Step.IMPLEMENT);
        assertThat(state(workflow).payload().feedback()).contains("build http://ci/build");
        runUntil(workflow, Step.CI_CHECKS, 121); // the fix pushed nothing new: the head is sha-121 again

        assertThat(gitea.status("sha-121", "failure", "ci-bot")).isEqualTo(200);
        awaitInboxConsumed();
        assertThat(state(workflow).step()).isEqualTo(Step.CI_CHECKS);
        assertThat(state(workflow).failures(Step.CI_CHECKS)).isEqualTo(1);
    }

    @Test
    void whenAWorkflowMergesTheNextIssueByPriorityThenAgeStarts() {
        String queueApi = "/api/v1/repos/forge/queue";
        GITEA.stubFor(get(urlPathEqualTo(queueApi + "/issues")).withQueryParam("labels", equalTo("tamma"))
                .willReturn(okJson("[" + openIssue(20, "tamma") + "," + openIssue(21, "tamma", "priority:medium") + ","
                        + openIssue(22, "tamma", "priority:high") + "," + openIssue(23, "tamma", "priority:high") + "]")));
        GITEA.stubFor(get(urlPathEqualTo(queueApi + "/issues")).withQueryParam("assigned_by", equalTo("tamma"))
                .willReturn(okJson("[" + openIssue(19) + "]")));
        String first = "workflow-" + UUID.randomUUID();
        engine.start(first, QUEUE + "#22", WorkflowConfig.defaults(Mode.DEV));

        runUntil(first, Step.MERGE, 222);
        engine.handle(first, new WorkflowInput.StepSucceeded(Instant.now(), Step.MERGE, state(first).attempt(),
                StepOutput.of("merged")));
        assertThat(state(first).status()).isEqualTo(WorkflowStatus.DONE);

        await().atMost(Duration.ofSeconds(60)).until(() -> workflowsOf(QUEUE).size() == 2);
        assertThat(workflowsOf(QUEUE)).as("the other high-priority issue, not the older ones without priority")
                .containsExactlyInAnyOrder(QUEUE + "#22", QUEUE + "#23");
    }

    @Test
    void autoNextTurnedOffInTheRepositorysTammaYmlStartsNothingAfterAMerge() {
        tammaYml(LANE, "autoNext:\n  enabled: false\n");
        GITEA.stubFor(get(urlPathEqualTo(LANE_API + "/issues")).withQueryParam("labels", equalTo("tamma"))
                .willReturn(okJson("[" + openIssue(51, "tamma", "priority:high") + "]")));
        GITEA.stubFor(get(urlPathEqualTo(LANE_API + "/issues")).withQueryParam("assigned_by", equalTo("tamma"))
                .willReturn(okJson("[]")));
        String merged = "workflow-" + UUID.randomUUID();
        engine.start(merged, LANE + "#50", WorkflowConfig.defaults(Mode.DEV));

        runUntil(merged, Step.MERGE, 250);
        engine.handle(merged, new WorkflowInput.StepSucceeded(Instant.now(), Step.MERGE, state(merged).attempt(),
                StepOutput.of("merged")));
        assertThat(state(merged).status()).isEqualTo(WorkflowStatus.DONE);

        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("SELECT count(*) FROM workflow_command "
                + "WHERE workflow_id = ? AND type = 'StartNextIssue' AND dispatched_at IS NOT NULL").param(merged)
                .query(Integer.class).single() == 1);
        assertThat(running(LANE)).as("the merge freed the repository: auto-next would have looked").isZero();
        GITEA.verify(0, getRequestedFor(urlPathEqualTo(LANE_API + "/issues")));
        assertThat(workflowsOf(LANE)).doesNotContain(LANE + "#51");
    }
}
