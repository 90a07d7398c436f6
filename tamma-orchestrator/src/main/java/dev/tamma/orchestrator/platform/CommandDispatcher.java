package dev.tamma.orchestrator.platform;

import dev.tamma.core.platform.Capability;
import dev.tamma.core.platform.CommentMarker;
import dev.tamma.core.platform.GitPlatform;
import dev.tamma.core.platform.PlatformException;
import dev.tamma.core.platform.Reaction;
import dev.tamma.core.workflow.FailureCause;
import dev.tamma.orchestrator.instance.ReplicaJob;
import dev.tamma.orchestrator.webhook.IssueStarter;
import dev.tamma.orchestrator.webhook.RepositorySettings;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import net.javacrumbs.shedlock.core.LockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carries out the workflow commands waiting in the outbox on the repository's platform: comments
 * (updated in place through a hidden marker, so a rerun never duplicates one), replies to
 * commands, labels, reactions, and auto-next (the repository's next issue once one merged). In
 * order per workflow, one command per transaction, on one replica at a time; commands of
 * repositories without a configured platform wait. A command that fails is tried again after a
 * growing pause (up to five minutes), and the workflow's later commands wait for it; other
 * workflows' commands go on meanwhile. One the platform refuses for good (404, 403, 422) is
 * given up at once.
 */
@Component
public class CommandDispatcher implements ReplicaJob.Owner {

    private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);
    static final String LOCK = "command-dispatch";
    /** Not a workflow command: the inbox consumer's acknowledgement of a person's {@code /tamma} comment. */
    public static final String REACT_TO_COMMENT = "ReactToComment";
    static final int MAX_ATTEMPTS = 10;
    private static final Duration LONGEST_PAUSE = Duration.ofMinutes(5);
    private static final Duration EVERY = Duration.ofSeconds(1);

    private record Pending(long id, String type, JsonNode payload, String repository, long issue) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final RepositoryPlatforms platforms;
    private final IssueStarter starter;
    private final RepositorySettings settings;
    private final ReplicaJob job;
    private final JsonMapper json = JsonMapper.builder().build();

    public CommandDispatcher(JdbcClient jdbc, TransactionTemplate transactions, RepositoryPlatforms platforms,
            IssueStarter starter, RepositorySettings settings, LockProvider lockProvider, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.platforms = platforms;
        this.starter = starter;
        this.settings = settings;
        this.job = new ReplicaJob(LOCK, "Dispatching workflow commands", EVERY, EVERY.multipliedBy(60), lockProvider,
                clock, this::dispatchPending);
    }

    /** Carries out every command that can be; returns how many were. */
    public int dispatchPending() {
        if (platforms.repositories().isEmpty()) {
            return 0;
        }
        int done = 0;
        // A stopping service leaves the rest to the next start (or replica), so it lets go of the lock soon.
        while (!job.stopping()) {
            long[] current = {-1};
            try {
                Boolean found = transactions.execute(tx -> next().map(command -> {
                    current[0] = command.id();
                    carryOut(command);
                    jdbc.sql("UPDATE workflow_command SET dispatched_at = now() WHERE id = ?").param(command.id()).update();
                    return true;
                }).orElse(false));
                if (!Boolean.TRUE.equals(found)) {
                    return done;
                }
                done++;
            } catch (RuntimeException e) {
                if (current[0] < 0) {
                    throw e;
                }
                recordFailure(current[0], e);
            }
        }
        return done;
    }

    /**
     * Counts the failure and sets when to try again: 2, 4, 8 ... seconds after it, at most five
     * minutes, or when a rate limit says. A refusal no retry can change (the issue is gone, the
     * credentials lack a permission) gives the command up at once rather than holding back the
     * workflow's later commands for a quarter of an hour.
     */
    private void recordFailure(long id, RuntimeException e) {
        boolean hopeless = e instanceof PlatformException p && p.failureCause() == FailureCause.STRUCTURAL;
        Timestamp rateLimitedUntil = e instanceof PlatformException p
                ? p.retryAt().map(Timestamp::from).orElse(null) : null;
        int attempts = transactions.execute(tx -> jdbc.sql("""
                UPDATE workflow_command SET attempts = CASE WHEN :hopeless THEN :max ELSE attempts + 1 END,
                       last_error = :error,
                       next_attempt_at = greatest(now() + make_interval(secs => least(power(2, attempts + 1), :longest)),
                                                  :retryAt::timestamptz)
                 WHERE id = :id RETURNING attempts
                """).param("hopeless", hopeless).param("max", MAX_ATTEMPTS).param("error", String.valueOf(e.getMessage()))
                .param("longest", LONGEST_PAUSE.toSeconds()).param("retryAt", rateLimitedUntil).param("id", id)
                .query(Integer.class).single());
        if (hopeless) {
            log.error("Command {} was refused by its platform and is given up (its error is kept in "
                    + "workflow_command.last_error); the workflow's later commands go on", id, e);
        } else if (attempts >= MAX_ATTEMPTS) {
            log.error("Command {} failed on its platform {} times; it is given up (its last error is kept in "
                    + "workflow_command.last_error) and the workflow's later commands go on", id, attempts, e);
        } else {
            log.warn("Command {} failed on its platform (try {} of {}); it will be tried again", id, attempts,
                    MAX_ATTEMPTS, e);
        }
    }

    /** The oldest due command whose workflow has no earlier one still waiting to be carried out. */
    private Optional<Pending> next() {
        return jdbc.sql("""
                SELECT c.id, c.type, c.payload::text, w.issue FROM workflow_command c
                  JOIN workflow w ON w.workflow_id = c.workflow_id
                 WHERE c.dispatched_at IS NULL AND c.attempts < :max
                   AND (c.next_attempt_at IS NULL OR c.next_attempt_at <= now())
                   AND split_part(w.issue, '#', 1) = ANY (:repositories::text[])
                   AND NOT EXISTS (SELECT 1 FROM workflow_command e
                                    WHERE e.workflow_id = c.workflow_id AND e.id < c.id
                                      AND e.dispatched_at IS NULL AND e.attempts < :max)
                 ORDER BY c.id
                   FOR UPDATE OF c SKIP LOCKED
                 LIMIT 1
                """)
                .param("max", MAX_ATTEMPTS)
                .param("repositories", platforms.repositories().toArray(String[]::new))
                .query((rs, n) -> {
                    String issue = rs.getString(4);
                    int hash = issue.lastIndexOf('#');
                    return new Pending(rs.getLong(1), rs.getString(2), json.readTree(rs.getString(3)),
                            issue.substring(0, hash), Long.parseLong(issue.substring(hash + 1)));
                })
                .optional();
    }

    private void carryOut(Pending command) {
        GitPlatform platform = platforms.forRepository(command.repository()).orElseThrow().platform();
        JsonNode p = command.payload();
        switch (command.type()) {
            case "PostComment", "UpdateComment" -> platform.upsertComment(command.issue(),
                    new CommentMarker(p.path("key").asString()), p.path("markdown").asString());
            case "ReplyToCommand" -> platform.comment(command.issue(),
                    "@" + p.path("actor").asString() + " " + p.path("markdown").asString());
            case "SetLabel" -> platform.addLabel(command.issue(), p.path("name").asString());
            case "RemoveLabel" -> platform.removeLabel(command.issue(), p.path("name").asString());
            case REACT_TO_COMMENT -> react(platform, command, p);
            case "StartNextIssue" -> {
                if (settings.of(command.repository()).autoNext()) {
                    starter.startNext(command.repository());
                }
            }
            default -> log.debug("{} for {}#{} needs nothing on the platform", command.type(), command.repository(),
                    command.issue());
        }
    }

    /** A courtesy: where the platform cannot react (or refuses), the reply that follows still answers. */
    private void react(GitPlatform platform, Pending command, JsonNode p) {
        if (!platform.capabilities().has(Capability.REACTIONS)) {
            log.debug("{} has no reactions; command comment {} is answered by reply only", platform.platformName(),
                    p.path("commentId").asString());
            return;
        }
        try {
            platform.react(p.path("number").asLong(), Long.parseLong(p.path("commentId").asString()),
                    Reaction.valueOf(p.path("reaction").asString()));
        } catch (PlatformException | NumberFormatException e) {
            log.info("Could not react to comment {} on {}#{}: {}", p.path("commentId").asString(), command.repository(),
                    p.path("number").asLong(), e.getMessage());
        }
    }

    @Override
    public ReplicaJob job() {
        return job;
    }
}
