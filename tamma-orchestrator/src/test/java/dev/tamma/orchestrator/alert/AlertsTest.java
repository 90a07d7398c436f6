package dev.tamma.orchestrator.alert;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.tamma.core.ai.AiCallRecorded;
import dev.tamma.core.ai.Budget;
import dev.tamma.core.ai.BudgetExceededException;
import dev.tamma.core.ai.CallContext;
import dev.tamma.core.ai.ChatMessage;
import dev.tamma.core.ai.ChatRequest;
import dev.tamma.core.ai.TokenUsage;
import dev.tamma.core.workflow.FailureCause;
import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.WorkflowConfig;
import dev.tamma.core.workflow.WorkflowInput;
import dev.tamma.core.workflow.WorkflowState;
import dev.tamma.core.workflow.WorkflowStatus;
import dev.tamma.orchestrator.ai.AiCallLog;
import dev.tamma.orchestrator.lease.TaskQueue;
import dev.tamma.orchestrator.testdb.ApiClient;
import dev.tamma.orchestrator.testdb.TestDatabase;
import dev.tamma.orchestrator.workflow.WorkflowEngine;
import dev.tamma.orchestrator.workflow.WorkflowReadModel;
import dev.tamma.providers.cost.MeteredProvider;
import dev.tamma.providers.cost.PriceTable;
import dev.tamma.providers.cost.SpendLedger;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import net.javacrumbs.shedlock.core.LockProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Alerts against receivers on this machine: a Slack-compatible webhook (WireMock) and an SMTP
 * server (GreenMail), on a database of their own so the queue is this test's alone. What the
 * receivers got is saved under {@code target/alerts}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tamma.api.admin-token=" + ApiClient.ADMIN_TOKEN,
        "tamma.alerts.dashboard-url=https://tamma.example.com/",
        "tamma.alerts.email.enabled=true",
        "tamma.alerts.email.from=tamma@example.com",
        "tamma.alerts.email.to=ops@example.com,oncall@example.com",
        "tamma.alerts.dispatch-interval=200ms",
        "tamma.alerts.retry.attempts=2",
        "tamma.alerts.retry.interval=100ms",
        "tamma.alerts.retry.max-interval=400ms",
        "tamma.alerts.stuck-queue.after=1s",
        "tamma.alerts.stuck-queue.check-every=1h"}) // the test looks itself
class AlertsTest {

    static final AlertReceivers RECEIVERS = new AlertReceivers();
    private static final Duration DELIVERY = Duration.ofSeconds(20);
    private static final String LEAKED_TOKEN = "ghp_" + "a1B2c3D4e5F6g7H8i9J0kLmNoPqRsTuV";

    @DynamicPropertySource
    static void receivers(DynamicPropertyRegistry registry) {
        TestDatabase db = TestDatabase.get();
        String url = db.createDatabase("alerts_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT));
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
        registry.add("tamma.alerts.slack.webhook-url", RECEIVERS::webhookUrl);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", RECEIVERS::smtpPort);
    }

    @AfterAll
    static void stopReceivers() {
        RECEIVERS.close();
    }

    @Autowired
    WorkflowEngine engine;

    @Autowired
    WorkflowReadModel readModel;

    @Autowired
    AiCallLog aiCalls;

    @Autowired
    TaskQueue tasks;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AlertStore store;

    @Autowired
    AlertChannels channels;

    @Autowired
    AlertProperties properties;

    @Autowired
    AlertDispatcher dispatcher;

    @Autowired
    StuckQueueWatch stuckQueue;

    @Autowired
    LockProvider lockProvider;

    @Autowired
    MeterRegistry registry;

    /** A workflow on its own issue of {@code acme/alerting}. */
    private final class Run {
        final String id = "workflow-" + UUID.randomUUID();
        final String issue = "acme/alerting#" + ThreadLocalRandom.current().nextInt(1000, 1_000_000);
        Instant now = Instant.now();

        Run() {
            engine.start(id, issue, WorkflowConfig.defaults(Mode.DEV));
        }

        WorkflowState state() {
            return readModel.load(id).orElseThrow().state();
        }

        /** The running step fails {@code times} times, each after its backoff. */
        void failRunningStep(int times, String message, String output) {
            for (int failure = 1; failure <= times; failure++) {
                now = now.plus(Duration.ofMinutes(1));
                WorkflowState s = state();
                engine.handle(id, new WorkflowInput.StepFailed(now, s.step(), s.attempt(), FailureCause.TRANSIENT,
                        message, output));
                if (state().status() == WorkflowStatus.RUNNING && state().deadline() != null) {
                    now = state().deadline().at().isAfter(now) ? state().deadline().at() : now;
                    engine.handle(id, new WorkflowInput.TimerFired(now, state().deadline().id()));
                }
            }
        }
    }

    @Test
    void anEscalationIsPostedAndMailedOnceWithRepositoryIssueStepCauseAndLink() {
        Run run = new Run();
        run.failRunningStep(3, "the check command exited with 1",
                "GreeterTest > strangers FAILED\nexpected 'Hello, stranger!' but was 'Hello, null!'\n"
                        + "GIT_TOKEN=" + LEAKED_TOKEN + "\n");
        assertThat(run.state().status()).isEqualTo(WorkflowStatus.ESCALATED);

        await().atMost(DELIVERY).until(() -> RECEIVERS.slackTexts(run.issue).size() == 1
                && RECEIVERS.mails(run.issue).size() == 1);

        String text = RECEIVERS.slackTexts(run.issue).getFirst();
        assertThat(text).startsWith("*" + run.issue + " escalated at issue-assigned (transient)*")
                .contains("Repository: acme/alerting", "Issue: " + run.issue,
                        "Step: issue-assigned, attempt 3 (3 of 3 attempts failed)",
                        "Cause: transient: the check command exited with 1",
                        "expected 'Hello, stranger!' but was 'Hello, null!'", "/tamma retry",
                        "<https://tamma.example.com/workflows/" + run.id + "|Open in the Tamma dashboard>");
        MimeMessage mail = RECEIVERS.mails(run.issue).getFirst();
        assertThat(AlertReceivers.subject(mail)).isEqualTo("[Tamma] " + run.issue + " escalated at issue-assigned (transient)");
        assertThat(AlertReceivers.body(mail)).contains("Step: issue-assigned, attempt 3",
                "Cause: transient: the check command exited with 1",
                "Dashboard: https://tamma.example.com/workflows/" + run.id);
        assertThat(AlertReceivers.asText(mail)).contains("tamma@example.com", "ops@example.com", "oncall@example.com");
        for (String captured : List.of(RECEIVERS.slackBodies(run.issue).getFirst(), AlertReceivers.asText(mail))) {
            assertThat(captured).as("no secret reaches a receiver")
                    .doesNotContain(LEAKED_TOKEN, "hook-secret-5e1f9a").contains("ghp_[REDACTED]");
        }
        AlertReceivers.save("escalation-slack.json", RECEIVERS.slackBodies(run.issue).getFirst());
        AlertReceivers.save("escalation-email.txt", AlertReceivers.asText(mail));

        await().atMost(DELIVERY).until(() -> deliveries(run.id, "delivered_at IS NOT NULL") == 2);
        assertThat(dispatcher.deliverDue()).as("nothing is left to deliver").isZero();
        assertThat(RECEIVERS.slackTexts(run.issue)).hasSize(1);
        assertThat(RECEIVERS.mails(run.issue)).hasSize(1);
    }

    @Test
    void aCallRefusedForASpentBudgetIsAlertedOnceForItsStepAttempt() {
        Run run = new Run();
        SpendLedger ledger = new SpendLedger();
        CallContext context = new CallContext(run.id, "acme/alerting", issueNumber(run.issue), Step.IMPLEMENT, 2);
        // what earlier calls cost, as the log and the ledger know it
        aiCalls.record(new AiCallRecorded(context, "anthropic", "claude-sonnet-4-5", new TokenUsage(1000, 100, 0),
                new BigDecimal("0.0300"), true, Duration.ofSeconds(2), AiCallRecorded.Outcome.SUCCESS, Instant.now()));
        ledger.add(run.id, Step.IMPLEMENT, new BigDecimal("0.0300"));
        MeteredProvider metered = new MeteredProvider(new dev.tamma.core.ai.AiProvider() {
            @Override
            public String id() {
                return "anthropic";
            }

            @Override
            public dev.tamma.core.ai.ChatResult chat(ChatRequest request) {
                throw new AssertionError("a call over budget must not reach the vendor");
            }
        }, "anthropic", PriceTable.defaults(), workflow -> new Budget(new BigDecimal("0.02"), Map.of()), ledger,
                aiCalls, Clock.systemUTC());
        ChatRequest request = ChatRequest.of(context, List.of(ChatMessage.user("write the code")))
                .withModel("claude-sonnet-4-5");

        for (int call = 1; call <= 2; call++) {
            assertThatThrownBy(() -> metered.chat(request)).isInstanceOf(BudgetExceededException.class);
        }

        await().atMost(DELIVERY).until(() -> RECEIVERS.slackTexts(run.issue).size() == 1
                && RECEIVERS.mails(run.issue).size() == 1);
        assertThat(RECEIVERS.slackTexts(run.issue).getFirst())
                .startsWith("*AI budget spent for " + run.issue + " at implement*")
                .contains("Repository: acme/alerting", "Issue: " + run.issue, "Step: implement, attempt 2",
                        "Refused: a call to anthropic claude-sonnet-4-5",
                        "Spent by this workflow on AI calls so far: $0.0300",
                        "https://tamma.example.com/workflows/" + run.id);
        MimeMessage mail = RECEIVERS.mails(run.issue).getFirst();
        assertThat(AlertReceivers.subject(mail)).isEqualTo("[Tamma] AI budget spent for " + run.issue + " at implement");
        AlertReceivers.save("budget-slack.json", RECEIVERS.slackBodies(run.issue).getFirst());
        AlertReceivers.save("budget-email.txt", AlertReceivers.asText(mail));
        assertThat(jdbc.sql("SELECT count(*) FROM alert WHERE kind = 'BUDGET_EXHAUSTED' AND workflow_id = ?")
                .param(run.id).query(Integer.class).single()).as("two refused calls, one alert").isOne();
    }

    @Test
    void aStuckQueueIsAlertedOncePerEpisode() {
        // the queue is this test's: what earlier tests left waiting is taken away
        jdbc.sql("UPDATE task SET status = 'SUCCEEDED' WHERE status = 'QUEUED'").update();
        assertThat(stuckQueue.check()).isFalse();
        Run first = new Run(); // its first step is queued, and no worker runs here

        await().atMost(DELIVERY).until(stuckQueue::check);
        assertThat(stuckQueue.check()).as("the same episode is alerted once").isFalse();
        await().atMost(DELIVERY).until(() -> RECEIVERS.slackTexts("for a worker").stream()
                .anyMatch(t -> t.contains(first.issue)));
        String text = RECEIVERS.slackTexts(first.issue).getFirst();
        assertThat(text).startsWith("*1 task has waited more than 1 s for a worker*")
                .contains("Oldest: issue-assigned attempt 1 of " + first.issue, "Repositories: acme/alerting",
                        "./tamma worker-token list", "<https://tamma.example.com/|Open in the Tamma dashboard>");
        AlertReceivers.save("stuck-queue-slack.json", RECEIVERS.slackBodies(first.issue).getFirst());
        await().atMost(DELIVERY).until(() -> RECEIVERS.mails("for a worker").size() == 1);
        AlertReceivers.save("stuck-queue-email.txt", AlertReceivers.asText(RECEIVERS.mails("for a worker").getFirst()));

        // a worker takes the task: the episode ends
        var lease = tasks.claim("pool-a-1", List.of(), List.of(), first.id, Duration.ofMinutes(1)).orElseThrow();
        assertThat(stuckQueue.check()).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM alert WHERE kind = 'STUCK_QUEUE' AND cleared_at IS NULL")
                .query(Integer.class).single()).isZero();
        // handed back, the task has waited only from then on
        OffsetDateTime leasedAt = jdbc.sql("SELECT leased_at FROM task WHERE id = ?").param(lease.id())
                .query(OffsetDateTime.class).single();
        tasks.release(lease.leaseId());
        assertThat(jdbc.sql("SELECT queued_at FROM task WHERE id = ?").param(lease.id())
                .query(OffsetDateTime.class).single()).isAfterOrEqualTo(leasedAt);

        await().atMost(DELIVERY).until(stuckQueue::check);
        await().atMost(DELIVERY).until(() -> RECEIVERS.slackTexts("for a worker").size() == 2);
        assertThat(RECEIVERS.slackTexts("for a worker")).allMatch(t -> t.contains(first.issue));
    }

    @Test
    void anAlertRaisedTwiceAndDispatchedByTwoReplicasArrivesOnce() throws Exception {
        String marker = "twice-" + UUID.randomUUID();
        Alert alert = new Alert(Alert.Kind.ESCALATION, marker, null, "Replicas " + marker, "raised twice", null);

        assertThat(store.raise(alert)).isTrue();
        assertThat(store.raise(alert)).as("the same kind and key").isFalse();
        AlertDispatcher other = new AlertDispatcher(store, channels, properties, lockProvider, registry,
                Clock.systemUTC());
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService replicas = Executors.newFixedThreadPool(2)) {
            for (AlertDispatcher replica : List.of(dispatcher, other)) {
                replicas.submit(() -> {
                    go.await();
                    replica.job().runOnce();
                    return null;
                });
            }
            go.countDown();
        }

        await().atMost(DELIVERY).until(() -> RECEIVERS.mails(marker).size() == 1
                && RECEIVERS.slackTexts(marker).size() == 1);
        other.job().runOnce();
        assertThat(RECEIVERS.slackTexts(marker)).hasSize(1);
        assertThat(RECEIVERS.mails(marker)).hasSize(1);
    }

    @Test
    void aReceiverThatIsDownIsTriedAgainUntilItTakesTheAlert() {
        String marker = "down-" + UUID.randomUUID();
        RECEIVERS.slack.stubFor(post(urlEqualTo(AlertReceivers.HOOK_PATH)).withRequestBody(containing(marker))
                .inScenario(marker).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("down 2")
                .willReturn(aResponse().withStatus(503).withBody("service unavailable")));
        RECEIVERS.slack.stubFor(post(urlEqualTo(AlertReceivers.HOOK_PATH)).withRequestBody(containing(marker))
                .inScenario(marker).whenScenarioStateIs("down 2").willSetStateTo("down 3")
                .willReturn(aResponse().withStatus(503).withBody("service unavailable")));
        RECEIVERS.slack.stubFor(post(urlEqualTo(AlertReceivers.HOOK_PATH)).withRequestBody(containing(marker))
                .inScenario(marker).whenScenarioStateIs("down 3").willSetStateTo("up")
                .willReturn(aResponse().withStatus(500).withBody("internal error")));
        RECEIVERS.slack.stubFor(post(urlEqualTo(AlertReceivers.HOOK_PATH)).withRequestBody(containing(marker))
                .inScenario(marker).whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withBody("ok")));
        RECEIVERS.smtp.stop();
        try {
            store.raise(new Alert(Alert.Kind.ESCALATION, marker, marker, "Receivers down " + marker, "retried", null));

            await().atMost(DELIVERY).until(() -> failedEmailDeliveries(marker) > 0);
            assertThat(lastError(marker, "email")).contains("mail server did not take the alert");
        } finally {
            RECEIVERS.smtp.start();
        }

        await().atMost(DELIVERY).until(() -> deliveries(marker, "delivered_at IS NOT NULL") == 2);
        assertThat(RECEIVERS.slackBodies(marker)).as("two rounds of two tries, the last taken").hasSize(4);
        assertThat(jdbc.sql("SELECT attempts FROM alert_delivery d JOIN alert a ON a.id = d.alert_id "
                + "WHERE a.key = ? AND d.channel = 'slack'").param(marker).query(Integer.class).single()).isEqualTo(4);
        assertThat(RECEIVERS.mails(marker)).hasSize(1);
    }

    @Test
    void aDeliveryFailingPastTheGiveUpTimeIsAbandonedWithItsReason() {
        String marker = "gone-" + UUID.randomUUID();
        RECEIVERS.slack.stubFor(post(urlEqualTo(AlertReceivers.HOOK_PATH)).withRequestBody(containing(marker))
                .willReturn(aResponse().withStatus(404).withBody("no_service")));
        store.raise(new Alert(Alert.Kind.ESCALATION, marker, marker, "Gone " + marker, "never taken", null));
        jdbc.sql("UPDATE alert SET raised_at = now() - interval '25 hours' WHERE key = ?").param(marker).update();

        await().atMost(DELIVERY).until(() -> deliveries(marker, "abandoned_at IS NOT NULL") == 1);
        assertThat(lastError(marker, "slack")).isEqualTo("the Slack webhook answered 404: no_service")
                .doesNotContain("hook-secret");
        await().atMost(DELIVERY).until(() -> RECEIVERS.mails(marker).size() == 1);
    }

    private int deliveries(String workflowOrKey, String condition) {
        return jdbc.sql("SELECT count(*) FROM alert_delivery d JOIN alert a ON a.id = d.alert_id "
                        + "WHERE (a.workflow_id = ? OR a.key = ?) AND " + condition)
                .params(workflowOrKey, workflowOrKey).query(Integer.class).single();
    }

    private int failedEmailDeliveries(String key) {
        return jdbc.sql("SELECT count(*) FROM alert_delivery d JOIN alert a ON a.id = d.alert_id "
                + "WHERE a.key = ? AND d.channel = 'email' AND d.last_error IS NOT NULL AND d.delivered_at IS NULL")
                .param(key).query(Integer.class).single();
    }

    private String lastError(String key, String channel) {
        return jdbc.sql("SELECT d.last_error FROM alert_delivery d JOIN alert a ON a.id = d.alert_id "
                + "WHERE a.key = ? AND d.channel = ?").params(key, channel).query(String.class).single();
    }

    private static int issueNumber(String issue) {
        return Integer.parseInt(issue.substring(issue.indexOf('#') + 1));
    }
}
