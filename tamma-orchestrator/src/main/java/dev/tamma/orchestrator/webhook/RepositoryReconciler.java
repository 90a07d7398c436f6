package dev.tamma.orchestrator.webhook;

import dev.tamma.core.platform.CiStatus;
import dev.tamma.core.platform.Comment;
import dev.tamma.core.platform.GitPlatform;
import dev.tamma.core.platform.PullRequestState;
import dev.tamma.core.webhook.Actor;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.WorkflowState;
import dev.tamma.orchestrator.instance.ReplicaJob;
import dev.tamma.orchestrator.platform.RepositoryPlatforms;
import dev.tamma.orchestrator.workflow.WorkflowReadModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.javacrumbs.shedlock.core.LockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Watches the configured repositories by polling, for platforms that send no webhooks and for
 * webhooks that were lost: starts the next issue with the trigger label (or assigned to Tamma)
 * when the repository is free, and for each running workflow reads the comments written since the
 * last poll, whether its pull request was merged or closed, whether its issue was closed, and the
 * CI verdict on its head commit. What it finds goes through the same handlers as webhooks, so a
 * comment seen both ways has one effect. Runs on one replica at a time (ShedLock); the last poll's
 * start is kept in the database, so after downtime the next poll catches up from there.
 */
@Component
public class RepositoryReconciler implements ReplicaJob.Owner {

    private static final Logger log = LoggerFactory.getLogger(RepositoryReconciler.class);
    static final String LOCK = "repository-reconcile";
    /** Comments are read from a little before the last poll: the platform's clock may lag ours. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

    private final RepositoryPlatforms platforms;
    private final IssueStarter starter;
    private final CommentCommands commands;
    private final PlatformEvents platformEvents;
    private final WorkflowLookup workflows;
    private final WorkflowReadModel readModel;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ReconcilerProperties properties;
    private final ReplicaJob job;
    private final Clock clock;

    RepositoryReconciler(RepositoryPlatforms platforms, IssueStarter starter, CommentCommands commands,
            PlatformEvents platformEvents, WorkflowLookup workflows, WorkflowReadModel readModel, JdbcClient jdbc,
            TransactionTemplate transactions, ReconcilerProperties properties, LockProvider lockProvider, Clock clock) {
        this.platforms = platforms;
        this.starter = starter;
        this.commands = commands;
        this.platformEvents = platformEvents;
        this.workflows = workflows;
        this.readModel = readModel;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.job = new ReplicaJob(LOCK, "Polling the repositories", properties.interval(),
                properties.interval().multipliedBy(10), lockProvider, clock, this::reconcileAll);
        this.clock = clock;
    }

    /** Polls every configured repository once; one that fails does not hold up the others. */
    public void reconcileAll() {
        for (String repository : platforms.repositories()) {
            try {
                reconcile(repository);
            } catch (RuntimeException e) {
                log.warn("Polling {} failed; trying again at the next poll", repository, e);
            }
        }
    }

    /**
     * Polls one repository. Each fact is handled in its own transaction, as a webhook delivery is;
     * the repository's cursor moves only when every fact was handled, so a failure is read again.
     */
    public void reconcile(String repository) {
        GitPlatform platform = platforms.forRepository(repository).orElseThrow().platform();
        Instant pollStart = clock.instant();
        transactions.executeWithoutResult(tx -> starter.startNext(repository));
        Optional<Instant> lastPoll = lastPoll(repository);
        boolean complete = true;
        // Before the first poll nothing was watched, so there is nothing to catch up on.
        Instant since = lastPoll.map(t -> t.minus(CLOCK_SKEW)).orElse(pollStart);
        for (String workflow : workflows.activeIn(repository)) {
            WorkflowState state = readModel.load(workflow).orElseThrow().state();
            try {
                for (Runnable fact : facts(platform, repository, state, since)) {
                    transactions.executeWithoutResult(tx -> fact.run());
                }
            } catch (RuntimeException e) {
                complete = false;
                log.warn("Polling {} for {} failed; it is read again at the next poll", state.issue(), workflow, e);
            }
        }
        // A first poll reads no comments (since is its own start), so it can always set the cursor.
        if (complete || lastPoll.isEmpty()) {
            transactions.executeWithoutResult(tx -> jdbc.sql("""
                    INSERT INTO repository_watch (repository, polled_at) VALUES (?, ?)
                    ON CONFLICT (repository) DO UPDATE SET polled_at = excluded.polled_at
                    """).params(repository, pollStart.atOffset(ZoneOffset.UTC)).update());
        }
    }

    /** What the platform says about one running workflow, each to be handled on its own. */
    private List<Runnable> facts(GitPlatform platform, String repository, WorkflowState state, Instant since) {
        long issue = Long.parseLong(state.issue().substring(state.issue().lastIndexOf('#') + 1));
        Integer pr = state.change().pullRequest();
        List<Runnable> facts = new ArrayList<>();
        for (Comment c : newComments(platform, issue, since)) {
            facts.add(() -> commands.handle(comment(repository, issue, false, c)));
        }
        if (pr != null) {
            for (Comment c : newComments(platform, pr, since)) {
                facts.add(() -> commands.handle(comment(repository, pr, true, c)));
            }
            PullRequestState prState = platform.pullRequest(pr).state();
            if (prState != PullRequestState.OPEN) {
                facts.add(() -> platformEvents.pullRequestEnded(repository, pr, prState == PullRequestState.MERGED, ""));
            }
        }
        if (!platform.issue(issue).open()) {
            facts.add(() -> platformEvents.issueClosed(repository, issue, ""));
        }
        String head = state.change().headSha();
        if (head != null && state.step().ordinal() >= Step.CI_CHECKS.ordinal()) {
            CiStatus combined = platform.ciStatus(head);
            facts.add(() -> platformEvents.ciCombined(repository, combined));
        }
        return facts;
    }

    /** Comments written since {@code since}; edits of older comments are not new commands. */
    private static List<Comment> newComments(GitPlatform platform, long number, Instant since) {
        return platform.commentsSince(number, since).stream().filter(c -> !c.createdAt().isBefore(since)).toList();
    }

    private static CommentCommands.Comment comment(String repository, long number, boolean onPullRequest, Comment c) {
        return new CommentCommands.Comment(repository, number, onPullRequest, Long.toString(c.id()), c.body(),
                Actor.user(c.author()));
    }

    private Optional<Instant> lastPoll(String repository) {
        return jdbc.sql("SELECT polled_at FROM repository_watch WHERE repository = ?").param(repository)
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).optional();
    }

    @Override
    public boolean enabled() {
        return properties.enabled();
    }

    @Override
    public void start() {
        if (!enabled()) {
            log.info("Polling repositories is off (tamma.reconciler.interval=0); only webhooks start and steer work");
        }
        ReplicaJob.Owner.super.start();
    }

    @Override
    public ReplicaJob job() {
        return job;
    }
}
