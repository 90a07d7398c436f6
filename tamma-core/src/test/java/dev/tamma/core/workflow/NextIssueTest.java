package dev.tamma.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.platform.Issue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Auto-next: priority label first, then age; never an issue that already had a workflow. */
class NextIssueTest {

    private static final List<String> PRIORITIES = List.of("priority:high", "priority:medium");

    private static Issue issue(long number, String... labels) {
        return new Issue(number, "issue " + number, "", true, List.of(labels), List.of(), "erin", "");
    }

    @Test
    void theHighestPriorityComesFirstAndTheOldestAmongEquals() {
        List<Issue> open = List.of(issue(11, "tamma"), issue(14, "tamma", "Priority:High"), issue(12, "priority:medium"),
                issue(13, "tamma", "priority:high", "priority:medium"));

        assertThat(NextIssue.pick(open, PRIORITIES, List.of())).map(Issue::number).contains(13L);
        assertThat(NextIssue.pick(open, PRIORITIES, List.of(13L))).map(Issue::number).contains(14L);
        assertThat(NextIssue.pick(open, PRIORITIES, List.of(13L, 14L))).map(Issue::number).contains(12L);
        assertThat(NextIssue.pick(open, PRIORITIES, List.of(12L, 13L, 14L))).map(Issue::number).contains(11L);
    }

    @Test
    void withoutPriorityLabelsTheOldestComesFirst() {
        assertThat(NextIssue.pick(List.of(issue(8, "priority:high"), issue(5), issue(7)), List.of(), List.of()))
                .map(Issue::number).contains(5L);
    }

    @Test
    void closedIssuesAndIssuesAlreadyWorkedOnAreNeverPicked() {
        Issue closed = new Issue(3, "done", "", false, List.of("priority:high"), List.of(), "erin", "");

        assertThat(NextIssue.pick(List.of(closed, issue(4)), PRIORITIES, List.of(4L))).isEmpty();
        assertThat(NextIssue.pick(List.of(), PRIORITIES, List.of())).isEmpty();
    }
}
