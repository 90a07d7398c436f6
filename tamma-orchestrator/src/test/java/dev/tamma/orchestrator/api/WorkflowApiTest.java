package dev.tamma.orchestrator.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tamma.core.ai.AiCallRecorded;
import dev.tamma.core.ai.CallContext;
import dev.tamma.core.ai.TokenUsage;
import dev.tamma.core.workflow.FailureCause;
import dev.tamma.core.workflow.HumanWait;
import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.StepOutput;
import dev.tamma.core.workflow.UserCommand;
import dev.tamma.core.workflow.WorkflowConfig;
import dev.tamma.core.workflow.WorkflowEvent;
import dev.tamma.core.workflow.WorkflowInput;
import dev.tamma.core.workflow.WorkflowState;
import dev.tamma.core.workflow.WorkflowStatus;
import dev.tamma.orchestrator.ai.AiCallLog;
import dev.tamma.orchestrator.events.EventStore;
import dev.tamma.orchestrator.testdb.ApiClient;
import dev.tamma.orchestrator.testdb.TammaSpringTest;
import dev.tamma.orchestrator.workflow.WorkflowEngine;
import dev.tamma.orchestrator.workflow.WorkflowReadModel;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The REST API against the running service. The admin token acts as carol, who may write on one
 * Gitea repository and only read another (WireMock speaking Gitea's API): commands through the API
 * are authorized exactly as carol's comments would be.
 */
@TammaSpringTest
class WorkflowApiTest {

    private static final String OWNER = "apitest-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String WRITABLE = OWNER + "/shop";
    private static final String READ_ONLY = OWNER + "/docs";
    private static final WireMockServer GITEA = new WireMockServer(options().dynamicPort());

    static {
        GITEA.start();
        GITEA.stubFor(get(urlPathEqualTo("/api/v1/repos/" + WRITABLE + "/collaborators/carol/permission"))
                .willReturn(okJson("{\"permission\":\"write\",\"user\":{\"login\":\"carol\"}}")));
        GITEA.stubFor(get(urlPathEqualTo("/api/v1/repos/" + READ_ONLY + "/collaborators/carol/permission"))
                .willReturn(okJson("{\"permission\":\"read\",\"user\":{\"login\":\"carol\"}}")));
        GITEA.stubFor(get(urlPathMatching(".*/comments")).willReturn(okJson("[]")));
        GITEA.stubFor(post(urlPathMatching(".*/comments")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":91,\"body\":\"ok\",\"user\":{\"login\":\"tamma\"},\"created_at\":\"2026-11-21T10:00:00Z\","
                        + "\"updated_at\":\"2026-11-21T10:00:00Z\",\"html_url\":\"http://gitea/c/91\"}")));
        GITEA.stubFor(post(urlPathMatching(".*/labels")).willReturn(okJson("[{\"id\":3,\"name\":\"tamma:working\"}]")));
    }

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        List<String> repositories = List.of(WRITABLE, READ_ONLY);
        for (int i = 0; i < repositories.size(); i++) {
            String entry = "tamma.platforms.repositories[" + i + "].";
            registry.add(entry + "name", repositories.get(i)::toString);
            registry.add(entry + "platform", () -> "gitea");
            registry.add(entry + "url", () -> GITEA.baseUrl() + "/api/v1");
            registry.add(entry + "user", () -> "tamma");
            registry.add(entry + "token", () -> "gitea-token-for-api-test");
        }
        registry.add("tamma.api.admin-user", () -> "carol");
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
    EventStore events;

    @Autowired
    AiCallLog aiCalls;

    private ApiClient api;
    private int issues;

    @BeforeEach
    void client() {
        api = ApiClient.admin(port);
    }

    private String start(String repository, Mode mode) {
        String id = "workflow-" + UUID.randomUUID();
        engine.start(id, repository + "#" + (++issues), WorkflowConfig.defaults(mode));
        return id;
    }

    private WorkflowState state(String workflow) {
        return readModel.load(workflow).orElseThrow().state();
    }

    /** Succeeds steps with the outputs later steps need until the workflow waits for a person. */
    private String atDesignApproval(String repository) {
        String workflow = start(repository, Mode.BUSINESS);
        for (Step step : new Step[] {Step.ISSUE_ASSIGNED, Step.ANALYZE, Step.PLAN}) {
            engine.handle(workflow, new WorkflowInput.StepSucceeded(Instant.now(), step, state(workflow).attempt(),
                    step == Step.PLAN ? StepOutput.of("two options").withPlanOptions(2) : StepOutput.of("done")));
        }
        assertThat(state(workflow).waitingFor()).isEqualTo(HumanWait.DESIGN_APPROVAL);
        return workflow;
    }

    private String escalated(String repository) {
        String workflow = start(repository, Mode.DEV);
        engine.handle(workflow, new WorkflowInput.StepFailed(Instant.now(), Step.ISSUE_ASSIGNED, 1,
                FailureCause.STRUCTURAL, "bad credentials", "401 Unauthorized"));
        assertThat(state(workflow).status()).isEqualTo(WorkflowStatus.ESCALATED);
        return workflow;
    }

    private static List<String> ids(JsonNode array, String field) {
        return array.valueStream().map(n -> n.path(field).asString()).toList();
    }

    /** Repositories of the test's own, for lists that must not see other tests' workflows. */
    private static String owner() {
        return "apilist-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void listsWorkflowsFilteredByRepositoryStatusAndStep() throws Exception {
        String owner = owner();
        String running = start(owner + "/shop", Mode.DEV);
        String waiting = atDesignApproval(owner + "/shop");
        String elsewhere = start(owner + "/docs", Mode.DEV);

        ApiClient.Reply all = api.get("/api/v1/workflows?repository=" + owner + "/*");
        assertThat(all.status()).isEqualTo(200);
        assertThat(ids(all.json().path("workflows"), "id")).containsExactlyInAnyOrder(running, waiting, elsewhere);
        assertThat(all.json().path("total").asLong()).isEqualTo(3);

        JsonNode shop = api.get("/api/v1/workflows?repository=" + owner + "/shop").json();
        assertThat(ids(shop.path("workflows"), "id")).containsExactlyInAnyOrder(running, waiting);

        JsonNode waitingOnly = api.get("/api/v1/workflows?repository=" + owner + "/*&status=waiting_for_human").json();
        assertThat(ids(waitingOnly.path("workflows"), "id")).containsExactly(waiting);
        JsonNode row = waitingOnly.path("workflows").get(0);
        assertThat(row.path("repository").asString()).isEqualTo(owner + "/shop");
        assertThat(row.path("step").asString()).isEqualTo("DESIGN_APPROVAL");
        assertThat(row.path("waitingFor").asString()).isEqualTo("DESIGN_APPROVAL");
        assertThat(row.path("mode").asString()).isEqualTo("BUSINESS");
        assertThat(Instant.parse(row.path("startedAt").asString())).isBefore(Instant.now());

        JsonNode atIssueAssigned = api.get("/api/v1/workflows?repository=" + owner + "/*&step=issue-assigned").json();
        assertThat(ids(atIssueAssigned.path("workflows"), "id")).containsExactlyInAnyOrder(running, elsewhere);

        JsonNode page = api.get("/api/v1/workflows?repository=" + owner + "/*&limit=2&offset=2").json();
        assertThat(page.path("workflows").size()).isEqualTo(1);
        assertThat(page.path("total").asLong()).isEqualTo(3);
    }

    @Test
    void badFiltersAreRefusedWithWhatWasWrong() throws Exception {
        ApiClient.Reply status = api.get("/api/v1/workflows?status=SLEEPING");
        assertThat(status.status()).isEqualTo(400);
        assertThat(status.json().path("error").asString()).contains("status", "SLEEPING", "RUNNING");

        ApiClient.Reply step = api.get("/api/v1/workflows?step=deploy");
        assertThat(step.status()).isEqualTo(400);
        assertThat(step.json().path("error").asString()).contains("step", "deploy", "ci-checks");

        assertThat(api.get("/api/v1/workflows?limit=0").json().path("error").asString()).contains("limit", "500");
        ApiClient.Reply notANumber = api.get("/api/v1/workflows?limit=lots");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.json().path("error").asString()).contains("'limit'", "lots", "whole number");
    }

    @Test
    void oneWorkflowWithItsStateEventsAndReplay() throws Exception {
        String workflow = atDesignApproval(WRITABLE);

        ApiClient.Reply now = api.get("/api/v1/workflows/" + workflow);
        assertThat(now.status()).isEqualTo(200);
        assertThat(now.json().path("status").asString()).isEqualTo("WAITING_FOR_HUMAN");
        assertThat(now.json().path("waitingFor").asString()).isEqualTo("DESIGN_APPROVAL");
        assertThat(now.json().path("change").path("planOptions").asInt()).isEqualTo(2);
        assertThat(now.json().path("attempts").path("PLAN").asInt()).isEqualTo(1);
        assertThat(now.json().path("waitTimeoutAt").isString()).isTrue();
        int version = now.json().path("version").asInt();
        assertThat(version).isEqualTo(events.version(workflow));

        JsonNode all = api.get("/api/v1/workflows/" + workflow + "/events").json();
        assertThat(all.path("events").size()).isEqualTo(version);
        assertThat(all.path("events").get(0).path("type").asString()).isEqualTo(WorkflowEvent.WorkflowStarted.TYPE);
        assertThat(all.path("events").get(0).path("payload").path("issue").asString()).startsWith(WRITABLE + "#");

        JsonNode later = api.get("/api/v1/workflows/" + workflow + "/events?after=" + (version - 2)).json();
        assertThat(later.path("events").valueStream().map(e -> e.path("version").asInt()))
                .containsExactly(version - 1, version);
        JsonNode completed = api.get("/api/v1/workflows/" + workflow + "/events?type=" + WorkflowEvent.StepCompleted.TYPE)
                .json();
        assertThat(completed.path("events").valueStream().map(e -> e.path("payload").path("step").asString()))
                .containsExactly("ISSUE_ASSIGNED", "ANALYZE", "PLAN");

        JsonNode first = api.get("/api/v1/workflows/" + workflow + "?version=1").json();
        assertThat(first.path("status").asString()).isEqualTo("RUNNING");
        assertThat(first.path("step").asString()).isEqualTo("ISSUE_ASSIGNED");
        assertThat(first.path("version").asInt()).isEqualTo(1);
        JsonNode asOfNow = api.get("/api/v1/workflows/" + workflow + "?at=" + Instant.now()).json();
        assertThat(asOfNow.path("waitingFor").asString()).isEqualTo("DESIGN_APPROVAL");
        assertThat(api.get("/api/v1/workflows/" + workflow + "?at=2000-01-01T00:00:00Z").status()).isEqualTo(404);

        ApiClient.Reply unknown = api.get("/api/v1/workflows/workflow-nope");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").asString()).contains("workflow-nope");
        assertThat(api.get("/api/v1/workflows/workflow-nope/events").status()).isEqualTo(404);
    }

    private void aiCall(String workflow, String repository, Step step, String model, long in, long out, String usd) {
        aiCalls.record(new AiCallRecorded(new CallContext(workflow, repository, 1, step, 1), "anthropic", model,
                new TokenUsage(in, out, 0), new BigDecimal(usd), true, Duration.ofMillis(900),
                AiCallRecorded.Outcome.SUCCESS, Instant.now()));
    }

    @Test
    void aiCostsPerWorkflowCallByCallAndAcrossWorkflows() throws Exception {
        String owner = owner();
        String first = start(owner + "/shop", Mode.DEV);
        String second = start(owner + "/web", Mode.DEV);
        aiCall(first, owner + "/shop", Step.ANALYZE, "claude-sonnet-4-5", 1200, 300, "0.0081");
        aiCall(first, owner + "/shop", Step.IMPLEMENT, "claude-sonnet-4-5", 20000, 4000, "0.1200");
        aiCall(first, owner + "/shop", Step.IMPLEMENT, "claude-haiku-4-5", 3000, 500, "0.0055");
        aiCall(second, owner + "/web", Step.PLAN, "claude-sonnet-4-5", 5000, 1000, "0.0300");

        JsonNode costs = api.get("/api/v1/workflows/" + first + "/costs").json();
        assertThat(costs.path("calls").size()).isEqualTo(3);
        assertThat(costs.path("calls").get(1).path("model").asString()).isEqualTo("claude-sonnet-4-5");
        assertThat(costs.path("calls").get(1).path("inputTokens").asLong()).isEqualTo(20000);
        assertThat(costs.path("calls").get(1).path("latencyMs").asLong()).isEqualTo(900);
        assertThat(costs.path("byStep").path("lines").valueStream().map(l -> l.path("key").asString()))
                .containsExactly("implement", "analyze");
        assertThat(costs.path("byStep").path("total").path("costUsd").decimalValue()).isEqualByComparingTo("0.1336");

        JsonNode listed = api.get("/api/v1/workflows?repository=" + owner + "/shop").json().path("workflows").get(0);
        assertThat(listed.path("costUsd").decimalValue()).isEqualByComparingTo("0.1336");
        assertThat(api.get("/api/v1/workflows/" + second).json().path("costUsd").decimalValue())
                .isEqualByComparingTo("0.03");

        JsonNode byRepository = api.get("/api/v1/costs?repository=" + owner + "/*").json();
        assertThat(byRepository.path("by").asString()).isEqualTo("repository");
        assertThat(byRepository.path("lines").valueStream().map(l -> l.path("key").asString()))
                .containsExactly(owner + "/shop", owner + "/web");
        assertThat(byRepository.path("total").path("calls").asLong()).isEqualTo(4);
        JsonNode byModel = api.get("/api/v1/costs?repository=" + owner + "/*&by=model&since="
                + Instant.now().minus(Duration.ofHours(1))).json();
        assertThat(byModel.path("lines").get(0).path("key").asString()).isEqualTo("anthropic:claude-sonnet-4-5");
        assertThat(byModel.path("lines").get(0).path("calls").asLong()).isEqualTo(3);
        assertThat(api.get("/api/v1/costs?by=colour").json().path("error").asString()).contains("colour", "model");
        assertThat(api.get("/api/v1/costs?since=yesterday").status()).isEqualTo(400);
    }

    @Test
    void pendingApprovalsPutEscalationsFirst() throws Exception {
        String owner = owner();
        String waiting = atDesignApproval(owner + "/shop");
        String stuck = escalated(owner + "/docs");
        start(owner + "/web", Mode.DEV);

        JsonNode approvals = api.get("/api/v1/approvals?repository=" + owner + "/*").json().path("approvals");

        assertThat(ids(approvals, "workflow")).containsExactly(stuck, waiting);
        assertThat(approvals.get(0).path("waitingFor").asString()).isEqualTo("ESCALATION");
        assertThat(approvals.get(0).path("escalation").path("cause").asString()).isEqualTo("STRUCTURAL");
        assertThat(approvals.get(0).path("escalation").path("message").asString()).isEqualTo("bad credentials");
        assertThat(approvals.get(1).path("waitingFor").asString()).isEqualTo("DESIGN_APPROVAL");
        assertThat(Instant.parse(approvals.get(1).path("since").asString())).isBefore(Instant.now());
    }

    @Test
    void approvingThroughTheApiIsTheAdminUsersApprovalAsIfCommented() throws Exception {
        String workflow = atDesignApproval(WRITABLE);

        ApiClient.Reply approved = api.post("/api/v1/workflows/" + workflow + "/approve", Map.of("option", 2));

        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.json().path("actor").asString()).isEqualTo("carol");
        assertThat(approved.json().path("command").asString()).isEqualTo("/tamma approve option 2");
        assertThat(approved.json().path("step").asString()).isEqualTo("CREATE_PR");
        assertThat(state(workflow).change().approvedOption()).isEqualTo(2);
        assertThat(events.readStream(workflow)).filteredOn(e -> e.type().equals(WorkflowEvent.CheckpointPassed.TYPE))
                .singleElement().satisfies(e -> assertThat(e.actor()).isEqualTo("carol"));

        int before = events.version(workflow);
        ApiClient.Reply again = api.post("/api/v1/workflows/" + workflow + "/approve", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("error").asString()).contains("/tamma approve", "changes nothing");
        assertThat(events.version(workflow)).as("a refused command records nothing").isEqualTo(before);
    }

    /** A business-mode workflow of issue {@code number}, at its merge checkpoint. */
    private String atMergeApproval(String repository, long number) {
        String workflow = "workflow-" + UUID.randomUUID();
        engine.start(workflow, repository + "#" + number, WorkflowConfig.defaults(Mode.BUSINESS));
        while (state(workflow).waitingFor() != HumanWait.MERGE_APPROVAL) {
            WorkflowState s = state(workflow);
            if (s.waitingFor() == HumanWait.DESIGN_APPROVAL) {
                engine.handle(workflow, new WorkflowInput.HumanCommand(Instant.now(), "someone", true,
                        new UserCommand.Approve()));
                continue;
            }
            StepOutput output = switch (s.step()) {
                case CREATE_PR -> StepOutput.of("draft").withPullRequest(9);
                case PUSH -> StepOutput.of("pushed").withHeadSha("abc123");
                default -> StepOutput.of("done");
            };
            engine.handle(workflow, new WorkflowInput.StepSucceeded(Instant.now(), s.step(), s.attempt(), output));
        }
        return workflow;
    }

    @Test
    void inBusinessModeTheIssuesAuthorCannotApproveItsMergeThroughTheApiEither() throws Exception {
        GITEA.stubFor(get(urlPathEqualTo("/api/v1/repos/" + WRITABLE + "/issues/501")).willReturn(okJson(
                "{\"number\":501,\"title\":\"t\",\"body\":\"\",\"state\":\"open\",\"user\":{\"login\":\"carol\"}}")));
        GITEA.stubFor(get(urlPathEqualTo("/api/v1/repos/" + WRITABLE + "/issues/502")).willReturn(okJson(
                "{\"number\":502,\"title\":\"t\",\"body\":\"\",\"state\":\"open\",\"user\":{\"login\":\"dave\"}}")));
        String carols = atMergeApproval(WRITABLE, 501);
        String daves = atMergeApproval(WRITABLE, 502);

        ApiClient.Reply own = api.post("/api/v1/workflows/" + carols + "/approve", Map.of("merge", true));
        assertThat(own.status()).isEqualTo(409);
        assertThat(state(carols).waitingFor()).isEqualTo(HumanWait.MERGE_APPROVAL);

        ApiClient.Reply others = api.post("/api/v1/workflows/" + daves + "/approve", Map.of("merge", true));
        assertThat(others.status()).isEqualTo(200);
        assertThat(others.json().path("step").asString()).isEqualTo("MERGE");
        assertThat(state(daves).change().mergeApprovedBy()).isEqualTo("carol");
    }

    @Test
    void theAdminUserNeedsTheRightsItsCommentsWouldNeed() throws Exception {
        String workflow = atDesignApproval(READ_ONLY);
        int before = events.version(workflow);

        ApiClient.Reply refused = api.post("/api/v1/workflows/" + workflow + "/approve", null);

        assertThat(refused.status()).isEqualTo(403);
        GITEA.verify(getRequestedFor(urlPathEqualTo("/api/v1/repos/" + READ_ONLY + "/collaborators/carol/permission")));
        assertThat(refused.json().path("error").asString()).contains("carol", READ_ONLY, "tamma.triggers.approvers");
        assertThat(events.version(workflow)).isEqualTo(before);
        assertThat(state(workflow).waitingFor()).isEqualTo(HumanWait.DESIGN_APPROVAL);
    }

    @Test
    void reviseRetryAndStopReachTheEngine() throws Exception {
        String workflow = atDesignApproval(WRITABLE);
        ApiClient.Reply noText = api.post("/api/v1/workflows/" + workflow + "/revise", Map.of());
        assertThat(noText.status()).isEqualTo(400);
        assertThat(noText.json().path("error").asString()).contains("'text'");

        ApiClient.Reply revised = api.post("/api/v1/workflows/" + workflow + "/revise",
                Map.of("text", "Keep the old greeting for named people."));
        assertThat(revised.status()).isEqualTo(200);
        assertThat(state(workflow).step()).isEqualTo(Step.PLAN);
        assertThat(state(workflow).stepRunning()).isTrue();

        ApiClient.Reply retry = api.post("/api/v1/workflows/" + workflow + "/retry", null);
        assertThat(retry.status()).as("nothing escalated to retry").isEqualTo(409);
        assertThat(api.post("/api/v1/workflows/" + workflow + "/retry", Map.of("from", "lunch")).json()
                .path("error").asString()).contains("'from'", "lunch", "implement");

        ApiClient.Reply stopped = api.post("/api/v1/workflows/" + workflow + "/stop", null);
        assertThat(stopped.status()).isEqualTo(200);
        assertThat(stopped.json().path("status").asString()).isEqualTo("CANCELLED");
        assertThat(api.post("/api/v1/workflows/" + workflow + "/stop", null).status()).isEqualTo(409);
    }

    @Test
    void anEscalationIsRetriedThroughTheApi() throws Exception {
        String workflow = escalated(WRITABLE);

        ApiClient.Reply retried = api.post("/api/v1/workflows/" + workflow + "/retry", null);

        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().path("status").asString()).isEqualTo("RUNNING");
        assertThat(state(workflow).step()).isEqualTo(Step.ISSUE_ASSIGNED);
        assertThat(state(workflow).attempt()).isEqualTo(2);
        assertThat(api.post("/api/v1/workflows/workflow-nope/stop", null).status()).isEqualTo(404);
    }
}
