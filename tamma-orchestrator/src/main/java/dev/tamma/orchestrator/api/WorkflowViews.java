package dev.tamma.orchestrator.api;

import dev.tamma.core.workflow.Change;
import dev.tamma.core.workflow.Escalation;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.WorkflowState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * What the API answers: a stable, documented shape (docs/operations.md), not the stored one, so
 * the event schema and the read model can change without breaking the dashboard or scripts.
 */
public final class WorkflowViews {

    private WorkflowViews() {
    }

    /**
     * One row of the workflows list; {@code issueUrl} and {@code pullRequestUrl} are the platform's
     * web pages once the workflow has read them, else {@code null}.
     */
    public record Summary(String id, String repository, String issue, String mode, String status, String step, int attempt,
            String waitingFor, Integer pullRequest, Instant startedAt, Instant updatedAt, BigDecimal costUsd,
            String issueUrl, String pullRequestUrl) {

        public Summary {
            issueUrl = webPage(issueUrl);
            pullRequestUrl = webPage(pullRequestUrl);
        }
    }

    public record Page(List<Summary> workflows, long total, int limit, int offset) {
    }

    /**
     * A workflow's state, now or replayed as of an earlier event ({@code version}); {@code costUsd}
     * is what its AI calls cost so far (absent from a replay).
     */
    public record Detail(String id, String repository, String issue, String mode, String status, String step, int attempt,
            boolean stepRunning, String waitingFor, Instant waitTimeoutAt, Instant nextDeadline,
            String nextDeadlineKind, Map<String, Integer> attempts, Map<String, Integer> failures,
            ChangeView change, EscalationView escalation, int version, Instant startedAt, Instant updatedAt,
            BigDecimal costUsd) {

        public static Detail of(WorkflowState s, int version, Instant startedAt, Instant updatedAt, BigDecimal costUsd) {
            return new Detail(s.workflowId(), repositoryOf(s.issue()), s.issue(), s.config().mode().name(),
                    s.status().name(), name(s.step()), s.attempt(), s.stepRunning(),
                    s.waitingFor() == null ? null : s.waitingFor().name(), s.waitTimeoutAt(),
                    s.deadline() == null ? null : s.deadline().at(),
                    s.deadline() == null ? null : s.deadline().kind().name(),
                    byStep(s.attemptsStarted()), byStep(s.failures()), ChangeView.of(s.change()),
                    s.escalation() == null ? null : EscalationView.of(s.escalation()), version, startedAt, updatedAt,
                    costUsd);
        }
    }

    public record ChangeView(Integer pullRequest, String headSha, int planOptions, Integer approvedOption,
            String mergeApprovedBy, boolean breakingChange, int deletedLines, List<String> protectedPaths,
            List<String> questions, int openFeedback, String issueUrl, String pullRequestUrl) {

        public static ChangeView of(Change c) {
            return new ChangeView(c.pullRequest(), c.headSha(), c.planOptions(), c.approvedOption(),
                    c.mergeApprovedBy(), c.breakingChange(), c.deletedLines(), c.protectedPaths(), c.questions(),
                    c.openFeedback(), webPage(c.issueUrl()), webPage(c.pullRequestUrl()));
        }
    }

    public record EscalationView(String step, String cause, String message, String outputExcerpt, int failures,
            int maxAttempts) {

        public static EscalationView of(Escalation e) {
            return new EscalationView(e.step().name(), e.cause().name(), e.message(), e.outputExcerpt(),
                    e.failures(), e.maxAttempts());
        }
    }

    /** One event of a workflow's stream, its payload as stored. */
    public record Event(long position, int version, String type, int schemaVersion, Instant occurredAt, String actor,
            UUID correlationId, JsonNode payload) {
    }

    public record Events(String workflow, List<Event> events) {
    }

    /** A workflow waiting for a person: a checkpoint, questions, or an escalation. */
    public record Approval(String workflow, String repository, String issue, String waitingFor, String step, int attempt,
            Integer pullRequest, Instant since, Instant timeoutAt, EscalationView escalation) {
    }

    public record Approvals(List<Approval> approvals) {
    }

    /** What came of a command: the workflow as it stands after it. */
    public record CommandResult(String workflow, String command, String actor, String status, String step,
            String waitingFor) {
    }

    /**
     * A platform's web address, or {@code null} when it is none: addresses come from workers, and
     * only http(s) ones become links, never {@code javascript:} or the like.
     */
    static String webPage(String url) {
        if (url == null) {
            return null;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") ? url : null;
    }

    public static String repositoryOf(String issue) {
        int hash = issue.lastIndexOf('#');
        return hash < 0 ? issue : issue.substring(0, hash);
    }

    private static String name(Step step) {
        return step == null ? null : step.name();
    }

    private static Map<String, Integer> byStep(Map<Step, Integer> counts) {
        Map<String, Integer> named = new TreeMap<>((a, b) -> Step.valueOf(a).compareTo(Step.valueOf(b)));
        counts.forEach((step, n) -> named.put(step.name(), n));
        return named;
    }
}
