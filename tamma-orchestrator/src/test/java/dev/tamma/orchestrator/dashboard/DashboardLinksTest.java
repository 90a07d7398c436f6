package dev.tamma.orchestrator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.StepOutput;
import dev.tamma.core.workflow.WorkflowConfig;
import dev.tamma.core.workflow.WorkflowInput;
import dev.tamma.orchestrator.testdb.ApiClient;
import dev.tamma.orchestrator.testdb.TammaSpringTest;
import dev.tamma.orchestrator.workflow.WorkflowEngine;
import dev.tamma.orchestrator.workflow.WorkflowReadModel;
import java.time.Instant;
import java.util.UUID;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The issue and pull request link to their pages on the platform, as the steps read them from it. */
@TammaSpringTest
class DashboardLinksTest {

    @LocalServerPort
    int port;

    @Autowired
    WorkflowEngine engine;

    @Autowired
    WorkflowReadModel readModel;

    private BrowserSession browser;
    private String repository;

    @BeforeEach
    void signIn() throws Exception {
        browser = new BrowserSession(port);
        assertThat(browser.signIn(ApiClient.ADMIN_TOKEN).status()).isEqualTo(303);
        repository = "links-" + UUID.randomUUID().toString().substring(0, 8) + "/shop";
    }

    /** A workflow past CREATE_PR whose steps reported these pages. */
    private String withPullRequest(int issue, String issueUrl, String pullRequestUrl) {
        String id = "workflow-" + UUID.randomUUID();
        engine.start(id, repository + "#" + issue, WorkflowConfig.defaults(Mode.DEV));
        while (readModel.load(id).orElseThrow().state().change().pullRequest() == null) {
            var state = readModel.load(id).orElseThrow().state();
            StepOutput output = switch (state.step()) {
                case ISSUE_ASSIGNED -> StepOutput.of("claimed").withIssueUrl(issueUrl);
                case CREATE_PR -> StepOutput.of("opened").withPullRequest(7, pullRequestUrl);
                case PLAN -> StepOutput.of("plan").withPlanOptions(1);
                default -> StepOutput.of("done");
            };
            engine.handle(id, new WorkflowInput.StepSucceeded(Instant.now(), state.step(), state.attempt(), output));
        }
        return id;
    }

    @Test
    void theWorkflowPageAndTheListLinkToTheIssueAndThePullRequest() throws Exception {
        String issuePage = "https://git.example.com/" + repository + "/issues/12";
        String pullPage = "https://git.example.com/" + repository + "/pulls/7";
        String workflow = withPullRequest(12, issuePage, pullPage);

        BrowserSession.Page page = browser.get("/workflows/" + workflow);
        assertThat(page.status()).isEqualTo(200);
        Element issue = page.html().selectFirst("dl.facts a[href=" + issuePage + "]");
        assertThat(issue).isNotNull();
        assertThat(issue.text()).isEqualTo(repository + "#12");
        Element pull = page.html().selectFirst("dl.facts a[href=" + pullPage + "]");
        assertThat(pull).isNotNull();
        assertThat(pull.text()).isEqualTo("#7");

        BrowserSession.Page list = browser.get("/?repository=" + repository);
        Element row = list.html().selectFirst("table.workflows a[href=/workflows/" + workflow + "]").closest("tr");
        assertThat(row.select("a[href=" + pullPage + "]").text()).isEqualTo("#7");
        assertThat(row.select("a[href=" + issuePage + "]").attr("aria-label"))
                .isEqualTo("issue " + repository + "#12 on its platform");
    }

    @Test
    void withoutAWebPageTheNumbersStayPlainTextAndOnlyHttpAddressesBecomeLinks() throws Exception {
        String plain = withPullRequest(13, "", "");
        String hostile = withPullRequest(14, "javascript:alert(1)", "data:text/html,<script>alert(1)</script>");

        for (String workflow : new String[] {plain, hostile}) {
            BrowserSession.Page page = browser.get("/workflows/" + workflow);
            assertThat(page.html().select("dl.facts a")).isEmpty();
            assertThat(page.html().select("dl.facts").text()).contains("#7");
            assertThat(page.body()).doesNotContain("javascript:alert", "data:text/html");
        }
        BrowserSession.Page list = browser.get("/?repository=" + repository);
        assertThat(list.html().select("table.workflows a.platform")).isEmpty();
        assertThat(list.html().select("table.workflows td").eachText()).contains("#7");
    }
}
