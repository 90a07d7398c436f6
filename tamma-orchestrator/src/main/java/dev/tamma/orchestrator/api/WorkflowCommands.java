package dev.tamma.orchestrator.api;

import dev.tamma.core.workflow.Decision;
import dev.tamma.core.workflow.MergeApproval;
import dev.tamma.core.workflow.UserCommand;
import dev.tamma.core.workflow.WorkflowCommand;
import dev.tamma.core.workflow.WorkflowInput;
import dev.tamma.core.workflow.WorkflowState;
import dev.tamma.orchestrator.auth.Caller;
import dev.tamma.orchestrator.auth.OidcUsers;
import dev.tamma.orchestrator.webhook.RepositoryAccess;
import dev.tamma.orchestrator.workflow.WorkflowEngine;
import dev.tamma.orchestrator.workflow.WorkflowReadModel;
import java.time.Clock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Commands given through the API or the dashboard, as if the caller had commented them: the admin
 * token as {@code tamma.api.admin-user}, an OIDC user as the login its claims name. The same
 * authorization (a configured approver, or write access on the repository's platform; in business
 * mode, someone other than the issue's author for the merge) and the same engine input. One
 * difference: a command that does not fit the moment is refused with the reason (409) instead of
 * being answered on the issue, since the person asking is not reading the issue.
 */
@Component
public class WorkflowCommands {

    private static final Logger log = LoggerFactory.getLogger(WorkflowCommands.class);

    private final OidcUsers users;
    private final RepositoryAccess access;
    private final WorkflowEngine engine;
    private final WorkflowReadModel readModel;
    private final Clock clock;

    public WorkflowCommands(OidcUsers users, RepositoryAccess access, WorkflowEngine engine,
            WorkflowReadModel readModel, Clock clock) {
        this.users = users;
        this.access = access;
        this.engine = engine;
        this.readModel = readModel;
        this.clock = clock;
    }

    public WorkflowViews.CommandResult give(Authentication who, String workflowId, UserCommand command,
            String asComment) {
        Caller caller = Caller.of(who, users);
        String actor = caller.login().orElseThrow(() -> new ApiException(HttpStatus.FORBIDDEN,
                "commands through the API need tamma.api.admin-user: the platform login they are made as"));
        WorkflowState state = readModel.load(workflowId).orElseThrow(() -> ApiException.noWorkflow(workflowId))
                .state();
        String repository = WorkflowViews.repositoryOf(state.issue());
        if (!access.mayCommand(repository, actor)) {
            throw new ApiException(HttpStatus.FORBIDDEN, actor + " (" + caller.source() + ") may not command Tamma on "
                    + repository + ": add it to tamma.triggers.approvers or give it write access there");
        }
        MergeApproval mergeApproval = command instanceof UserCommand.ApproveMerge
                ? access.mergeApproval(state, actor)
                : MergeApproval.ALLOWED;
        Decision decision = engine.handleIfItChanges(workflowId,
                new WorkflowInput.HumanCommand(clock.instant(), actor, true, command, mergeApproval));
        if (decision.events().isEmpty()) {
            String reply = decision.commands().stream()
                    .filter(WorkflowCommand.ReplyToCommand.class::isInstance)
                    .map(c -> ((WorkflowCommand.ReplyToCommand) c).markdown())
                    .collect(Collectors.joining("\n"));
            throw new ApiException(HttpStatus.CONFLICT, "'" + asComment + "' changes nothing now"
                    + (reply.isEmpty() ? "" : ": " + reply));
        }
        log.info("{} sent '{}' to {} through the API", actor, asComment, workflowId);
        WorkflowState after = readModel.load(workflowId).orElseThrow().state();
        return new WorkflowViews.CommandResult(workflowId, asComment, actor, after.status().name(),
                after.step() == null ? null : after.step().name(),
                after.waitingFor() == null ? null : after.waitingFor().name());
    }
}
