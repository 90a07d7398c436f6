package dev.tamma.orchestrator.dashboard;

import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.UserCommand;
import dev.tamma.orchestrator.api.ApiException;
import dev.tamma.orchestrator.api.WorkflowCommands;
import dev.tamma.orchestrator.api.WorkflowViews;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The dashboard's buttons: the same commands, authorization and engine input as the API's (and so
 * as a {@code /tamma} comment by the signed-in user; {@code tamma.api.admin-user} for the admin token).
 * Each answers with a redirect back to the workflow's page, which says what came of it: post,
 * redirect, get, so a reload sends nothing twice.
 */
@Controller
class DashboardCommandController {

    private final WorkflowCommands commands;

    DashboardCommandController(WorkflowCommands commands) {
        this.commands = commands;
    }

    @PostMapping("/workflows/{id}/approve")
    RedirectView approve(Authentication who, @PathVariable String id, @RequestParam(required = false) Integer option,
            @RequestParam(required = false) boolean merge) {
        return give(id, () -> {
            if (merge) {
                return commands.give(who, id, new UserCommand.ApproveMerge(), "/tamma approve merge");
            }
            return option == null ? commands.give(who, id, new UserCommand.Approve(), "/tamma approve")
                    : commands.give(who, id, new UserCommand.ApproveOption(option), "/tamma approve option " + option);
        });
    }

    @PostMapping("/workflows/{id}/revise")
    RedirectView revise(Authentication who, @PathVariable String id, @RequestParam(defaultValue = "") String text) {
        return give(id, () -> commands.give(who, id, new UserCommand.Revise(required(text, "what to change")),
                "/tamma revise " + text.strip()));
    }

    @PostMapping("/workflows/{id}/answer")
    RedirectView answer(Authentication who, @PathVariable String id, @RequestParam(defaultValue = "") String text) {
        return give(id, () -> commands.give(who, id, new UserCommand.Answer(required(text, "the answer")),
                "/tamma answer " + text.strip()));
    }

    @PostMapping("/workflows/{id}/retry")
    RedirectView retry(Authentication who, @PathVariable String id, @RequestParam(required = false) String from) {
        return give(id, () -> {
            if (from == null || from.isBlank()) {
                return commands.give(who, id, new UserCommand.Retry(), "/tamma retry");
            }
            Step step = Step.parse(from).orElseThrow(() -> new IllegalArgumentException("there is no step '" + from + "'"));
            return commands.give(who, id, new UserCommand.RetryFrom(step), "/tamma retry from " + step.slug());
        });
    }

    @PostMapping("/workflows/{id}/stop")
    RedirectView stop(Authentication who, @PathVariable String id) {
        return give(id, () -> commands.give(who, id, new UserCommand.Stop(), "/tamma stop"));
    }

    private static RedirectView give(String id, Supplier<WorkflowViews.CommandResult> command) {
        String page = "/workflows/" + encode(id);
        try {
            WorkflowViews.CommandResult done = command.get();
            return SeeOther.to(page + "?result=" + encode(done.command() + " as " + done.actor()));
        } catch (ApiException | IllegalArgumentException e) {
            return SeeOther.to(page + "?error=" + encode(e.getMessage()));
        }
    }

    private static String required(String text, String meaning) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("Write " + meaning + " first");
        }
        return text.strip();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
