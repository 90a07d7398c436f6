package dev.tamma.orchestrator.webhook;

import dev.tamma.core.platform.Reaction;
import dev.tamma.core.webhook.WebhookEvent;
import dev.tamma.core.workflow.UserCommand;
import dev.tamma.core.workflow.WorkflowInput;
import dev.tamma.orchestrator.platform.CommandDispatcher;
import dev.tamma.orchestrator.platform.RepositoryPlatforms;
import dev.tamma.orchestrator.workflow.CommandOutbox;
import dev.tamma.orchestrator.workflow.WorkflowEngine;
import dev.tamma.orchestrator.workflow.WorkflowStarter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Consumes the webhook inbox in order, one delivery per transaction, on one replica at a time: a
 * trigger label or an assignment to Tamma's account starts a workflow (one per repository at a
 * time), and a {@code /tamma} comment becomes a command for the issue's or pull request's workflow.
 * A delivery whose handling fails stays in the inbox and is tried again.
 *
 * <p>Authorized: the people in {@code tamma.triggers.approvers}, and those with write access on the
 * repository's platform where one is configured ({@code tamma.platforms.repositories}).
 */
@Component
public class InboxProcessor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InboxProcessor.class);
    static final String LOCK = "webhook-inbox";

    private final WebhookInbox inbox;
    private final WorkflowEngine engine;
    private final WorkflowStarter starter;
    private final CommandOutbox outbox;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final TriggerProperties triggers;
    private final RepositoryPlatforms platforms;
    private final LockingTaskExecutor locks;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private ScheduledExecutorService timer;

    public InboxProcessor(WebhookInbox inbox, WorkflowEngine engine, WorkflowStarter starter, CommandOutbox outbox,
            JdbcClient jdbc, TransactionTemplate transactions, TriggerProperties triggers, RepositoryPlatforms platforms,
            LockProvider lockProvider, Clock clock) {
        this.inbox = inbox;
        this.engine = engine;
        this.starter = starter;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.triggers = triggers;
        this.platforms = platforms;
        this.locks = new DefaultLockingTaskExecutor(lockProvider);
        this.clock = clock;
    }

    /** Consumes every pending delivery; returns how many were consumed. */
    public int consumePending() {
        int consumed = 0;
        while (true) {
            long[] current = {-1};
            try {
                Boolean found = transactions.execute(tx -> inbox.lockOldestPending().map(pending -> {
                    current[0] = pending.id();
                    pending.events().forEach(this::consume);
                    inbox.markProcessed(pending.id());
                    return true;
                }).orElse(false));
                if (!Boolean.TRUE.equals(found)) {
                    return consumed;
                }
                consumed++;
            } catch (RuntimeException e) {
                if (current[0] < 0) {
                    throw e;
                }
                log.warn("Consuming webhook delivery {} failed; it stays in the inbox", current[0], e);
                transactions.executeWithoutResult(tx -> inbox.markFailed(current[0], String.valueOf(e.getMessage())));
            }
        }
    }

    private void consume(WebhookEvent event) {
        switch (event) {
            case WebhookEvent.IssueLabeled labeled when labeled.mayHaveAdded(triggers.label()) ->
                    trigger(labeled.repository(), labeled.issueNumber(), labeled.actor().login());
            case WebhookEvent.IssueAssigned assigned when assigned.isAssignedTo(triggers.botUser()) ->
                    trigger(assigned.repository(), assigned.issueNumber(), assigned.actor().login());
            case WebhookEvent.IssueCommentCreated comment -> command(comment);
            default -> log.debug("No consumer yet for {}", event.getClass().getSimpleName());
        }
    }

    private void trigger(String repository, long number, String actor) {
        String issue = repository + "#" + number;
        if (!authorized(repository, actor)) {
            log.info("Not starting {}: {} has no write access and is not among tamma.triggers.approvers", issue, actor);
            return;
        }
        if (starter.start(repository, number, triggers.mode()) instanceof WorkflowStarter.Outcome.Started started) {
            log.info("{} started {} for {}", actor, started.workflowId(), issue);
        }
    }

    private void command(WebhookEvent.IssueCommentCreated comment) {
        String author = comment.author().login();
        if (comment.author().bot() || author.equalsIgnoreCase(triggers.botUser())) {
            return; // Tamma's own comments, and other bots', are never commands
        }
        String firstLine = comment.body().strip().lines().findFirst().orElse("");
        Optional<UserCommand> command = UserCommand.parse(firstLine);
        if (command.isEmpty()) {
            return;
        }
        Optional<String> workflow = comment.onPullRequest()
                ? active("split_part(issue, '#', 1) = ? AND state->'change'->>'pullRequest' = ?",
                        comment.repository(), Long.toString(comment.number()))
                : active("issue = ?", comment.repository() + "#" + comment.number());
        if (workflow.isEmpty()) {
            log.info("{} on {}#{} names no active workflow", firstLine, comment.repository(), comment.number());
            return;
        }
        boolean authorized = authorized(comment.repository(), author);
        if (authorized && !(command.get() instanceof UserCommand.Unrecognized)) {
            acknowledge(workflow.get(), comment);
        }
        engine.decideAndRecord(workflow.get(), new WorkflowInput.HumanCommand(clock.instant(), author, authorized,
                command.get()));
    }

    /**
     * A reaction on the command's comment, written to the outbox before the decision's reply so the
     * person sees it first: Tamma has the command; the reply says what came of it.
     */
    private void acknowledge(String workflow, WebhookEvent.IssueCommentCreated comment) {
        if (comment.commentId().isEmpty()) {
            return;
        }
        ObjectNode payload = json.createObjectNode().put("number", comment.number())
                .put("commentId", comment.commentId()).put("reaction", Reaction.EYES.name());
        outbox.add(workflow, UUID.randomUUID(), CommandDispatcher.REACT_TO_COMMENT, json.writeValueAsString(payload));
    }

    /** A configured approver, or someone with write access on the repository's platform. */
    private boolean authorized(String repository, String login) {
        if (triggers.approves(login)) {
            return true;
        }
        return platforms.forRepository(repository).map(connected -> {
            try {
                return connected.platform().permission(login).canWrite();
            } catch (RuntimeException e) {
                log.warn("Could not ask {} for {}'s permission on {}: {}; treating as unauthorized",
                        connected.platform().platformName(), login, repository, e.getMessage());
                return false;
            }
        }).orElse(false);
    }

    private Optional<String> active(String condition, Object... args) {
        return jdbc.sql("SELECT workflow_id FROM workflow WHERE " + condition
                        + " AND status NOT IN ('DONE', 'CANCELLED') ORDER BY started_at DESC LIMIT 1")
                .params(args).query(String.class).optional();
    }

    private void tick() {
        try {
            Duration atMost = triggers.pollInterval().multipliedBy(30);
            locks.executeWithLock((Runnable) this::consumePending,
                    new LockConfiguration(clock.instant(), LOCK, atMost, Duration.ZERO));
        } catch (RuntimeException e) {
            log.warn("Consuming the webhook inbox failed; trying again in {}", triggers.pollInterval(), e);
        }
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("tamma-webhook-inbox").factory());
        long every = triggers.pollInterval().toMillis();
        timer.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null && !timer.isShutdown();
    }
}
