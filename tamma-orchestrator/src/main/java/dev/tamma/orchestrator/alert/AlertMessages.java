package dev.tamma.orchestrator.alert;

import dev.tamma.core.ai.AiCallRecorded;
import dev.tamma.core.workflow.Escalation;
import dev.tamma.core.workflow.Step;
import dev.tamma.orchestrator.api.EventSummary;
import dev.tamma.orchestrator.api.WorkflowViews;
import dev.tamma.core.platform.SecretRedaction;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The words of each alert. Text that comes from a workflow (a failure's message and output) passes
 * through {@link SecretRedaction} first, the same safety net the logs have.
 */
@Component
final class AlertMessages {

    /** The end of a failure's output: enough to recognise it, short enough for a chat message. */
    static final int OUTPUT_EXCERPT = 1500;

    private final String dashboardUrl;

    AlertMessages(AlertProperties properties) {
        this.dashboardUrl = properties.dashboardUrl();
    }

    /** The workflow escalated; {@code version} is the escalation's place in the workflow's stream. */
    Alert escalation(String workflowId, String issue, Escalation e, int attempt, int version) {
        String step = e.step().slug();
        StringBuilder body = new StringBuilder()
                .append("Repository: ").append(WorkflowViews.repositoryOf(issue)).append('\n')
                .append("Issue: ").append(issue).append('\n')
                .append("Step: ").append(step).append(", attempt ").append(attempt)
                .append(" (").append(e.failures()).append(" of ").append(e.maxAttempts()).append(" attempts failed)\n")
                .append("Cause: ").append(EventSummary.words(e.cause().name()))
                .append(e.message().isBlank() ? "" : ": " + SecretRedaction.redact(e.message().strip())).append('\n');
        if (!e.outputExcerpt().isBlank()) {
            body.append("Output (the end):\n").append(tail(SecretRedaction.redact(e.outputExcerpt().strip())))
                    .append('\n');
        }
        body.append("A person decides now: comment /tamma retry, /tamma retry from <step> or /tamma stop on the issue.");
        return new Alert(Alert.Kind.ESCALATION, workflowId + "@" + version, workflowId,
                issue + " escalated at " + step + " (" + EventSummary.words(e.cause().name()) + ")",
                body.toString(), workflowLink(workflowId));
    }

    /** A model call was refused because the workflow's or the step's AI budget is spent. */
    Alert budgetExhausted(AiCallRecorded refused, String issue, BigDecimal spentUsd) {
        var context = refused.context();
        String step = context.step().slug();
        String body = "Repository: " + context.repository() + '\n'
                + "Issue: " + issue + '\n'
                + "Step: " + step + ", attempt " + context.attempt() + '\n'
                + "Refused: a call to " + refused.provider() + " " + refused.model() + '\n'
                + "Spent by this workflow on AI calls so far: $" + spentUsd.setScale(4, RoundingMode.HALF_UP)
                        .toPlainString() + '\n'
                + "The step escalates. Raise the budget in the AI configuration (tamma.ai.config), then comment "
                + "/tamma retry.";
        return new Alert(Alert.Kind.BUDGET_EXHAUSTED, context.workflowId() + "/" + context.step().name() + "/"
                + context.attempt(), context.workflowId(), "AI budget spent for " + issue + " at " + step, body,
                workflowLink(context.workflowId()));
    }

    /** A task that waits for a worker. */
    record Waiting(String workflowId, String issue, Step step, int attempt, Instant queuedAt) {
    }

    /** Tasks have waited longer than {@code after} for a worker: the oldest first, {@code total} of them. */
    Alert stuckQueue(String episode, List<Waiting> oldest, int total, Duration after, Instant now) {
        Waiting first = oldest.getFirst();
        Map<String, Long> bySteps = oldest.stream().collect(Collectors.groupingBy(w -> w.step().slug(),
                TreeMap::new, Collectors.counting()));
        String repositories = oldest.stream().map(w -> WorkflowViews.repositoryOf(w.issue())).distinct().sorted()
                .collect(Collectors.joining(", "));
        String body = "Oldest: " + first.step().slug() + " attempt " + first.attempt() + " of " + first.issue()
                + ", waiting for " + minutes(Duration.between(first.queuedAt(), now)) + " (since " + first.queuedAt()
                + ")\n"
                + "Waiting longer than " + minutes(after) + ": " + total + (total == 1 ? " task" : " tasks")
                + (total > oldest.size() ? " (the oldest " + oldest.size() + " by step: " : " (by step: ")
                + bySteps.entrySet().stream().map(s -> s.getKey() + " " + s.getValue())
                        .collect(Collectors.joining(", ")) + ")\n"
                + "Repositories: " + repositories + '\n'
                + "No worker takes them: check that workers run and reach the orchestrator, and that their tokens "
                + "cover these repositories and labels (./tamma worker-token list). This alert is sent once until "
                + "the queue moves again.";
        return new Alert(Alert.Kind.STUCK_QUEUE, episode, null,
                total + (total == 1 ? " task has" : " tasks have") + " waited more than " + minutes(after)
                        + " for a worker", body, dashboardUrl == null ? null : dashboardUrl + "/");
    }

    private String workflowLink(String workflowId) {
        return dashboardUrl == null ? null : dashboardUrl + "/workflows/" + workflowId;
    }

    private static String tail(String output) {
        return output.length() <= OUTPUT_EXCERPT ? output
                : "..." + output.substring(output.length() - OUTPUT_EXCERPT);
    }

    private static String minutes(Duration d) {
        long minutes = d.toMinutes();
        return minutes >= 1 ? minutes + " min" : d.toSeconds() + " s";
    }
}
