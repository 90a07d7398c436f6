package dev.tamma.orchestrator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.ai.AiCallRecorded;
import dev.tamma.core.ai.CallContext;
import dev.tamma.core.ai.TokenUsage;
import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.Step;
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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** The dashboard as a browser sees it, against the running service, signed in as the admin (ops-lead). */
@TammaSpringTest
@TestPropertySource(properties = {"tamma.api.admin-user=ops-lead", "tamma.triggers.approvers[0]=ops-lead"})
class DashboardTest {

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

    private BrowserSession browser;
    private CheckpointWorkflows workflows;
    private String owner;

    @BeforeEach
    void signIn() throws Exception {
        browser = new BrowserSession(port);
        assertThat(browser.signIn(ApiClient.ADMIN_TOKEN).status()).isEqualTo(303);
        workflows = new CheckpointWorkflows(engine, readModel);
        owner = "dashtest-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void nothingIsShownBeforeSigningInWithTheAdminToken() throws Exception {
        String workflow = workflows.atDesignApproval(owner + "/shop");
        BrowserSession stranger = new BrowserSession(port);

        BrowserSession.Page list = stranger.get("/");
        assertThat(list.status()).isEqualTo(401);
        assertThat(list.html().select("a").attr("href")).isEqualTo("/login?next=%2F");
        assertThat(list.body()).doesNotContain(owner);
        assertThat(stranger.get("/workflows/" + workflow).status()).isEqualTo(401);
        assertThat(stranger.get("/events/stream").status()).isEqualTo(401);
        assertThat(stranger.get("/assets/dashboard.css").status()).as("the style sheet is no secret").isEqualTo(200);
        assertThat(stranger.get("/no-such-page").status()).as("only the dashboard's paths are guarded").isEqualTo(404);
        assertThat(stranger.post("/workflows/" + workflow + "/stop", Map.of()).status()).isEqualTo(401);

        BrowserSession.Page wrong = stranger.signIn("not-the-admin-token-000000000000");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.html().select("[role=alert]").text()).isEqualTo("That is not the admin token.");
        assertThat(stranger.get("/").status()).isEqualTo(401);

        BrowserSession.Page right = stranger.signIn(ApiClient.ADMIN_TOKEN);
        assertThat(right.status()).isEqualTo(303);
        assertThat(right.location()).endsWith("/");
        assertThat(right.headers().get("set-cookie")).contains("HttpOnly", "SameSite=Strict")
                .doesNotContain(ApiClient.ADMIN_TOKEN);
        BrowserSession.Page signedIn = stranger.get("/");
        assertThat(signedIn.status()).isEqualTo(200);
        assertThat(signedIn.headers().get("x-frame-options")).isEqualTo("DENY");
        assertThat(signedIn.headers().get("content-security-policy")).contains("default-src 'self'");
        assertThat(stranger.post("/login", Map.of("token", ApiClient.ADMIN_TOKEN, "next", "//elsewhere.example/x"))
                .location()).as("no sign-in link sends anyone to another site").endsWith("/");
    }

    @Test
    void theListPutsEscalationsFirstAndFilters() throws Exception {
        String waiting = workflows.atDesignApproval(owner + "/shop");
        String stuck = workflows.escalated(owner + "/web");
        String running = workflows.start(owner + "/docs", Mode.DEV);

        BrowserSession.Page page = browser.get("/?repository=" + owner + "/*");

        assertThat(page.status()).isEqualTo(200);
        List<String> approvals = page.html().select("table.approvals tbody tr").eachText();
        assertThat(approvals).hasSize(2);
        assertThat(approvals.get(0)).startsWith("escalation " + owner + "/web#2 issue assigned")
                .contains("structural: bad credentials");
        assertThat(approvals.get(1)).startsWith("design approval " + owner + "/shop#1 design approval");
        List<Element> rows = page.html().select("table.workflows tbody tr");
        assertThat(rows).extracting(r -> r.select("a").attr("href")).containsExactlyInAnyOrder(
                "/workflows/" + waiting, "/workflows/" + stuck, "/workflows/" + running);
        assertThat(rows).extracting(r -> r.select("td").last().text()).as("the AI cost column").containsOnly("$0.0000");

        BrowserSession.Page filtered = browser.get("/?repository=" + owner + "/*&status=RUNNING");
        assertThat(filtered.html().select("table.workflows tbody tr a").eachAttr("href"))
                .containsExactly("/workflows/" + running);
        assertThat(filtered.html().select("select[name=status] option[selected]").val()).isEqualTo("RUNNING");

        BrowserSession.Page bad = browser.get("/?status=SLEEPING");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.html().select("[role=alert]").text()).contains("SLEEPING");
    }

    @Test
    void aWorkflowPageShowsItsProgressEventsAndAiCallsAndReplaysThePast() throws Exception {
        String workflow = workflows.atDesignApproval(owner + "/shop");
        aiCalls.record(new AiCallRecorded(new CallContext(workflow, owner + "/shop", 1, Step.PLAN, 1), "anthropic",
                "claude-sonnet-4-5", new TokenUsage(4200, 800, 0), new BigDecimal("0.0246"), true,
                Duration.ofMillis(2100), AiCallRecorded.Outcome.SUCCESS, Instant.now()));

        BrowserSession.Page page = browser.get("/workflows/" + workflow);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html().select("h1").text()).isEqualTo(owner + "/shop#1 waiting for human");
        List<Element> steps = page.html().select("ol.steps li");
        assertThat(steps).hasSize(14);
        assertThat(steps.subList(0, 3)).allSatisfy(s -> assertThat(s.hasClass("done")).isTrue());
        assertThat(steps.get(3).classNames()).contains("waiting");
        assertThat(steps.get(3).attr("aria-current")).isEqualTo("step");
        assertThat(steps.get(3).text()).startsWith("4 design approval");
        assertThat(steps.subList(4, 14)).allSatisfy(s -> assertThat(s.hasClass("todo")).isTrue());
        assertThat(page.html().select("form[action$=/approve] button").text()).isEqualTo("Approve the design");
        assertThat(page.html().select("form[action$=/approve] input[name=option]").attr("max")).isEqualTo("2");
        assertThat(page.html().select("table.events tbody tr")).hasSize(events.version(workflow));
        assertThat(page.html().select("table.events tbody tr").last().text()).contains("workflow.started");
        assertThat(page.html().select("table.calls tbody tr").text())
                .contains("plan #1", "anthropic:claude-sonnet-4-5", "4200", "800", "$0.0246", "2100 ms", "success");
        assertThat(page.html().select("main").attr("data-live")).as("the present updates itself").isEqualTo("on");

        BrowserSession.Page past = browser.get("/workflows/" + workflow + "?version=2");
        assertThat(past.html().select(".replay .notice").text())
                .startsWith("Showing the workflow as it was after event 2 of " + events.version(workflow));
        assertThat(past.html().select("ol.steps li").get(0).classNames()).contains("current");
        assertThat(past.html().select("table.events tbody tr")).hasSize(2);
        assertThat(past.html().select("section.act")).as("no buttons on the past").isEmpty();
        assertThat(past.html().select("main").hasAttr("data-live")).as("the past does not update").isFalse();

        BrowserSession.Page failed = browser.get("/workflows/" + workflow + "?type=step.completed");
        assertThat(failed.html().select("table.events tbody tr")).hasSize(3);
        assertThat(browser.get("/workflows/workflow-nope").status()).isEqualTo(404);
    }

    @Test
    void approvingOnThePageMovesTheWorkflowAndOpenPagesHearOfItWithinASecond() throws Exception {
        String workflow = workflows.atDesignApproval(owner + "/shop");
        BlockingQueue<String> stream = BrowserSession.queue();
        CompletableFuture<Void> listening = browser.listen("/events/stream?workflow=" + workflow, stream);
        try {
            assertThat(stream.poll(10, TimeUnit.SECONDS)).isEqualTo("status:200");
            String ready;
            do {
                ready = stream.poll(10, TimeUnit.SECONDS);
            } while (ready != null && !ready.equals("event:ready"));
            assertThat(ready).isEqualTo("event:ready");

            long sent = System.nanoTime();
            BrowserSession.Page approved = browser.post("/workflows/" + workflow + "/approve", Map.of("option", "2"));

            String heard;
            do {
                heard = stream.poll(2, TimeUnit.SECONDS);
            } while (heard != null && !heard.equals("data:" + workflow));
            long millis = (System.nanoTime() - sent) / 1_000_000;
            assertThat(heard).isEqualTo("data:" + workflow);
            assertThat(millis).as("the update arrives within a second").isLessThan(1_000);

            assertThat(approved.status()).isEqualTo(303);
            BrowserSession.Page after = browser.get(approved.location().replace("http://localhost:" + port, ""));
            assertThat(after.html().select(".ok").text()).isEqualTo("Done: /tamma approve option 2 as ops-lead");
            assertThat(after.html().select("ol.steps li.current").text()).contains("create pr");
            assertThat(workflows.state(workflow).change().approvedOption()).isEqualTo(2);

            BrowserSession.Page again = browser.post("/workflows/" + workflow + "/approve", Map.of());
            BrowserSession.Page refused = browser.get(again.location().replace("http://localhost:" + port, ""));
            assertThat(refused.html().select(".error").text()).contains("changes nothing");
        } finally {
            listening.cancel(true);
        }
    }

    @Test
    void aFormFromAnotherSiteIsRefusedEvenWithTheSession() throws Exception {
        String workflow = workflows.atDesignApproval(owner + "/shop");
        int before = events.version(workflow);

        BrowserSession.Page crossSite = browser.post("/workflows/" + workflow + "/stop", Map.of(),
                Map.of("Sec-Fetch-Site", "cross-site"));
        BrowserSession.Page otherOrigin = browser.post("/workflows/" + workflow + "/stop", Map.of(),
                Map.of("Origin", "https://elsewhere.example"));

        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(otherOrigin.status()).isEqualTo(403);
        assertThat(events.version(workflow)).isEqualTo(before);
        assertThat(browser.post("/workflows/" + workflow + "/stop", Map.of(),
                Map.of("Origin", "http://localhost:" + port)).status()).isEqualTo(303);
    }
}
