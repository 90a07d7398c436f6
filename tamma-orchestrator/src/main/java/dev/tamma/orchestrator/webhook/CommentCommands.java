package dev.tamma.orchestrator.webhook;

import dev.tamma.core.platform.Reaction;
import dev.tamma.core.webhook.Actor;
import dev.tamma.core.webhook.WebhookEvent;
import dev.tamma.core.workflow.MergeApproval;
import dev.tamma.core.workflow.StatusReport;
import dev.tamma.core.workflow.UserCommand;
import dev.tamma.core.workflow.WorkflowCommand;
import dev.tamma.core.workflow.WorkflowInput;
import dev.tamma.core.workflow.WorkflowState;
import dev.tamma.orchestrator.platform.CommandDispatcher;
import dev.tamma.orchestrator.platform.RepositoryPlatforms;
import dev.tamma.orchestrator.workflow.CommandOutbox;
import dev.tamma.orchestrator.workflow.WorkflowEngine;
import dev.tamma.orchestrator.workflow.WorkflowEventCodec;
import dev.tamma.orchestrator.workflow.WorkflowReadModel;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@code /tamma} first line in a comment on an issue or its pull request becomes a command for
 * that workflow, acknowledged by a reaction and answered by a reply. Tamma's own comments and
 * other bots' are never commands. Runs inside the inbox consumer's transaction.
 */
@Component
class CommentCommands {

    /** A comment on issue or pull request {@code number}; {@code id} empty when the platform gave none. */
    record Comment(String repository, long number, boolean onPullRequest, String id, String body, Actor author) {
    }

    private static final Logger log = LoggerFactory.getLogger(CommentCommands.class);

    private final WorkflowEngine engine;
    private final WorkflowReadModel readModel;
    private final WorkflowEventCodec codec;
    private final CommandOutbox outbox;
    private final WorkflowLookup workflows;
    private final RepositoryAccess access;
    private final RepositoryPlatforms platforms;
    private final PlatformObservations observations;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    CommentCommands(WorkflowEngine engine, WorkflowReadModel readModel, WorkflowEventCodec codec,
            CommandOutbox outbox, WorkflowLookup workflows, RepositoryAccess access, RepositoryPlatforms platforms,
            PlatformObservations observations, Clock clock) {
        this.engine = engine;
        this.readModel = readModel;
        this.codec = codec;
        this.outbox = outbox;
        this.workflows = workflows;
        this.access = access;
        this.platforms = platforms;
        this.observations = observations;
        this.clock = clock;
    }

    void handle(WebhookEvent.IssueCommentCreated comment) {
        handle(new Comment(comment.repository(), comment.number(), comment.onPullRequest(), comment.commentId(),
                comment.body(), comment.author()));
    }

    /**
     * A new comment, from a webhook or found by polling. A comment seen both ways has one effect:
     * its id is recorded with the command it carried.
     */
    void handle(Comment comment) {
        if (access.isAutomated(comment.author())) {
            return;
        }
        String firstLine = comment.body().strip().lines().findFirst().orElse("");
        Optional<UserCommand> command = UserCommand.parse(firstLine);
        if (command.isEmpty()) {
            return;
        }
        String repository = comment.repository();
        if (!comment.id().isEmpty() && !observations.firstSighting(repository, "comment:" + comment.id())) {
            log.debug("Comment {} on {} was handled already", comment.id(), repository);
            return;
        }
        // The latest workflow, also a finished one: it answers that there is nothing left to do.
        Optional<String> workflow = workflows.latest(repository, comment.number(), comment.onPullRequest());
        if (workflow.isEmpty()) {
            log.info("{} on {}#{} names no workflow", firstLine, repository, comment.number());
            return;
        }
        String author = comment.author().login();
        boolean authorized = access.mayCommand(repository, author);
        if (authorized && !(command.get() instanceof UserCommand.Unrecognized)) {
            acknowledge(workflow.get(), comment);
        }
        if (command.get() instanceof UserCommand.Status) {
            answerStatus(workflow.get(), repository, author);
            return;
        }
        MergeApproval mergeApproval = authorized && command.get() instanceof UserCommand.ApproveMerge
                ? access.mergeApproval(readModel.load(workflow.get()).orElseThrow().state(), author)
                : MergeApproval.ALLOWED;
        engine.decideAndRecord(workflow.get(), new WorkflowInput.HumanCommand(clock.instant(), author, authorized,
                command.get(), mergeApproval));
    }

    /**
     * A reaction on the command's comment, written to the outbox before the decision's reply so the
     * person sees it first: Tamma has the command; the reply says what came of it.
     */
    private void acknowledge(String workflow, Comment comment) {
        if (comment.id().isEmpty()) {
            return;
        }
        ObjectNode payload = json.createObjectNode().put("number", comment.number())
                .put("commentId", comment.id()).put("reaction", Reaction.EYES.name());
        outbox.add(workflow, UUID.randomUUID(), CommandDispatcher.REACT_TO_COMMENT, json.writeValueAsString(payload));
    }

    /**
     * Status changes nothing, so it is answered here rather than decided: with links the
     * platform gives, which the workflow itself does not know.
     */
    private void answerStatus(String workflow, String repository, String author) {
        WorkflowState state = readModel.load(workflow).orElseThrow().state();
        String report = StatusReport.render(state, links(repository, state));
        outbox.add(workflow, UUID.randomUUID(), WorkflowCommand.ReplyToCommand.class.getSimpleName(),
                codec.encodeCommand(new WorkflowCommand.ReplyToCommand(author, report)));
    }

    private StatusReport.Links links(String repository, WorkflowState state) {
        return platforms.forRepository(repository).map(connected -> {
            try {
                long issue = Long.parseLong(state.issue().substring(state.issue().lastIndexOf('#') + 1));
                Integer pr = state.change().pullRequest();
                return new StatusReport.Links(connected.platform().issue(issue).url(),
                        pr == null ? "" : connected.platform().pullRequest(pr).url());
            } catch (RuntimeException e) {
                log.info("No links for the status of {}: {}", state.issue(), e.getMessage());
                return StatusReport.Links.none();
            }
        }).orElse(StatusReport.Links.none());
    }
}
