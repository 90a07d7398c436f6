package dev.tamma.core.workflow;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the workflow knows about the change it is making, gathered from step outputs, people and
 * the platform.
 *
 * @param pullRequest        the pull request number once CREATE_PR opened it
 * @param headSha            the last pushed commit
 * @param baseSha            the base branch's latest known commit
 * @param questions          the questions ANALYZE last asked
 * @param planOptions        how many options the last plan offered
 * @param approvedOption     the plan option a person approved, if they named one
 * @param mergeApprovedBy    who approved merging the current head; cleared by every new push
 * @param breakingChange     a step flagged a breaking change
 * @param deletedLines       the most lines any step reported the change deleting
 * @param protectedPaths     protected paths the change touches
 * @param openFeedback       people's review feedback not yet handled by ADDRESS_COMMENTS
 * @param latestFeedback     the text of the latest such feedback
 * @param issueUrl           the issue's web page, once ISSUE_ASSIGNED read it from the platform
 * @param pullRequestUrl     the pull request's web page, once CREATE_PR opened it
 */
public record Change(
        Integer pullRequest,
        String headSha,
        String baseSha,
        List<String> questions,
        int planOptions,
        Integer approvedOption,
        String mergeApprovedBy,
        boolean breakingChange,
        int deletedLines,
        List<String> protectedPaths,
        int openFeedback,
        String latestFeedback,
        String issueUrl,
        String pullRequestUrl) {

    public Change {
        questions = List.copyOf(Objects.requireNonNullElse(questions, List.of()));
        protectedPaths = List.copyOf(Objects.requireNonNullElse(protectedPaths, List.of()));
    }

    public static Change none() {
        return new Change(null, null, null, List.of(), 0, null, null, false, 0, List.of(), 0, null, null, null);
    }

    /** Risky changes wait for a person at both checkpoints, whatever the mode. */
    public boolean isRisky(int deletionThreshold) {
        return breakingChange || deletedLines > deletionThreshold || !protectedPaths.isEmpty();
    }

    /** Folds a step's report in. Risk only accumulates: once flagged, a change stays risky. */
    Change with(Step step, StepOutput output) {
        String newHead = output.headSha() != null ? output.headSha() : headSha;
        Set<String> paths = new LinkedHashSet<>(protectedPaths);
        paths.addAll(output.protectedPathsTouched());
        return new Change(
                output.pullRequest() != null ? output.pullRequest() : pullRequest,
                newHead,
                baseSha,
                step == Step.ANALYZE ? output.questions() : questions,
                step == Step.PLAN ? output.planOptions() : planOptions,
                approvedOption,
                Objects.equals(newHead, headSha) ? mergeApprovedBy : null,
                breakingChange || output.breakingChange(),
                Math.max(deletedLines, output.deletedLines()),
                List.copyOf(paths),
                step == Step.ADDRESS_COMMENTS ? 0 : openFeedback,
                step == Step.ADDRESS_COMMENTS ? null : latestFeedback,
                output.issueUrl() != null ? output.issueUrl() : issueUrl,
                output.pullRequest() != null ? output.pullRequestUrl() : pullRequestUrl);
    }

    Change withApprovedOption(Integer option) {
        return new Change(pullRequest, headSha, baseSha, questions, planOptions, option, mergeApprovedBy,
                breakingChange, deletedLines, protectedPaths, openFeedback, latestFeedback, issueUrl, pullRequestUrl);
    }

    Change withMergeApprovedBy(String actor) {
        return new Change(pullRequest, headSha, baseSha, questions, planOptions, approvedOption, actor,
                breakingChange, deletedLines, protectedPaths, openFeedback, latestFeedback, issueUrl, pullRequestUrl);
    }

    Change withBaseSha(String sha) {
        return new Change(pullRequest, headSha, sha, questions, planOptions, approvedOption, mergeApprovedBy,
                breakingChange, deletedLines, protectedPaths, openFeedback, latestFeedback, issueUrl, pullRequestUrl);
    }

    Change withFeedback(String text) {
        return new Change(pullRequest, headSha, baseSha, questions, planOptions, approvedOption, mergeApprovedBy,
                breakingChange, deletedLines, protectedPaths, openFeedback + 1, text, issueUrl, pullRequestUrl);
    }
}
