package dev.tamma.orchestrator.platform.plaingit;

import dev.tamma.core.platform.GitPlatform;
import dev.tamma.orchestrator.testdb.TammaSpringTest;
import dev.tamma.platforms.contract.GitPlatformContract;
import dev.tamma.platforms.contract.Scenario;
import dev.tamma.platforms.plaingit.PlainGitPlatform;
import dev.tamma.platforms.plaingit.PlainGitWorld;
import dev.tamma.platforms.testing.GitRepos;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The platform contract against a real bare repository, with Plain Git's records in the service's database. */
@TammaSpringTest
class PlainGitOnTheDatabaseContractTest extends GitPlatformContract {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @TempDir
    Path tmp;
    private PlainGitPlatform platform;

    @BeforeEach
    void world() throws Exception {
        Path bare = PlainGitWorld.repository(tmp.resolve("remotes"));
        // the database outlives each test, so each test has a repository of its own
        var records = PlainGitWorld.seed(new JdbcPlainGitRecords(jdbc, transactions, "contract/" + UUID.randomUUID()));
        platform = new PlainGitPlatform(PlainGitWorld.settings(GitRepos.fileUrl(bare), Optional.empty(),
                tmp.resolve("cache")), records);
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
