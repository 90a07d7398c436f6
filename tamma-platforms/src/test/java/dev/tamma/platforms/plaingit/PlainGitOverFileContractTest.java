package dev.tamma.platforms.plaingit;

import dev.tamma.core.platform.GitPlatform;
import dev.tamma.platforms.contract.GitPlatformContract;
import dev.tamma.platforms.contract.Scenario;
import dev.tamma.platforms.testing.GitRepos;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The contract against a real bare repository reached over file://. */
class PlainGitOverFileContractTest extends GitPlatformContract {

    @TempDir
    Path tmp;
    private PlainGitPlatform platform;

    @BeforeEach
    void world() throws Exception {
        Path bare = PlainGitWorld.repository(tmp.resolve("remotes"));
        platform = new PlainGitPlatform(PlainGitWorld.settings(GitRepos.fileUrl(bare), Optional.empty(),
                tmp.resolve("cache")), PlainGitWorld.records());
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
}
