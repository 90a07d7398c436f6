package dev.tamma.platforms.gitea;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static dev.tamma.platforms.contract.World.*;
import static dev.tamma.platforms.testing.Json.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.tamma.core.platform.RepositoryId;
import dev.tamma.core.platform.Secret;
import dev.tamma.platforms.http.Resilience;
import dev.tamma.platforms.http.ResilienceSettings;
import dev.tamma.platforms.testing.ClockScheduler;
import dev.tamma.platforms.testing.MutableClock;
import dev.tamma.platforms.testing.StubServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A pull request a webhook just announced may not be readable yet: the 404 is retried, not believed. */
class GiteaAfterEventTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final ClockScheduler scheduler = new ClockScheduler(clock);
    private StubServer stubs;
    private GiteaPlatform gitea;

    @BeforeEach
    void start() {
        stubs = new StubServer();
        gitea = new GiteaPlatform(GiteaFlavour.FORGEJO, URI.create(stubs.baseUrl() + "/api/v1"), new RepositoryId(OWNER, REPO),
                BOT, Secret.of("tok"), new Resilience(ResilienceSettings.DEFAULTS, clock, scheduler), clock);
        String path = "/api/v1/repos/" + OWNER + "/" + REPO + "/pulls/" + PR;
        stubs.wm().stubFor(get(urlPathEqualTo(path)).inScenario("replica").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("caught up").willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"The target couldn't be found.\"}")));
        stubs.wm().stubFor(get(urlPathEqualTo(path)).inScenario("replica").whenScenarioStateIs("caught up")
                .willReturn(okJson(write(new GiteaJson(stubs.baseUrl()).pr12()))));
    }

    @AfterEach
    void stop() {
        stubs.close();
    }

    @Test
    void aReadRightAfterAnEventRetriesA404() {
        gitea.eventReceived(clock.instant());

        assertThat(gitea.pullRequest(PR).title()).isEqualTo(PR_TITLE);
        assertThat(scheduler.waits()).containsExactly(Duration.ofMillis(500));
    }
}
