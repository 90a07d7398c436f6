package dev.tamma.orchestrator.webhook;

import dev.tamma.core.platform.CiState;
import dev.tamma.core.platform.CiStatus;
import dev.tamma.core.webhook.CiKind;
import dev.tamma.core.webhook.WebhookEvent;
import dev.tamma.core.workflow.PlatformEvent;
import dev.tamma.orchestrator.platform.RepositoryPlatforms;
import dev.tamma.orchestrator.workflow.WorkflowEngine;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Hands what happened on the platform to the workflow it concerns, as core's {@link PlatformEvent}s:
 * reviews and review comments on its pull request, the pull request closed or merged, its issue
 * closed, and CI finished on its head commit. Core decides what each means. Runs inside the inbox
 * consumer's transaction.
 */
@Component
class PlatformEvents {

    private static final Logger log = LoggerFactory.getLogger(PlatformEvents.class);

    private final WorkflowEngine engine;
    private final WorkflowLookup workflows;
    private final RepositoryAccess access;
    private final RepositoryPlatforms platforms;
    private final PlatformObservations observations;
    private final Clock clock;

    PlatformEvents(WorkflowEngine engine, WorkflowLookup workflows, RepositoryAccess access,
            RepositoryPlatforms platforms, PlatformObservations observations, Clock clock) {
        this.engine = engine;
        this.workflows = workflows;
        this.access = access;
        this.platforms = platforms;
        this.observations = observations;
        this.clock = clock;
    }

    void reviewSubmitted(WebhookEvent.ReviewSubmitted review) {
        // Tamma's own review (step REVIEW) comes back by webhook too; it is not a person's feedback.
        if (access.isAutomated(review.reviewer())) {
            return;
        }
        String reviewer = review.reviewer().login();
        toPullRequestWorkflow(review.repository(), review.number(), new PlatformEvent.ReviewSubmitted(clock.instant(),
                reviewer, access.mayCommand(review.repository(), reviewer),
                PlatformEvent.ReviewVerdict.valueOf(review.verdict().name()), review.body()));
    }

    void reviewCommented(WebhookEvent.ReviewCommentCreated comment) {
        if (access.isAutomated(comment.author())) {
            return;
        }
        String author = comment.author().login();
        toPullRequestWorkflow(comment.repository(), comment.number(), new PlatformEvent.ReviewCommented(clock.instant(),
                author, access.mayCommand(comment.repository(), author), comment.path(), comment.body()));
    }

    void pullRequestClosed(WebhookEvent.PullRequestClosed closed) {
        pullRequestEnded(closed.repository(), closed.number(), false, closed.actor().login());
    }

    void pullRequestMerged(WebhookEvent.PullRequestMerged merged) {
        pullRequestEnded(merged.repository(), merged.number(), true, merged.actor().login());
    }

    /** Pull request {@code number} was merged or closed; {@code actor} empty when polling found it. */
    void pullRequestEnded(String repository, long number, boolean merged, String actor) {
        toPullRequestWorkflow(repository, number, new PlatformEvent.PullRequestClosed(clock.instant(), merged, actor));
    }

    void issueClosed(WebhookEvent.IssueClosed closed) {
        issueClosed(closed.repository(), closed.issueNumber(), closed.actor().login());
    }

    void issueClosed(String repository, long number, String actor) {
        workflows.active(repository, number, false).ifPresent(workflow -> engine.decideAndRecord(
                workflow, new PlatformEvent.IssueClosed(clock.instant(), actor)));
    }

    /**
     * One check finishing says little: others on the same commit may still run. Where the
     * repository's platform is configured it is asked for the combined status; otherwise a failure
     * counts, and a success only from a whole pipeline or check suite. Each verdict on a commit
     * counts once, however many checks report it.
     */
    void ciFinished(WebhookEvent.CiFinished ci) {
        if (workflows.activeWithHead(ci.repository(), ci.sha()).isEmpty()) {
            return;
        }
        verdict(ci).ifPresent(verdict -> ciVerdict(ci.repository(), verdict));
    }

    /** The combined status of a commit, as polling found it. */
    void ciCombined(String repository, CiStatus combined) {
        verdict(combined).ifPresent(verdict -> ciVerdict(repository, verdict));
    }

    private void ciVerdict(String repository, PlatformEvent.CiFinished verdict) {
        Optional<String> workflow = workflows.activeWithHead(repository, verdict.sha());
        if (workflow.isEmpty()) {
            return;
        }
        String key = "ci:" + verdict.sha() + ":" + (verdict.success() ? "success" : "failure");
        if (!observations.firstSighting(repository, key)) {
            log.debug("CI verdict {} on {} seen already", key, repository);
            return;
        }
        engine.decideAndRecord(workflow.get(), verdict);
    }

    private Optional<PlatformEvent.CiFinished> verdict(CiStatus combined) {
        if (combined.state() == CiState.PENDING) {
            return Optional.empty();
        }
        String failing = combined.failing().stream().map(c -> c.name() + (c.url().isEmpty() ? "" : " " + c.url()))
                .collect(Collectors.joining("\n"));
        return Optional.of(new PlatformEvent.CiFinished(clock.instant(), combined.sha(),
                combined.state() == CiState.SUCCESS, failing));
    }

    private Optional<PlatformEvent.CiFinished> verdict(WebhookEvent.CiFinished ci) {
        Optional<RepositoryPlatforms.Connected> connected = platforms.forRepository(ci.repository());
        if (connected.isPresent()) {
            return verdict(connected.get().platform().ciStatus(ci.sha()));
        }
        boolean whole = ci.kind() == CiKind.PIPELINE || ci.kind() == CiKind.CHECK_SUITE;
        return switch (ci.status()) {
            case FAILURE -> Optional.of(new PlatformEvent.CiFinished(clock.instant(), ci.sha(), false,
                    ci.name() + (ci.url().isEmpty() ? "" : " " + ci.url())));
            case SUCCESS -> whole ? Optional.of(new PlatformEvent.CiFinished(clock.instant(), ci.sha(), true, ""))
                    : Optional.empty();
            case CANCELLED, NEUTRAL -> Optional.empty();
        };
    }

    private void toPullRequestWorkflow(String repository, long number, PlatformEvent event) {
        Optional<String> workflow = workflows.active(repository, number, true);
        if (workflow.isEmpty()) {
            log.debug("{} on {} pull request {} concerns no running workflow",
                    event.getClass().getSimpleName().toLowerCase(Locale.ROOT), repository, number);
            return;
        }
        engine.decideAndRecord(workflow.get(), event);
    }
}
