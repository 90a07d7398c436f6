package dev.tamma.worker.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
