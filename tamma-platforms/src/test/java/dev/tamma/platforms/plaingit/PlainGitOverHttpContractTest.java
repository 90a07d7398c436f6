package dev.tamma.platforms.plaingit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tamma.core.platform.CiState;
import dev.tamma.core.platform.GitPlatform;
import dev.tamma.core.platform.PlatformException;
import dev.tamma.core.platform.Secret;
import dev.tamma.platforms.contract.GitPlatformContract;
import dev.tamma.platforms.contract.Scenario;
import dev.tamma.platforms.contract.World;
import dev.tamma.platforms.testing.GitHttpServer;
import dev.tamma.platforms.testing.Grep;
import dev.tamma.platforms.workspace.GitCredentials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract against a real bare repository served by {@code git http-backend} behind a token. */
class PlainGitOverHttpContractTest extends GitPlatformContract {

    private static final String TOKEN = "plain_http_token_91c";

    @TempDir
    Path tmp;
    private GitHttpServer server;
    private PlainGitPlatform platform;

    @BeforeEach
    void world() throws Exception {
        PlainGitWorld.repository(tmp.resolve("remotes"));
        server = new GitHttpServer(tmp.resolve("remotes"), "tamma", TOKEN);
        platform = new PlainGitPlatform(PlainGitWorld.settings(server.url(World.REPO + ".git"),
                Optional.of(new GitCredentials("tamma", Secret.of(TOKEN))), tmp.resolve("cache")),
                PlainGitWorld.records());
    }

    @Override
    protected void tearDown() {
        server.close();
    }

    @Override
    protected GitPlatform platform() {
        return platform;
    }

    @Override
    protected void given(Scenario scenario) {
        // one real world holds every scenario
    }

    @Override
    protected boolean statefulWorld() {
        return true;
    }

    @Test
    void theTokenStaysOutOfTheMirror() throws Exception {
        platform.merge(World.PR, dev.tamma.core.platform.MergeMethod.SQUASH);
        assertThat(Grep.filesContaining(tmp.resolve("cache"), TOKEN)).isEmpty();
    }

    @Test
    void aWrongTokenIsUnauthorized() {
        var wrong = new PlainGitPlatform(PlainGitWorld.settings(server.url(World.REPO + ".git"),
                Optional.of(new GitCredentials("tamma", Secret.of("nope_wrong"))), tmp.resolve("other-cache")),
                PlainGitWorld.records());
        assertThatThrownBy(wrong::repository).isInstanceOfSatisfying(PlatformException.class,
                e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.UNAUTHORIZED));
    }

    @Test
    void theCheckPassesOnTheDefaultBranch() throws Exception {
        try (var git = org.eclipse.jgit.api.Git.open(tmp.resolve("remotes/" + World.REPO + ".git").toFile())) {
            String sha = git.getRepository().resolve("refs/heads/main").name();
            assertThat(await().atMost(Duration.ofMinutes(1)).until(() -> platform.ciStatus(sha).state(),
                    state -> state != CiState.PENDING)).isEqualTo(CiState.SUCCESS);
        }
    }
}
