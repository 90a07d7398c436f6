package dev.tamma.orchestrator.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
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
import dev.tamma.core.workflow.HumanWait;
import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.StepOutput;
import dev.tamma.core.workflow.WorkflowConfig;
import dev.tamma.core.workflow.WorkflowInput;
import dev.tamma.core.workflow.WorkflowState;
import dev.tamma.core.workflow.WorkflowStatus;
import dev.tamma.orchestrator.testdb.TammaSpringTest;
import dev.tamma.orchestrator.workflow.WorkflowEngine;
import dev.tamma.orchestrator.workflow.WorkflowReadModel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * People steering a workflow by comment on a configured Gitea repository (WireMock speaking
 * Gitea's REST API): what they see on the platform in answer.
 */
@TammaSpringTest
class PlatformCommandsTest {

    private static final String REPOSITORY = "forge/desk";
    private static final String API = "/api/v1/repos/forge/desk";
    private static final String QUEUE = "forge/queue";
    private static final String ANY_API = "/api/v1/repos/forge/(desk|queue)";
    private static final String SECRET = "desk-webhook-secret";
    private static final WireMockServer GITEA = new WireMockServer(options().dynamicPort());

    static {
        GITEA.start();
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
        registry.add("tamma.webhooks.gitea.secrets[0]", () -> SECRET);
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
    JdbcClient jdbc;

    @Autowired
    RepositoryReconciler reconciler;

    private GiteaDeliveries gitea;

    @BeforeEach
    void stubs() {
        gitea = new GiteaDeliveries(port, SECRET, REPOSITORY);
        GITEA.resetAll();
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

    private static void issue(int number, String author) {
        GITEA.stubFor(get(urlPathEqualTo(API + "/issues/" + number)).willReturn(okJson("{\"number\":" + number
                + ",\"title\":\"Round prices\",\"state\":\"open\",\"labels\":[],\"assignees\":[],"
                + "\"user\":{\"login\":\"" + author + "\"},\"html_url\":\"http://gitea/forge/desk/issues/" + number + "\"}")));
    }

    private static void pullRequest(int number) {
        GITEA.stubFor(get(urlPathEqualTo(API + "/pulls/" + number)).willReturn(okJson("{\"number\":" + number
                + ",\"title\":\"Round prices\",\"state\":\"open\",\"head\":{\"ref\":\"tamma/x\",\"sha\":\"sha-1\"},"
                + "\"base\":{\"ref\":\"main\"},\"html_url\":\"http://gitea/forge/desk/pulls/" + number + "\"}")));
    }

    private static void permission(String login, String permission) {
        GITEA.stubFor(get(urlPathEqualTo(API + "/collaborators/" + login + "/permission"))
                .willReturn(okJson("{\"permission\":\"" + permission + "\",\"user\":{\"login\":\"" + login + "\"}}")));
    }

    private static String openIssue(int number, String... labels) {
        StringBuilder names = new StringBuilder();
        for (String label : labels) {
            names.append(names.isEmpty() ? "" : ",").append("{\"name\":\"").append(label).append("\"}");
        }
        return "{\"number\":" + number + ",\"title\":\"Issue " + number + "\",\"state\":\"open\",\"labels\":["
                + names + "],\"assignees\":[],\"user\":{\"login\":\"erin\"}}";
    }

    /** A business-mode workflow on issue {@code number}, waiting for its design to be approved. */
    private String waitingForDesignApproval(int number) {
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
    private void runUntil(String workflow, Step step, int pullRequest) {
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
    private void awaitInboxConsumed() {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("SELECT count(*) FROM webhook_inbox "
                + "WHERE repository = ? AND processed_at IS NULL").param(REPOSITORY).query(Integer.class).single() == 0);
    }

    private static void commitStatuses(String sha, String... contextAndState) {
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
    private String runningUntil(int issue, Step step, int pr) {
        String workflow = "workflow-" + UUID.randomUUID();
        engine.start(workflow, REPOSITORY + "#" + issue, WorkflowConfig.defaults(Mode.DEV));
        runUntil(workflow, step, pr);
        return workflow;
    }

    private List<String> workflowsOf(String repository) {
        return jdbc.sql("SELECT issue FROM workflow WHERE split_part(issue, '#', 1) = ?").param(repository)
                .query(String.class).list();
    }

    private WorkflowState state(String workflow) {
        return readModel.load(workflow).orElseThrow().state();
    }

    /** Requests Gitea received, oldest first, as "METHOD path body". */
    private static List<String> received() {
        return GITEA.getAllServeEvents().reversed().stream().map(ServeEvent::getRequest)
                .map((Request r) -> r.getMethod() + " " + r.getUrl() + " " + r.getBodyAsString()).toList();
    }

    /** A reply's body starts with the mention of the person it answers. */
    private static String replyTo(String login) {
        return "{\"body\":\"@" + login + " ";
    }

    private static int indexOf(List<String> requests, String... parts) {
        for (int i = 0; i < requests.size(); i++) {
            String request = requests.get(i);
            if (List.of(parts).stream().allMatch(request::contains)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void anAcceptedCommandGetsAReactionFirstThenAReplyWithTheResult() throws Exception {
        String workflow = waitingForDesignApproval(3);

        assertThat(gitea.comment(3, false, 701, "carol", "/tamma approve")).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).until(() -> indexOf(received(), "POST /", "/issues/3/comments",
                replyTo("carol")) >= 0);
        List<String> requests = received();
        int reply = indexOf(requests, "POST /", "/issues/3/comments", replyTo("carol"));
        int reaction = indexOf(requests, "POST /", "/issues/comments/701/reactions", "eyes");
        assertThat(reaction).as("the command's comment gets a reaction").isNotNegative();
        assertThat(reaction).as("before the reply").isLessThan(reply);
        assertThat(requests.get(reply)).contains("going ahead");
        assertThat(state(workflow).step()).isEqualTo(Step.CREATE_PR);
    }

    @Test
    void statusIsAnsweredToAnyoneWithTheStepAttemptAndLinksAndChangesNothing() throws Exception {
        String workflow = runningUntil(5, Step.IMPLEMENT, 55);
        issue(5, "erin");
        pullRequest(55);

        assertThat(gitea.comment(55, true, 705, "dave", "/tamma status")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> indexOf(received(), "POST /", "/issues/5/comments",
                replyTo("dave")) >= 0);
        String reply = received().get(indexOf(received(), "POST /", "/issues/5/comments", replyTo("dave")));
        assertThat(reply).contains("running `implement`", "| step | `implement` |", "| attempt | 1 ",
                "[forge/desk#5](http://gitea/forge/desk/issues/5)", "[pull request 55](http://gitea/forge/desk/pulls/55)");
        assertThat(state(workflow).step()).isEqualTo(Step.IMPLEMENT);
    }

    @Test
    void inBusinessModeTheIssuesAuthorCannotApproveItsMergeButSomeoneElseCan() throws Exception {
        String workflow = waitingForDesignApproval(6);
        issue(6, "erin");
        gitea.comment(6, false, 706, "carol", "/tamma approve");
        await().atMost(Duration.ofSeconds(60)).until(() -> state(workflow).step() == Step.CREATE_PR);
        runUntil(workflow, Step.COMPLETION_CHECK, 66);
        engine.handle(workflow, new WorkflowInput.StepSucceeded(Instant.now(), Step.COMPLETION_CHECK,
                state(workflow).attempt(), StepOutput.of("criteria met")));
        assertThat(state(workflow).waitingFor()).isEqualTo(HumanWait.MERGE_APPROVAL);

        assertThat(gitea.comment(66, true, 707, "erin", "/tamma approve merge")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> indexOf(received(), "POST /", "/issues/6/comments",
                replyTo("erin")) >= 0);
        assertThat(received().get(indexOf(received(), "POST /", "/issues/6/comments", replyTo("erin"))))
                .contains("You opened this issue", "Nothing was changed");
        assertThat(state(workflow).waitingFor()).isEqualTo(HumanWait.MERGE_APPROVAL);

        assertThat(gitea.comment(66, true, 708, "carol", "/tamma approve merge")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> state(workflow).step() == Step.MERGE);
        assertThat(state(workflow).change().mergeApprovedBy()).isEqualTo("carol");
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
    void aCommandSeenByWebhookAndAgainByPollingHasOneEffect() throws Exception {
        String workflow = waitingForDesignApproval(13);
        assertThat(gitea.comment(13, false, 720, "carol", "/tamma approve")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> state(workflow).step() == Step.CREATE_PR);
        issue(13, "erin");
        Instant now = Instant.now();
        GITEA.stubFor(get(urlPathEqualTo(API + "/issues/13/comments")).willReturn(okJson("[{\"id\":720,"
                + "\"body\":\"/tamma approve\",\"user\":{\"login\":\"carol\"},\"created_at\":\"" + now
                + "\",\"updated_at\":\"" + now + "\"}]")));
        jdbc.sql("INSERT INTO repository_watch (repository, polled_at) VALUES (?, now() - interval '1 minute') "
                + "ON CONFLICT (repository) DO UPDATE SET polled_at = excluded.polled_at").param(REPOSITORY).update();

        reconciler.reconcile(REPOSITORY);

        GITEA.verify(getRequestedFor(urlPathEqualTo(API + "/issues/13/comments")));
        assertThat(jdbc.sql("SELECT count(*) FROM workflow_command WHERE workflow_id = ? AND type = 'ReplyToCommand'")
                .param(workflow).query(Integer.class).single())
                .as("one answer (going ahead), not a second one saying approve does not apply now").isEqualTo(1);
        assertThat(state(workflow).step()).isEqualTo(Step.CREATE_PR);
    }

    @Test
    void anUnauthorizedCommandGetsNoReactionAndAReplySayingWhyAndWhatIsAllowed() throws Exception {
        String workflow = waitingForDesignApproval(4);

        assertThat(gitea.comment(4, false, 702, "dave", "/tamma approve")).isEqualTo(200);
        assertThat(gitea.comment(4, false, 703, "dave", "/tamma help")).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).until(() -> indexOf(received(), "POST /", "/issues/4/comments",
                replyTo("dave"), "/tamma revise") >= 0);
        List<String> requests = received();
        assertThat(requests).filteredOn(r -> r.contains("/issues/4/comments") && r.contains(replyTo("dave")))
                .anySatisfy(r -> assertThat(r).contains("write access", "Nothing was changed", "/tamma help"));
        assertThat(requests).noneMatch(r -> r.contains("/reactions"));
        assertThat(state(workflow).step()).as("read access is not enough").isEqualTo(Step.DESIGN_APPROVAL);
    }
}
