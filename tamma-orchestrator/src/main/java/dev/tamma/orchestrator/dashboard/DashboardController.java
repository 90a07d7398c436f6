package dev.tamma.orchestrator.dashboard;

import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.WorkflowStatus;
import dev.tamma.orchestrator.api.ApiException;
import dev.tamma.orchestrator.api.CostQueries;
import dev.tamma.orchestrator.api.WorkflowFilter;
import dev.tamma.orchestrator.api.WorkflowQueries;
import dev.tamma.orchestrator.api.WorkflowViews;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The dashboard's pages, rendered on the server from the same queries as the REST API: readable
 * without JavaScript, which only makes them update themselves (see {@code dashboard.js}).
 */
@Controller
class DashboardController {

    private static final int EVENTS = 1000;

    private final WorkflowQueries queries;
    private final CostQueries costs;
    private final Clock clock;

    DashboardController(WorkflowQueries queries, CostQueries costs, Clock clock) {
        this.queries = queries;
        this.costs = costs;
        this.clock = clock;
    }

    /** Who waits for a person (escalations first), then every workflow, filtered. */
    @GetMapping("/")
    String workflows(@RequestParam(required = false) String repository, @RequestParam(required = false) String status,
            @RequestParam(required = false) String step, @RequestParam(required = false) Integer offset, Model model,
            HttpServletResponse response) {
        model.addAttribute("repository", repository);
        model.addAttribute("status", status);
        model.addAttribute("step", step);
        model.addAttribute("statuses", WorkflowStatus.values());
        model.addAttribute("steps", Step.values());
        model.addAttribute("fmt", new DashboardFormat(clock.instant()));
        try {
            WorkflowFilter filter = WorkflowFilter.parse(repository, status, step, WorkflowFilter.MAX_LIMIT / 5, offset);
            model.addAttribute("page", queries.list(filter));
            model.addAttribute("approvals", queries.approvals(
                    WorkflowFilter.parse(repository, null, null, WorkflowFilter.MAX_LIMIT, null)).approvals());
        } catch (IllegalArgumentException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", e.getMessage());
        }
        return "dashboard/workflows";
    }

    /** One workflow: its progress, what it waits for, its events and AI calls; with {@code version}, replayed. */
    @GetMapping("/workflows/{id}")
    String workflow(@PathVariable String id, @RequestParam(required = false) Integer version,
            @RequestParam(required = false) String type, @RequestParam(required = false) String result,
            @RequestParam(required = false) String error, Model model) {
        WorkflowViews.Detail now = queries.current(id).orElseThrow(() -> ApiException.noWorkflow(id));
        WorkflowViews.Detail shown = version != null && version >= 1 && version < now.version()
                ? queries.replay(id, new WorkflowQueries.ReplayPoint(version, null)).orElse(now)
                : now;
        Set<String> types = type == null || type.isBlank() ? Set.of() : Set.of(type.strip());
        var events = queries.events(id, 0, types, EVENTS).events().stream()
                .filter(e -> e.version() <= shown.version()).toList();
        model.addAttribute("w", shown);
        model.addAttribute("latest", now.version());
        model.addAttribute("replaying", shown != now);
        model.addAttribute("marks", StepMark.of(shown));
        model.addAttribute("events", events.reversed());
        model.addAttribute("eventTypes", queries.events(id, 0, Set.of(), EVENTS).events().stream()
                .map(WorkflowViews.Event::type).distinct().sorted().toList());
        model.addAttribute("type", type);
        model.addAttribute("costs", costs.of(id));
        model.addAttribute("result", result);
        model.addAttribute("error", error);
        model.addAttribute("steps", Arrays.stream(Step.values()).map(Step::slug).toList());
        model.addAttribute("fmt", new DashboardFormat(clock.instant()));
        return "dashboard/workflow";
    }

    /** An unknown workflow, or a bad parameter: a page that says so, with the status an API would answer. */
    @ExceptionHandler(ApiException.class)
    String problem(ApiException e, Model model, HttpServletResponse response) {
        response.setStatus(e.status().value());
        model.addAttribute("message", e.getMessage());
        return "dashboard/problem";
    }
}
