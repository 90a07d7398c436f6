package dev.tamma.orchestrator.webhook;

import dev.tamma.core.platform.GitPlatform;
import dev.tamma.core.platform.Issue;
import dev.tamma.core.platform.IssueFilter;
import dev.tamma.core.workflow.NextIssue;
import dev.tamma.orchestrator.platform.RepositoryPlatforms;
import dev.tamma.orchestrator.workflow.WorkflowStarter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Decides which issue to start, when a trigger or auto-next asks. One per repository at a time is
 * {@link WorkflowStarter}'s to keep, under its per-repository lock.
 */
@Component
public class IssueStarter {

    private static final Logger log = LoggerFactory.getLogger(IssueStarter.class);

    private final WorkflowStarter workflowStarter;
    private final WorkflowLookup workflows;
    private final RepositoryAccess access;
    private final TriggerProperties triggers;
    private final RepositorySettings settings;
    private final RepositoryPlatforms platforms;

    public IssueStarter(WorkflowStarter workflowStarter, WorkflowLookup workflows, RepositoryAccess access,
            TriggerProperties triggers, RepositorySettings settings, RepositoryPlatforms platforms) {
        this.workflowStarter = workflowStarter;
        this.workflows = workflows;
        this.access = access;
        this.triggers = triggers;
        this.settings = settings;
        this.platforms = platforms;
    }

    /** Someone labeled or assigned issue {@code number}: start it if they may and the repository is free. */
    public Optional<String> startRequested(String repository, long number, String actor) {
        String issue = repository + "#" + number;
        if (!access.mayCommand(repository, actor)) {
            log.info("Not starting {}: {} has no write access and is no approver of the server or the repository", issue, actor);
            return Optional.empty();
        }
        return startIfFree(repository, number, "requested by " + actor);
    }

    /**
     * Auto-next: the repository's next open issue with the trigger label (or assigned to Tamma's
     * account), by the priority labels ({@link RepositorySettings}) then age, unless the repository is busy.
     * Issues that already had a workflow are not picked again. Needs the repository's platform.
     */
    public Optional<String> startNext(String repository) {
        Optional<RepositoryPlatforms.Connected> connected = platforms.forRepository(repository);
        if (connected.isEmpty()) {
            log.debug("No platform configured for {}; cannot look for its next issue", repository);
            return Optional.empty();
        }
        if (workflowStarter.busyWith(repository).isPresent()) { // spares the platform calls; start checks again
            return Optional.empty();
        }
        GitPlatform platform = connected.get().platform();
        RepositorySettings.Settings repositorySettings = settings.of(repository);
        Map<Long, Issue> candidates = new LinkedHashMap<>();
        platform.issues(IssueFilter.labelled(repositorySettings.triggerLabel())).forEach(i -> candidates.put(i.number(), i));
        platform.issues(IssueFilter.assignedTo(triggers.botUser())).forEach(i -> candidates.putIfAbsent(i.number(), i));
        return NextIssue.pick(candidates.values(), repositorySettings.priorityLabels(), workflows.issuesWorkedOn(repository))
                .flatMap(next -> startIfFree(repository, next.number(), "next open issue by priority and age"));
    }

    /**
     * Starts a workflow on issue {@code number} unless the repository already has one running, with
     * the repository's {@code .tamma.yml} settings ({@link WorkflowStarter}).
     */
    Optional<String> startIfFree(String repository, long number, String why) {
        if (workflowStarter.start(repository, number, triggers.mode()) instanceof WorkflowStarter.Outcome.Started started) {
            log.info("Started {} for {}#{} ({})", started.workflowId(), repository, number, why);
            return Optional.of(started.workflowId());
        }
        return Optional.empty();
    }
}
