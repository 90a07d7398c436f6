package dev.tamma.core.workflow;

import java.util.Objects;

/**
 * The answer to {@code /tamma status}: where the workflow stands, what it waits for, and links to
 * its issue and pull request. The links are whatever the orchestrator could learn from the
 * platform; without them the report names the numbers.
 */
public final class StatusReport {

    /**
     * Links to show; either may be empty.
     *
     * @param issueUrl       the issue's page
     * @param pullRequestUrl the pull request's page
     */
    public record Links(String issueUrl, String pullRequestUrl) {
        public Links {
            issueUrl = Objects.requireNonNullElse(issueUrl, "");
            pullRequestUrl = Objects.requireNonNullElse(pullRequestUrl, "");
        }

        public static Links none() {
            return new Links("", "");
        }
    }

    private StatusReport() {
    }

    public static String render(WorkflowState s, Links links) {
        Objects.requireNonNull(s, "state");
        Objects.requireNonNull(links, "links");
        if (!s.isStarted()) {
            return "Tamma has no workflow here.";
        }
        Change c = s.change();
        StringBuilder text = new StringBuilder("### Tamma's status\n\n")
                .append("Tamma is ").append(Comments.whereItStands(s)).append(".\n\n")
                .append("| | |\n|---|---|\n")
                .append("| workflow | `").append(s.workflowId()).append("` (")
                .append(s.config().mode().name().toLowerCase(java.util.Locale.ROOT)).append(" mode) |\n")
                .append("| status | ").append(s.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                .append(" |\n")
                .append("| step | `").append(s.step().slug()).append("` |\n");
        if (s.attempt() > 0) {
            text.append("| attempt | ").append(s.attempt()).append(" (").append(s.failures(s.step()))
                    .append(" of ").append(s.config().maxAttempts(s.step())).append(" allowed failures used) |\n");
        }
        if (s.waitingFor() != null) {
            text.append("| waiting for | ").append(Comments.describe(s.waitingFor()));
            if (s.waitTimeoutAt() != null) {
                text.append(", until ").append(s.waitTimeoutAt());
            }
            text.append(" |\n");
        } else if (s.retryPending()) {
            text.append("| waiting for | the next attempt, at ").append(s.deadline().at()).append(" |\n");
        }
        if (s.status() == WorkflowStatus.ESCALATED && s.escalation() != null) {
            text.append("| escalated | ").append(Comments.whatFailed(s.escalation())).append(": ")
                    .append(Comments.why(s.escalation()).replace('|', '/').replace('\n', ' ')).append(" |\n");
        }
        text.append("| issue | ").append(link(s.issue(), links.issueUrl())).append(" |\n");
        if (c.pullRequest() != null) {
            text.append("| pull request | ").append(link("pull request " + c.pullRequest(), links.pullRequestUrl()))
                    .append(" |\n");
        }
        if (c.headSha() != null) {
            text.append("| head commit | `").append(c.headSha()).append("` |\n");
        }
        return text.append("\nCommands: `/tamma help`.").toString();
    }

    private static String link(String text, String url) {
        return url.isBlank() ? text : "[" + text + "](" + url + ")";
    }
}
