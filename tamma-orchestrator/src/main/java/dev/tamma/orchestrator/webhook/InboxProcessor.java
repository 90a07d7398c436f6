package dev.tamma.orchestrator.webhook;

import dev.tamma.core.webhook.WebhookEvent;
import dev.tamma.orchestrator.instance.ReplicaJob;
import dev.tamma.orchestrator.tracing.WorkSpans;
import io.micrometer.tracing.Span;
import java.time.Clock;
import net.javacrumbs.shedlock.core.LockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Consumes the webhook inbox in order, one delivery per transaction, on one replica at a time: a
 * trigger label (the repository's, {@link RepositorySettings}) or an assignment to Tamma's account starts a workflow (one per repository at a
 * time), and a {@code /tamma} comment becomes a command for the issue's or pull request's workflow
 * ({@link CommentCommands}), and reviews, pull request, issue and CI events go to the workflow they
 * concern ({@link PlatformEvents}). A delivery whose handling fails stays in the inbox and is tried again.
 * Who may start and steer work: {@link RepositoryAccess}.
 */
@Component
public class InboxProcessor implements ReplicaJob.Owner {

    private static final Logger log = LoggerFactory.getLogger(InboxProcessor.class);
    static final String LOCK = "webhook-inbox";

    private final WebhookInbox inbox;
    private final IssueStarter starter;
    private final CommentCommands commands;
    private final PlatformEvents platformEvents;
    private final TransactionTemplate transactions;
    private final TriggerProperties triggers;
    private final RepositorySettings settings;
    private final ReplicaJob job;
    private final WorkSpans spans;

    InboxProcessor(WebhookInbox inbox, IssueStarter starter, CommentCommands commands, PlatformEvents platformEvents,
            TransactionTemplate transactions, TriggerProperties triggers, RepositorySettings settings,
            LockProvider lockProvider, WorkSpans spans, Clock clock) {
        this.inbox = inbox;
        this.starter = starter;
        this.commands = commands;
        this.platformEvents = platformEvents;
        this.transactions = transactions;
        this.triggers = triggers;
        this.settings = settings;
        this.job = new ReplicaJob(LOCK, "Consuming the webhook inbox", triggers.pollInterval(),
                triggers.pollInterval().multipliedBy(30), lockProvider, clock, this::consumePending);
        this.spans = spans;
    }

    /** Consumes every pending delivery; returns how many were consumed. */
    public int consumePending() {
        int consumed = 0;
        // A stopping service leaves the rest to the next start (or replica), so it lets go of the lock soon.
        while (!job.stopping()) {
            long[] current = {-1};
            try {
                Boolean found = transactions.execute(tx -> inbox.lockOldestPending().map(pending -> {
                    current[0] = pending.id();
                    process(pending);
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
        return consumed;
    }

    /** In the trace of the delivery's intake, however long it waited and whichever replica takes it. */
    private void process(WebhookInbox.Pending pending) {
        Span span = spans.continuing(pending.traceparent(), "tamma.webhook.process")
                .tag("tamma.repository", pending.repository())
                .tagOfStrings("tamma.webhook.events", pending.events().stream().map(e -> e.getClass().getSimpleName()).toList())
                .start();
        spans.run(span, () -> pending.events().forEach(this::consume));
    }

    private void consume(WebhookEvent event) {
        switch (event) {
            case WebhookEvent.IssueLabeled labeled when labeled.mayHaveAdded(settings.of(labeled.repository()).triggerLabel()) ->
                    starter.startRequested(labeled.repository(), labeled.issueNumber(), labeled.actor().login());
            case WebhookEvent.IssueAssigned assigned when assigned.isAssignedTo(triggers.botUser()) ->
                    starter.startRequested(assigned.repository(), assigned.issueNumber(), assigned.actor().login());
            case WebhookEvent.IssueCommentCreated comment -> commands.handle(comment);
            case WebhookEvent.ReviewSubmitted review -> platformEvents.reviewSubmitted(review);
            case WebhookEvent.ReviewCommentCreated comment -> platformEvents.reviewCommented(comment);
            case WebhookEvent.PullRequestClosed closed -> platformEvents.pullRequestClosed(closed);
            case WebhookEvent.PullRequestMerged merged -> platformEvents.pullRequestMerged(merged);
            case WebhookEvent.IssueClosed closed -> platformEvents.issueClosed(closed);
            case WebhookEvent.CiFinished ci -> platformEvents.ciFinished(ci);
            // Pushes, new pull requests, unlabeling and other assignments change no workflow.
            default -> log.debug("Nothing to do for {}", event.getClass().getSimpleName());
        }
    }

    @Override
    public ReplicaJob job() {
        return job;
    }
}
