package dev.tamma.orchestrator.workflow;

import dev.tamma.core.platform.GitPlatform;
import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.WorkflowConfig;
import dev.tamma.orchestrator.platform.RepositoryPlatforms;
import dev.tamma.worker.config.RepositoryConfig;
import dev.tamma.worker.config.RepositoryConfigException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts the workflow of an issue: one per repository at a time, with the settings of the
 * repository's {@code .tamma.yml} on its default branch (the server's mode where it has none). A
 * broken file is answered on the issue with every problem and its line, and nothing starts.
 */
@Component
public class WorkflowStarter {

    private static final Logger log = LoggerFactory.getLogger(WorkflowStarter.class);

    /** How a request to start ended. */
    public sealed interface Outcome {
        record Started(String workflowId) implements Outcome {
        }

        record Busy(String otherIssue) implements Outcome {
        }

        record BadConfiguration(String problems) implements Outcome {
        }
    }

    private final WorkflowEngine engine;
    private final RepositoryPlatforms platforms;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public WorkflowStarter(WorkflowEngine engine, RepositoryPlatforms platforms, JdbcClient jdbc,
            TransactionTemplate transactions) {
        this.engine = engine;
        this.platforms = platforms;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** The issue of the running workflow of {@code repository}, if it has one. */
    public Optional<String> busyWith(String repository) {
        return jdbc.sql("SELECT issue FROM workflow WHERE split_part(issue, '#', 1) = ? "
                + "AND status NOT IN ('DONE', 'CANCELLED') LIMIT 1").param(repository).query(String.class).optional();
    }

    /** Starts issue {@code number} of {@code repository}; {@code serverMode} applies where no file says otherwise. */
    public Outcome start(String repository, long number, Mode serverMode) {
        // the check and the start under one per-repository lock, so two replicas cannot both start one
        return transactions.execute(tx -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('tamma-repository:' || ?))").param(repository)
                    .query((rs, n) -> 1).list();
            return startLocked(repository, number, serverMode);
        });
    }

    private Outcome startLocked(String repository, long number, Mode serverMode) {
        String issue = repository + "#" + number;
        Optional<String> busy = busyWith(repository);
        if (busy.isPresent()) {
            log.info("Not starting {} yet: {} is still being worked on (one workflow per repository)", issue, busy.get());
            return new Outcome.Busy(busy.get());
        }
        WorkflowConfig config;
        try {
            config = settings(repository, serverMode);
        } catch (RepositoryConfigException e) {
            platforms.forRepository(repository).ifPresent(c -> c.platform().upsertComment(number, RepositoryConfigException.MARKER,
                    e.toMarkdown()));
            log.info("Not starting {}: {}", issue, e.getMessage());
            return new Outcome.BadConfiguration(e.getMessage());
        }
        String id = "workflow-" + UUID.randomUUID();
        engine.start(id, issue, config);
        log.info("Started workflow {} for {} in {} mode", id, issue, config.mode());
        return new Outcome.Started(id);
    }

    private WorkflowConfig settings(String repository, Mode serverMode) {
        Optional<GitPlatform> platform = platforms.forRepository(repository).map(RepositoryPlatforms.Connected::platform);
        if (platform.isEmpty()) {
            return WorkflowConfig.defaults(serverMode);
        }
        String branch = platform.get().repository().defaultBranch();
        Optional<byte[]> file = platform.get().file(RepositoryConfig.FILE_NAME, branch);
        if (file.isEmpty()) {
            return WorkflowConfig.defaults(serverMode);
        }
        return RepositoryConfig.parse(new String(file.get(), StandardCharsets.UTF_8), RepositoryConfig.FILE_NAME)
                .workflowConfig();
    }
}
