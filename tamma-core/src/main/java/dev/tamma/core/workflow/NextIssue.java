package dev.tamma.core.workflow;

import dev.tamma.core.platform.Issue;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Auto-next: which open issue a repository works on next. Issues carrying an earlier label of
 * {@code priorityLabels} come first; among equals, the oldest (lowest number: every platform numbers
 * issues in the order they were opened). Issues that already had a workflow are left alone, so one
 * a person stopped is not picked up again.
 */
public final class NextIssue {

    private NextIssue() {
    }

    public static Optional<Issue> pick(Collection<Issue> candidates, List<String> priorityLabels,
            Collection<Long> alreadyWorkedOn) {
        Objects.requireNonNull(candidates, "candidates");
        List<String> priorities = priorityLabels.stream().map(l -> l.toLowerCase(Locale.ROOT)).toList();
        return candidates.stream()
                .filter(Issue::open)
                .filter(issue -> !alreadyWorkedOn.contains(issue.number()))
                .min(Comparator.comparingInt((Issue issue) -> rank(issue, priorities)).thenComparingLong(Issue::number));
    }

    /** The index of the issue's highest priority label; issues without one rank after all of them. */
    private static int rank(Issue issue, List<String> priorities) {
        return issue.labels().stream().map(l -> priorities.indexOf(l.toLowerCase(Locale.ROOT)))
                .filter(i -> i >= 0).min(Integer::compare).orElse(priorities.size());
    }
}
