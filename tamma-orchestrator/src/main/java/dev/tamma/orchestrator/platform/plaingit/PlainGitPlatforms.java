package dev.tamma.orchestrator.platform.plaingit;

import dev.tamma.core.platform.Permission;
import dev.tamma.core.platform.RepositoryId;
import dev.tamma.core.platform.Workspace.Person;
import dev.tamma.orchestrator.TammaProperties;
import dev.tamma.platforms.plaingit.CheckCommand;
import dev.tamma.platforms.plaingit.PlainGitPlatform;
import dev.tamma.platforms.plaingit.PlainGitRecords;
import dev.tamma.platforms.plaingit.PlainGitSettings;
import dev.tamma.platforms.workspace.GitCredentials;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Plain-Git repositories as Tamma serves them: their records in the database, their mirror and
 * check runs under {@code tamma.home/plain-git/OWNER/NAME}.
 */
@Component
public class PlainGitPlatforms {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Path cache;
    private final Clock clock;

    public PlainGitPlatforms(JdbcClient jdbc, TransactionTemplate transactions, TammaProperties tamma, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.cache = tamma.home().resolve("plain-git");
        this.clock = clock;
    }

    /** The records of one repository, named {@code owner/name}. */
    public PlainGitRecords records(String repository) {
        return new JdbcPlainGitRecords(jdbc, transactions, repository);
    }

    /**
     * @param remote  a path or URL without credentials
     * @param writers who may command Tamma there: there is no platform to ask
     * @param tamma   who Tamma's merge commits are by
     */
    public PlainGitPlatform connect(RepositoryId id, String remote, Optional<GitCredentials> credentials,
            Optional<CheckCommand> check, List<String> writers, Person tamma) {
        PlainGitSettings settings = new PlainGitSettings(id, remote, credentials,
                cache.resolve(id.owner()).resolve(id.name()), check,
                writers.stream().distinct().collect(Collectors.toMap(Function.identity(), w -> Permission.WRITE)), tamma,
                clock);
        return new PlainGitPlatform(settings, records(id.fullName()));
    }
}
