package dev.tamma.worker.step;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tamma.core.platform.GitPlatform;
import dev.tamma.core.workflow.Step;
import dev.tamma.platforms.PlatformAddress;
import dev.tamma.platforms.PlatformConnections;
import dev.tamma.worker.StepTask;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A worker on its own reaches each task's repository as the lease says, or says why it cannot. */
class LeasePlatformsTest {

    private static final Map<String, String> CREDENTIALS = Map.of("username", "tamma-bot", "token", "gitea-token-1");

    private final LeasePlatforms platforms = new LeasePlatforms(new PlatformConnections(Clock.systemUTC()));

    private static StepTask task(Map<String, String> credentials, PlatformAddress platform) {
        return new StepTask(UUID.randomUUID(), "workflow-1", "forge/shop", Step.CREATE_PR, 1, "{}",
                Instant.now().plusSeconds(60), credentials, StepTask.AiSpend.NONE, Optional.ofNullable(platform));
    }

    @Test
    void theLeasesAddressAndTokenMakeTheConnection() {
        PlatformAddress gitea = new PlatformAddress("gitea", URI.create("https://git.example/api/v1"), "forge/shop",
                "tamma-bot", null);

        assertThat(platforms.forTask(task(CREDENTIALS, gitea)).platformName()).isEqualTo("gitea");
    }

    @Test
    void aPlainGitRepositoryIsForInProcessWorkers() {
        PlatformAddress plainGit = new PlatformAddress("plain-git", null, "forge/shop", null, null);

        assertThatThrownBy(() -> platforms.forTask(task(Map.of(), plainGit)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("forge/shop is a plain-Git repository: its issues and pull requests live in"
                        + " the orchestrator's database")
                .hasMessageContaining("Run plain-Git repositories with in-process workers (tamma.workers.in-process)");
    }

    @Test
    void aLeaseWithoutPlatformOrTokenIsAnsweredWithTheSettingToFix() {
        assertThatThrownBy(() -> platforms.forTask(task(CREDENTIALS, null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the lease for forge/shop names no platform")
                .hasMessageContaining("tamma.platforms.repositories");
        PlatformAddress github = new PlatformAddress("github", null, "forge/shop", null, null);
        assertThatThrownBy(() -> platforms.forTask(task(Map.of(), github)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the lease for forge/shop carries no token for its github platform");
    }

    @Test
    void aGitHubStepSignsEachCallWithTheTokenItsLatestHeartbeatBrought() {
        WireMockServer github = new WireMockServer(wireMockConfig().dynamicPort());
        github.start();
        try {
            github.stubFor(get(urlEqualTo("/repos/forge/shop")).willReturn(okJson("""
                    {"id": 7, "name": "shop", "full_name": "forge/shop", "owner": {"login": "forge"},
                     "default_branch": "main", "html_url": "https://github.example/forge/shop"}""")));
            github.stubFor(get(urlEqualTo("/repos/forge/shop/issues/3")).willReturn(okJson("""
                    {"id": 103, "number": 3, "title": "Fix the login", "body": "", "state": "open", "labels": [],
                     "assignees": [], "user": {"login": "carol"}, "html_url": "https://github.example/forge/shop/issues/3"}""")));
            StepTask task = task(Map.of("token", "ghs_granted_3a"), new PlatformAddress("github",
                    URI.create(github.baseUrl()), "forge/shop", null, null));
            GitPlatform platform = platforms.forTask(task);

            platform.issue(3);
            task.credentials().renew(Map.of("username", "x-access-token", "token", "ghs_renewed_4b"));
            platform.issue(3);

            github.verify(1, getRequestedFor(urlEqualTo("/repos/forge/shop/issues/3"))
                    .withHeader("Authorization", equalTo("token ghs_granted_3a")));
            github.verify(1, getRequestedFor(urlEqualTo("/repos/forge/shop/issues/3"))
                    .withHeader("Authorization", equalTo("token ghs_renewed_4b")));
        } finally {
            github.stop();
        }
    }
}
