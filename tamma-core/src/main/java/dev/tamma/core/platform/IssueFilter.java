package dev.tamma.core.platform;

import java.util.Optional;

/** Which open issues to list: those with a label, those assigned to someone, or both. */
public record IssueFilter(Optional<String> label, Optional<String> assignee) {

    public IssueFilter {
        label = label == null ? Optional.empty() : label;
        assignee = assignee == null ? Optional.empty() : assignee;
        label.ifPresent(l -> Checks.notBlank(l, "label"));
        assignee.ifPresent(a -> Checks.notBlank(a, "assignee"));
    }

    public static IssueFilter labelled(String label) {
        return new IssueFilter(Optional.of(label), Optional.empty());
    }

    public static IssueFilter assignedTo(String assignee) {
        return new IssueFilter(Optional.empty(), Optional.of(assignee));
    }

    public boolean accepts(Issue issue) {
        return issue.open()
                && label.map(issue::hasLabel).orElse(true)
                && assignee.map(issue.assignees()::contains).orElse(true);
    }
}
