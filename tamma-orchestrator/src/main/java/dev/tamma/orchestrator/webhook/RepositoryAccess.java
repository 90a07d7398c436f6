package dev.tamma.orchestrator.webhook;

import dev.tamma.core.webhook.Actor;
import dev.tamma.core.workflow.MergeApproval;
import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.WorkflowState;
import dev.tamma.orchestrator.platform.RepositoryPlatforms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who may steer Tamma on a repository: the people in {@code tamma.triggers.approvers} or in the
 * repository's {@code .tamma.yml} {@code approvers}, and those with write access on the
 * repository's platform where one is configured ({@code tamma.platforms.repositories}).
 */
@Component
public class RepositoryAccess {

    private static final Logger log = LoggerFactory.getLogger(RepositoryAccess.class);

    private final TriggerProperties triggers;
    private final RepositoryPlatforms platforms;
    private final RepositorySettings settings;

    public RepositoryAccess(TriggerProperties triggers, RepositoryPlatforms platforms, RepositorySettings settings) {
        this.triggers = triggers;
        this.platforms = platforms;
        this.settings = settings;
    }

    /** An approver of the server or the repository, or someone with write access on the repository's platform. */
    public boolean mayCommand(String repository, String login) {
        if (settings.of(repository).approves(login)) {
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

    /**
     * Business mode's four eyes: whether {@code approver}'s approval of the merge counts. The issue's
     * author is asked of the repository's platform only when the rule needs it; where it cannot be
     * learned, the approval does not count.
     */
    public MergeApproval mergeApproval(WorkflowState state, String approver) {
        Mode mode = state.config().mode();
        String issue = state.issue();
        String repository = issue.substring(0, issue.lastIndexOf('#'));
        boolean allowAuthor = settings.of(repository).authorMayApproveMerge();
        if (!MergeApproval.needsIssueAuthor(mode, allowAuthor)) {
            return MergeApproval.ALLOWED;
        }
        String author = platforms.forRepository(repository).map(connected -> {
            try {
                return connected.platform().issue(Long.parseLong(issue.substring(issue.lastIndexOf('#') + 1))).author();
            } catch (RuntimeException e) {
                log.warn("Could not learn who opened {}: {}", issue, e.getMessage());
                return null;
            }
        }).orElse(null);
        return MergeApproval.check(mode, approver, author, allowAuthor);
    }

    /** Tamma's own account, or an account the platform marks as a bot: never a person to obey. */
    public boolean isAutomated(Actor actor) {
        return actor.bot() || actor.login().equalsIgnoreCase(triggers.botUser());
    }
}
