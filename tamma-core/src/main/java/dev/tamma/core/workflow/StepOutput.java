package dev.tamma.core.workflow;

import java.util.List;
import java.util.Objects;

/**
 * What a successful step reports back. One record for all steps keeps events plain to serialize;
 * a step fills only the fields it knows about.
 *
 * @param summary               one line for people and the audit log
 * @param questions             ANALYZE: questions posted for people; empty when the issue is clear
 * @param planOptions           PLAN: how many options the plan offers (0 when not said)
 * @param pullRequest           CREATE_PR: the pull request number, else {@code null}
 * @param headSha               PUSH (or ADDRESS_COMMENTS when it pushed): the new head commit
 * @param breakingChange        PLAN or REVIEW flagged a breaking change
 * @param deletedLines          lines the change deletes, as far as the step knows
 * @param protectedPathsTouched protected paths the change touches
 * @param issueUrl              ISSUE_ASSIGNED: the issue's web page as the platform gives it, else {@code null}
 * @param pullRequestUrl        CREATE_PR: the pull request's web page as the platform gives it, else {@code null}
 */
public record StepOutput(
        String summary,
        List<String> questions,
        int planOptions,
        Integer pullRequest,
        String headSha,
        boolean breakingChange,
        int deletedLines,
        List<String> protectedPathsTouched,
        String issueUrl,
        String pullRequestUrl) {

    public StepOutput {
        issueUrl = issueUrl == null || issueUrl.isBlank() ? null : issueUrl;
        pullRequestUrl = pullRequestUrl == null || pullRequestUrl.isBlank() ? null : pullRequestUrl;
        summary = summary == null ? "" : summary;
        questions = List.copyOf(Objects.requireNonNullElse(questions, List.of()));
        protectedPathsTouched = List.copyOf(Objects.requireNonNullElse(protectedPathsTouched, List.of()));
        if (planOptions < 0) {
            throw new IllegalArgumentException("planOptions must not be negative, got " + planOptions);
        }
        if (deletedLines < 0) {
            throw new IllegalArgumentException("deletedLines must not be negative, got " + deletedLines);
        }
    }

    public static StepOutput of(String summary) {
        return new StepOutput(summary, List.of(), 0, null, null, false, 0, List.of(), null, null);
    }

    public StepOutput withQuestions(List<String> newQuestions) {
        return new StepOutput(summary, newQuestions, planOptions, pullRequest, headSha, breakingChange, deletedLines, protectedPathsTouched, issueUrl, pullRequestUrl);
    }

    public StepOutput withPlanOptions(int options) {
        return new StepOutput(summary, questions, options, pullRequest, headSha, breakingChange, deletedLines, protectedPathsTouched, issueUrl, pullRequestUrl);
    }

    public StepOutput withPullRequest(int number) {
        return withPullRequest(number, pullRequestUrl);
    }

    /** The pull request with its web page ({@code url} may be empty where the platform has none). */
    public StepOutput withPullRequest(int number, String url) {
        return new StepOutput(summary, questions, planOptions, number, headSha, breakingChange, deletedLines, protectedPathsTouched, issueUrl, url);
    }

    public StepOutput withIssueUrl(String url) {
        return new StepOutput(summary, questions, planOptions, pullRequest, headSha, breakingChange, deletedLines, protectedPathsTouched, url, pullRequestUrl);
    }

    public StepOutput withHeadSha(String sha) {
        return new StepOutput(summary, questions, planOptions, pullRequest, sha, breakingChange, deletedLines, protectedPathsTouched, issueUrl, pullRequestUrl);
    }

    public StepOutput withRisk(boolean breaking, int deletions, List<String> protectedPaths) {
        return new StepOutput(summary, questions, planOptions, pullRequest, headSha, breaking, deletions, protectedPaths, issueUrl, pullRequestUrl);
    }
}
