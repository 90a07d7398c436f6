package dev.tamma.orchestrator.api;

import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.UserCommand;
import java.util.Arrays;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The {@code /tamma} comment commands as API calls on a workflow. Each answers with the workflow's
 * status after it, or refuses: 403 when the caller may not command the repository, 409 when the
 * command does not fit the moment (with the reason), 404 for an unknown workflow.
 */
@RestController
@RequestMapping("/api/v1/workflows/{id}")
class WorkflowCommandController {

    /** {@code option}: the plan option to approve; {@code merge}: approve the merge checkpoint instead. */
    record ApproveRequest(Integer option, Boolean merge) {
    }

    /** {@code text}: what to change (the plan at the design checkpoint, the code at the merge checkpoint). */
    record TextRequest(String text) {
    }

    /** {@code from}: start again from this earlier step, e.g. {@code implement}; absent: retry the failed step. */
    record RetryRequest(String from) {
    }

    private final WorkflowCommands commands;

    WorkflowCommandController(WorkflowCommands commands) {
        this.commands = commands;
    }

    @PostMapping("/approve")
    WorkflowViews.CommandResult approve(Authentication who, @PathVariable String id,
            @RequestBody(required = false) ApproveRequest request) {
        Integer option = request == null ? null : request.option();
        boolean merge = request != null && Boolean.TRUE.equals(request.merge());
        if (merge && option != null) {
            throw new IllegalArgumentException("'option' chooses a plan option and 'merge' approves the merge: give one");
        }
        if (option != null && option < 1) {
            throw new IllegalArgumentException("'option' must be 1 or more, was " + option);
        }
        if (merge) {
            return commands.give(who, id, new UserCommand.ApproveMerge(), "/tamma approve merge");
        }
        return option == null ? commands.give(who, id, new UserCommand.Approve(), "/tamma approve")
                : commands.give(who, id, new UserCommand.ApproveOption(option), "/tamma approve option " + option);
    }

    @PostMapping("/revise")
    WorkflowViews.CommandResult revise(Authentication who, @PathVariable String id,
            @RequestBody(required = false) TextRequest request) {
        String text = required(request, "what to change");
        return commands.give(who, id, new UserCommand.Revise(text), "/tamma revise " + text);
    }

    @PostMapping("/answer")
    WorkflowViews.CommandResult answer(Authentication who, @PathVariable String id,
            @RequestBody(required = false) TextRequest request) {
        String text = required(request, "the answer to Tamma's questions");
        return commands.give(who, id, new UserCommand.Answer(text), "/tamma answer " + text);
    }

    @PostMapping("/retry")
    WorkflowViews.CommandResult retry(Authentication who, @PathVariable String id,
            @RequestBody(required = false) RetryRequest request) {
        if (request == null || request.from() == null || request.from().isBlank()) {
            return commands.give(who, id, new UserCommand.Retry(), "/tamma retry");
        }
        Step from = Step.parse(request.from()).orElseThrow(() -> new IllegalArgumentException("'from' must be one of "
                + Arrays.stream(Step.values()).map(Step::slug).toList() + ", was '" + request.from() + "'"));
        return commands.give(who, id, new UserCommand.RetryFrom(from), "/tamma retry from " + from.slug());
    }

    @PostMapping("/stop")
    WorkflowViews.CommandResult stop(Authentication who, @PathVariable String id) {
        return commands.give(who, id, new UserCommand.Stop(), "/tamma stop");
    }

    private static String required(TextRequest request, String meaning) {
        if (request == null || request.text() == null || request.text().isBlank()) {
            throw new IllegalArgumentException("'text' (" + meaning + ") is required");
        }
        return request.text().strip();
    }
}
