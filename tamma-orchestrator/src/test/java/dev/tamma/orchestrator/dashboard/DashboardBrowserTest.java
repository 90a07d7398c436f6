package dev.tamma.orchestrator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard in a real browser (headless Chromium) against the running service, signed in with
 * the admin token as ops-lead. Each stage leaves a screenshot in {@code target/screenshots}.
 */
@TammaSpringTest
@TestPropertySource(properties = {"tamma.api.admin-user=ops-lead", "tamma.triggers.approvers[0]=ops-lead"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one browser for the class: starting it takes a second
class DashboardBrowserTest {

    /** Keeps the page's EventSources where the test can see whether they are connected. */
    private static final String RECORD_EVENT_SOURCES = """
            (function () {
              var Native = window.EventSource;
              window.eventSources = [];
              window.EventSource = function (url, init) {
                var source = new Native(url, init);
                window.eventSources.push(source);
                return source;
              };
            })();""";

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

    private HeadlessChromium chromium;
    private ChromeDriver browser;
    private CheckpointWorkflows workflows;
    private String owner;

    /** Started by the first test, or each test is skipped (an assumption in a BeforeAll would hide them). */
    @BeforeEach
    void startChromium() throws IOException {
        if (chromium == null) {
            chromium = HeadlessChromium.start();
            browser = chromium.driver();
            browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
        }
        workflows = new CheckpointWorkflows(engine, readModel);
        owner = "browser-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterAll
    void stopChromium() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void theAdminSignsInOnTheLoginPageAndTheListShowsWhoWaitsForAPersonFirst() {
        String waiting = workflows.atDesignApproval(owner + "/shop");
        String stuck = workflows.escalated(owner + "/web"); // escalated after the other began to wait
        String running = workflows.start(owner + "/docs", Mode.DEV);
        browser.manage().deleteAllCookies();

        browser.get(url("/"));
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("needs the admin token")
                .doesNotContain(owner);
        browser.findElement(By.linkText("Sign in")).click();
        await().atMost(Duration.ofSeconds(5)).until(() -> browser.getCurrentUrl().equals(url("/login?next=%2F")));
        browser.findElement(By.id("token")).sendKeys("not-the-admin-token");
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        // a form's submission is not always waited for by click(): wait for the answer page
        await().atMost(Duration.ofSeconds(5)).ignoreExceptions() // elements of the page being left go stale
                .until(() -> "That is not the admin token.".equals(text("[role=alert]")));
        browser.findElement(By.id("token")).sendKeys(ApiClient.ADMIN_TOKEN);
        chromium.screenshot("01-login");
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();

        await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
                .until(() -> browser.getCurrentUrl().equals(url("/")) && "Workflows".equals(text("h1")));
        assertThat(browser.manage().getCookieNamed(DashboardSession.COOKIE).isHttpOnly()).isTrue();
        assertThat((String) browser.executeScript("return document.cookie")).as("scripts cannot read the session")
                .doesNotContain(DashboardSession.COOKIE);

        browser.findElement(By.name("repository")).sendKeys(owner + "/*");
        browser.findElement(By.cssSelector("form.filters button")).click();
        await().atMost(Duration.ofSeconds(5)).until(() -> browser.getCurrentUrl().contains("repository="));
        List<String> approvals = texts("table.approvals tbody tr");
        assertThat(approvals).hasSize(2);
        assertThat(approvals.get(0)).startsWith("escalation " + workflows.state(stuck).issue())
                .contains("structural: bad credentials");
        assertThat(approvals.get(1)).startsWith("design approval " + workflows.state(waiting).issue());
        assertThat(each("table.workflows tbody tr a", "e.getAttribute('href')")).containsExactlyInAnyOrder(
                "/workflows/" + waiting, "/workflows/" + stuck, "/workflows/" + running);
        chromium.screenshot("02-list");
    }

    @Test
    void aWorkflowOpensFromTheListWithItsFourteenStepsAndItsTimeline() {
        String workflow = workflows.atDesignApproval(owner + "/shop");
        signIn();
        browser.get(url("/?repository=" + owner + "/*"));

        browser.findElement(By.cssSelector("table.approvals tbody tr a")).click();

        await().atMost(Duration.ofSeconds(5)).until(() -> browser.getCurrentUrl().equals(url("/workflows/" + workflow)));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(owner + "/shop#" + issueNumber(workflow)
                + " waiting for human");
        assertThat(each("ol.steps li", "e.className")).containsExactly("step done", "step done", "step done",
                "step waiting", "step todo", "step todo", "step todo", "step todo", "step todo", "step todo",
                "step todo", "step todo", "step todo", "step todo");
        assertThat(texts("ol.steps li").get(3)).as("the state is spelled out for screen readers too")
                .isEqualTo("4 design approval (waiting)");
        List<String> colours = each("ol.steps li", "getComputedStyle(e).borderTopColor");
        assertThat(List.of(colours.get(0), colours.get(3), colours.get(4))).as("done, waiting and to do look different")
                .doesNotHaveDuplicates();
        List<String> timeline = texts("table.events tbody tr");
        assertThat(timeline).hasSize(events.version(workflow));
        assertThat(timeline.getLast()).contains("workflow.started");
        chromium.screenshot("03-workflow");
    }

    @Test
    void approvingTheDesignMovesTheWorkflowOnAndAPageLeftOpenShowsItWithoutReloading() throws Exception {
        String workflow = workflows.atDesignApproval(owner + "/shop");
        signIn();
        String acting = browser.getWindowHandle();
        String watching = browser.switchTo().newWindow(WindowType.WINDOW).getWindowHandle();
        chromium.beforeEveryPage(RECORD_EVENT_SOURCES);
        browser.get(url("/workflows/" + workflow));
        browser.executeScript("window.loadedOnce = true");
        int rowsBefore = texts("table.events tbody tr").size();
        await().atMost(Duration.ofSeconds(5)).until(() -> (Boolean) browser.executeScript(
                "return window.eventSources.length === 1 && window.eventSources[0].readyState === 1"));

        browser.switchTo().window(acting);
        browser.get(url("/workflows/" + workflow));
        chromium.screenshot("04-before-approval");
        long clicked = System.currentTimeMillis();
        browser.findElement(By.cssSelector("form[action$='/approve'] button")).click();

        browser.switchTo().window(watching);
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> "5 create pr (current)".equals(text("ol.steps li.current")));
        long updated = Long.parseLong(each("main", "e.dataset.updated").getFirst());
        assertThat(updated - clicked).as("milliseconds from the click to the open page's update").isBetween(0L, 2_000L);
        assertThat(texts("table.events tbody tr")).hasSizeGreaterThan(rowsBefore);
        assertThat(browser.executeScript("return window.loadedOnce")).as("the page was not reloaded").isEqualTo(true);
        assertThat(texts("table.events tbody tr")).anySatisfy(row -> assertThat(row)
                .contains("checkpoint.passed design approval, by ops-lead"));
        assertThat(texts("form[action$='/approve']")).as("nothing left to approve").isEmpty();
        chromium.screenshot("06-open-page-updated");
        browser.close();

        browser.switchTo().window(acting);
        assertThat(text("p.ok")).isEqualTo("Done: /tamma approve option 1 as ops-lead");
        assertThat(text("ol.steps li.current")).isEqualTo("5 create pr (current)");
        chromium.screenshot("05-approved");
        JsonNode api = ApiClient.admin(port).get("/api/v1/workflows/" + workflow).json();
        assertThat(api.path("step").asString()).isEqualTo("CREATE_PR");
        assertThat(api.path("waitingFor").isNull()).isTrue();
        assertThat(api.path("change").path("approvedOption").asInt()).isEqualTo(1);
    }

    @Test
    void theKeyboardReachesTheApproveButtonKeepsItsPlaceThroughLiveUpdatesAndEnterApproves() {
        String workflow = workflows.atDesignApproval(owner + "/shop");
        signIn();
        browser.get(url("/workflows/" + workflow));
        browser.switchTo().window(browser.getWindowHandle()); // the window the keys go to has the focus
        Actions keyboard = new Actions(browser);

        keyboard.sendKeys(Keys.TAB).perform();
        if ("BODY".equals(focused("e.tagName"))) {
            keyboard.sendKeys(Keys.TAB).perform(); // the first Tab may only bring the focus into the page
        }
        assertThat(focused("e.innerText")).isEqualTo("Skip to the content");
        assertThat(focused("e.getBoundingClientRect().left >= 0")).as("the skip link shows when it has the focus")
                .isEqualTo("true");
        int presses = 1;
        while (!"Approve the design".equals(focused("e.innerText")) && presses < 30) {
            keyboard.sendKeys(Keys.TAB).perform();
            presses++;
        }
        assertThat(focused("e.innerText")).as("the focus after %d tabs", presses).isEqualTo("Approve the design");
        assertThat(focused("getComputedStyle(e).outlineStyle")).as("the focus is visible").isEqualTo("solid");
        chromium.screenshot("07-keyboard-focus");

        costAnAiCall(workflow);
        await().atMost(Duration.ofSeconds(2)).until(() -> text("table.calls tbody tr") != null);
        assertThat(focused("e.innerText")).as("the focus stays put when the page updates")
                .isEqualTo("Approve the design");

        keyboard.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        assertThat(focused("e.name")).isEqualTo("option");
        keyboard.sendKeys(Keys.BACK_SPACE, "2", Keys.TAB).perform();
        costAnAiCall(workflow);
        await().atMost(Duration.ofSeconds(2)).until(() -> "This workflow changed. Reload the page to see how."
                .equals(text("[data-notice]")));
        assertThat(texts("table.calls tbody tr")).as("a form being filled in is not swapped away").hasSize(1);
        assertThat(each("input[name=option]", "e.value")).containsExactly("2");

        keyboard.sendKeys(Keys.ENTER).perform();

        await().atMost(Duration.ofSeconds(5)).until(() -> text("p.ok") != null);
        assertThat(text("p.ok")).isEqualTo("Done: /tamma approve option 2 as ops-lead");
        assertThat(workflows.state(workflow).change().approvedOption()).isEqualTo(2);
    }

    @Test
    void darkModeFollowsTheSystemAndTextStaysReadableInBothSchemes() throws IOException {
        String workflow = workflows.atDesignApproval(owner + "/shop");
        workflows.escalated(owner + "/web");
        signIn();
        String lowContrast = script("low-contrast.js");
        try {
            for (String scheme : List.of("light", "dark")) {
                chromium.prefer(scheme);
                browser.get(url("/?repository=" + owner + "/*"));
                String background = browser.findElement(By.tagName("body")).getCssValue("background-color");
                assertThat(background).as("the page's background in the %s scheme", scheme)
                        .isEqualTo(scheme.equals("dark") ? "rgba(13, 17, 23, 1)" : "rgba(255, 255, 255, 1)");
                assertThat(browser.executeScript(lowContrast)).as("text below AA contrast, %s list", scheme)
                        .asInstanceOf(InstanceOfAssertFactories.LIST).isEmpty();
                chromium.screenshot("08-list-" + scheme);
                browser.get(url("/workflows/" + workflow));
                assertThat(browser.executeScript(lowContrast)).as("text below AA contrast, %s workflow", scheme)
                        .asInstanceOf(InstanceOfAssertFactories.LIST).isEmpty();
                chromium.screenshot("09-workflow-" + scheme);
            }
        } finally {
            chromium.prefer("light");
        }
    }

    private void costAnAiCall(String workflow) {
        aiCalls.record(new AiCallRecorded(new CallContext(workflow, owner + "/shop", 1, Step.PLAN, 1), "anthropic",
                "claude-sonnet-4-5", new TokenUsage(4200, 800, 0), new BigDecimal("0.0246"), true,
                Duration.ofMillis(2100), AiCallRecorded.Outcome.SUCCESS, Instant.now()));
    }

    private void signIn() {
        browser.get(url("/login"));
        browser.findElement(By.id("token")).sendKeys(ApiClient.ADMIN_TOKEN, Keys.ENTER);
        await().atMost(Duration.ofSeconds(5)).until(() -> browser.getCurrentUrl().equals(url("/")));
    }

    /**
     * {@code expression} of each element {@code css} selects (as {@code e}), read in one step in the
     * page: a live update may swap the page's content between two WebDriver calls.
     */
    @SuppressWarnings("unchecked")
    private List<String> each(String css, String expression) {
        return (List<String>) browser.executeScript("return Array.from(document.querySelectorAll(arguments[0]))"
                + ".map(e => String(" + expression + "))", css);
    }

    /** The text shown by each element {@code css} selects, spaces collapsed. */
    private List<String> texts(String css) {
        return each(css, "e.innerText.replace(/\\s+/g, ' ').trim()");
    }

    /** {@code expression} of the element that has the keyboard focus (as {@code e}). */
    private String focused(String expression) {
        return (String) browser.executeScript("var e = document.activeElement; return String(" + expression + ")");
    }

    /** The text shown by the first element {@code css} selects; null if there is none. */
    private String text(String css) {
        return texts(css).stream().findFirst().orElse(null);
    }

    private String issueNumber(String workflow) {
        String issue = workflows.state(workflow).issue();
        return issue.substring(issue.indexOf('#') + 1);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static String script(String name) throws IOException {
        try (InputStream in = DashboardBrowserTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
