package dev.tamma.orchestrator.api;

import dev.tamma.core.ai.CostReport;
import dev.tamma.orchestrator.ai.AiCallHistory;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reading workflows: {@code /api/v1/workflows}, their events and AI costs, and what waits for a person. */
@RestController
@RequestMapping("/api/v1")
class WorkflowApiController {

    static final int MAX_EVENTS = 1000;

    private final WorkflowQueries queries;
    private final CostQueries costs;

    WorkflowApiController(WorkflowQueries queries, CostQueries costs) {
        this.queries = queries;
        this.costs = costs;
    }

    @GetMapping("/workflows")
    WorkflowViews.Page list(@RequestParam(required = false) String repository,
            @RequestParam(required = false) String status, @RequestParam(required = false) String step,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset) {
        return queries.list(WorkflowFilter.parse(repository, status, step, limit, offset));
    }

    /** The workflow now; with {@code version} or {@code at}, as it was then (replayed from the log). */
    @GetMapping("/workflows/{id}")
    WorkflowViews.Detail workflow(@PathVariable String id, @RequestParam(required = false) Integer version,
            @RequestParam(required = false) Instant at) {
        if (version != null && at != null) {
            throw new IllegalArgumentException("give 'version' or 'at', not both");
        }
        if (version == null && at == null) {
            return queries.current(id).orElseThrow(() -> ApiException.noWorkflow(id));
        }
        if (version != null && version < 1) {
            throw new IllegalArgumentException("'version' must be 1 or more, was " + version);
        }
        if (!queries.exists(id)) {
            throw ApiException.noWorkflow(id);
        }
        return queries.replay(id, new WorkflowQueries.ReplayPoint(version, at))
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "workflow " + id + " had not started "
                        + (at != null ? "at " + at : "by version " + version)));
    }

    /** Events after stream version {@code after} (exclusive), oldest first; {@code type} is a comma-separated list. */
    @GetMapping("/workflows/{id}/events")
    WorkflowViews.Events events(@PathVariable String id, @RequestParam(defaultValue = "0") int after,
            @RequestParam(required = false) String type, @RequestParam(defaultValue = "500") int limit) {
        if (after < 0) {
            throw new IllegalArgumentException("'after' must be 0 or more, was " + after);
        }
        if (limit < 1 || limit > MAX_EVENTS) {
            throw new IllegalArgumentException("'limit' must be 1 to " + MAX_EVENTS + ", was " + limit);
        }
        if (!queries.exists(id)) {
            throw ApiException.noWorkflow(id);
        }
        Set<String> types = type == null || type.isBlank() ? Set.of()
                : Arrays.stream(type.split(",")).map(String::strip).collect(Collectors.toSet());
        return queries.events(id, after, types, limit);
    }

    /** The workflow's AI calls, one by one and summed by step. */
    @GetMapping("/workflows/{id}/costs")
    CostQueries.WorkflowCosts workflowCosts(@PathVariable String id) {
        if (!queries.exists(id)) {
            throw ApiException.noWorkflow(id);
        }
        return costs.of(id);
    }

    /** What AI calls cost in a time range, summed by repository, issue, step, provider or model. */
    @GetMapping("/costs")
    CostQueries.Report costs(@RequestParam(required = false) Instant since,
            @RequestParam(required = false) Instant until, @RequestParam(required = false) String repository,
            @RequestParam(defaultValue = "repository") String by) {
        return costs.report(new AiCallHistory(since, until, repository), CostReport.Dimension.parse(by));
    }

    /** Workflows waiting for a person, escalations first. */
    @GetMapping("/approvals")
    WorkflowViews.Approvals approvals(@RequestParam(required = false) String repository,
            @RequestParam(required = false) Integer limit) {
        return queries.approvals(WorkflowFilter.parse(repository, null, null, limit, null));
    }
}
