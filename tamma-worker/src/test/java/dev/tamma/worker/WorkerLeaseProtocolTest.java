package dev.tamma.worker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A worker against a local HTTP server answering as the lease API does: when it acknowledges a
 * lease, and an orchestrator that fails now and then, whose errors are tried again (only a refused
 * token stops the pool).
 */
class WorkerLeaseProtocolTest {

    private static final String LEASE_ID = UUID.randomUUID().toString();

    private final WireMockServer orchestrator = new WireMockServer(wireMockConfig().dynamicPort());
    private Worker worker;

    @BeforeEach
    void start() {
        orchestrator.start();
        // once the lease below is taken there is nothing more to do: a long poll that comes back empty
        orchestrator.stubFor(post(urlEqualTo("/api/v1/leases")).atPriority(10)
                .willReturn(aResponse().withStatus(204).withFixedDelay(200)));
        orchestrator.stubFor(post(urlPathMatching("/api/v1/leases/.*/complete")).atPriority(10)
                .willReturn(okJson("{\"status\":\"recorded\",\"next\":null}")));
        orchestrator.stubFor(post(urlPathMatching("/api/v1/leases/.*/heartbeat")).atPriority(10)
                .willReturn(okJson("{\"expiresAt\":\"" + Instant.now().plusSeconds(60) + "\"}")));
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (worker != null) {
            worker.stop();
        }
        orchestrator.stop();
    }

    private void startWorker(StepHandlers handlers) {
        worker = new Worker(new OrchestratorClient(URI.create(orchestrator.baseUrl()), "tw_test"), handlers, "w1",
                List.of(), Duration.ofSeconds(1));
        worker.start(1);
    }

    private static String lease(Duration expiresIn) {
        return """
                {"leaseId":"%s","workflowId":"wf-1","repository":"acme/shop","step":"PLAN","attempt":1,
                 "payload":{},"expiresAt":"%s","credentials":{}}""".formatted(LEASE_ID, Instant.now().plus(expiresIn));
    }

    /** {@code responses} in turn to the first requests matching {@code request}, then the default stubs. */
    private void inTurn(String name, Supplier<MappingBuilder> request, ResponseDefinitionBuilder... responses) {
        String state = STARTED;
        for (int i = 0; i < responses.length; i++) {
            String nextState = name + "-" + (i + 1);
            orchestrator.stubFor(request.get().inScenario(name).whenScenarioStateIs(state).atPriority(1)
                    .willReturn(responses[i]).willSetStateTo(nextState));
            state = nextState;
        }
    }

    private int requests(String path) {
        return orchestrator.findAll(postRequestedFor(urlEqualTo(path))).size();
    }

    @Test
    void aStepDoneWithinASecondIsAcknowledgedByItsAnswerAlone() {
        inTurn("lease", () -> post(urlEqualTo("/api/v1/leases")), okJson(lease(Duration.ofSeconds(60))));
        startWorker(StepHandlers.none().forEveryStep(task -> StepResult.succeeded("planned")));

        await().atMost(Duration.ofSeconds(10)).until(() -> requests("/api/v1/leases/" + LEASE_ID + "/complete") == 1);
        int leases = requests("/api/v1/leases");
        await().atMost(Duration.ofSeconds(10)).until(() -> requests("/api/v1/leases") > leases); // on to the next
        assertThat(requests("/api/v1/leases/" + LEASE_ID + "/heartbeat")).isZero();
    }

    @Test
    void aStepStillRunningAfterASecondAcknowledgesItsLeaseByHeartbeat() {
        inTurn("lease", () -> post(urlEqualTo("/api/v1/leases")), okJson(lease(Duration.ofSeconds(60))));
        String heartbeats = "/api/v1/leases/" + LEASE_ID + "/heartbeat";
        startWorker(StepHandlers.none().forEveryStep(task -> {
            await().atMost(Duration.ofSeconds(5)).until(() -> requests(heartbeats) >= 1);
            return StepResult.succeeded("planned");
        }));

        await().atMost(Duration.ofSeconds(10)).until(() -> requests("/api/v1/leases/" + LEASE_ID + "/complete") == 1);
    }

    @Test
    void credentialsAHeartbeatBringsReplaceTheStepsAndASetWithoutATokenKeepsThem() {
        // a 3 s lease: a heartbeat a second
        inTurn("lease", () -> post(urlEqualTo("/api/v1/leases")), okJson(lease(Duration.ofSeconds(3))
                .replace("\"credentials\":{}", "\"credentials\":{\"token\":\"ghs_granted\"}")));
        String heartbeats = "/api/v1/leases/" + LEASE_ID + "/heartbeat";
        String expiresAt = "\"expiresAt\":\"" + Instant.now().plusSeconds(60) + "\"";
        inTurn("heartbeat", () -> post(urlEqualTo(heartbeats)),
                okJson("{" + expiresAt + ",\"credentials\":{\"token\":\"ghs_renewed\",\"username\":\"x-access-token\"}}"),
                okJson("{" + expiresAt + ",\"credentials\":{\"token\":\"\"}}"));
        List<Optional<String>> seen = new CopyOnWriteArrayList<>();
        startWorker(StepHandlers.none().forEveryStep(task -> {
            seen.add(task.credentials().token());
            await().atMost(Duration.ofSeconds(5)).until(() -> requests(heartbeats) >= 1
                    && task.credentials().token().equals(Optional.of("ghs_renewed")));
            seen.add(task.credentials().token());
            // one heartbeat at a time: the third is sent only once the second's answer was taken
            await().atMost(Duration.ofSeconds(5)).until(() -> requests(heartbeats) >= 3);
            seen.add(task.credentials().token());
            return StepResult.succeeded("planned");
        }));

        await().atMost(Duration.ofSeconds(15)).until(() -> requests("/api/v1/leases/" + LEASE_ID + "/complete") == 1);
        assertThat(seen).containsExactly(Optional.of("ghs_granted"), Optional.of("ghs_renewed"),
                Optional.of("ghs_renewed"));
    }

    @Test
    void serverErrorsWhileLeasingAndAnsweringAreTriedAgainAndTheStepRunsOnce() {
        inTurn("lease", () -> post(urlEqualTo("/api/v1/leases")), aResponse().withStatus(500).withBody("database down"),
                aResponse().withStatus(503), okJson(lease(Duration.ofSeconds(60))));
        inTurn("complete", () -> post(urlEqualTo("/api/v1/leases/" + LEASE_ID + "/complete")),
                aResponse().withStatus(502));
        AtomicInteger runs = new AtomicInteger();
        startWorker(StepHandlers.none().forEveryStep(task -> {
            runs.incrementAndGet();
            return StepResult.succeeded("planned");
        }));

        await().atMost(Duration.ofSeconds(20)).until(() -> requests("/api/v1/leases/" + LEASE_ID + "/complete") == 2);
        // and it goes on asking for work, without answering or running that step again
        int leases = requests("/api/v1/leases");
        await().atMost(Duration.ofSeconds(10)).until(() -> requests("/api/v1/leases") > leases);
        assertThat(requests("/api/v1/leases/" + LEASE_ID + "/complete")).isEqualTo(2);
        assertThat(runs).hasValue(1);
        assertThat(worker.refused()).isFalse();
    }

    @Test
    void aRefusedTokenStopsThePool() {
        orchestrator.stubFor(post(urlEqualTo("/api/v1/leases")).atPriority(1)
                .willReturn(aResponse().withStatus(401).withBody("{\"error\":\"unknown token\"}")));
        startWorker(StepHandlers.none());

        await().atMost(Duration.ofSeconds(10)).until(worker::refused);
        int leases = requests("/api/v1/leases");
        assertThat(leases).isEqualTo(1);
    }

    @Test
    void aHeartbeatAnsweredWithAnErrorIsFollowedByTheNextOne() {
        inTurn("lease", () -> post(urlEqualTo("/api/v1/leases")), okJson(lease(Duration.ofSeconds(3))));
        inTurn("heartbeat", () -> post(urlEqualTo("/api/v1/leases/" + LEASE_ID + "/heartbeat")),
                aResponse().withStatus(500));
        String heartbeats = "/api/v1/leases/" + LEASE_ID + "/heartbeat";
        startWorker(StepHandlers.none().forEveryStep(task -> {
            // the step outlasts a failed heartbeat: the next must still come, or the lease would lapse
            await().atMost(Duration.ofSeconds(10)).until(() -> requests(heartbeats) >= 2);
            return StepResult.succeeded("planned");
        }));

        await().atMost(Duration.ofSeconds(15)).until(() -> requests("/api/v1/leases/" + LEASE_ID + "/complete") == 1);
    }
}
