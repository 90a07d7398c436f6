package dev.tamma.worker.step;

import dev.tamma.core.platform.Comment;
import dev.tamma.core.platform.Issue;
import java.time.Instant;
import java.util.List;

/** The issue and its discussion as the model reads them. */
final class IssueText {

    private static final int COMMENT_LIMIT = 4_000;

    private IssueText() {
    }

    static String of(StepContext context) {
        Issue issue = context.issue();
        StringBuilder text = new StringBuilder()
                .append("Issue #").append(issue.number()).append(": ").append(issue.title()).append('\n')
                .append("Opened by ").append(issue.author().isBlank() ? "someone" : issue.author()).append('\n')
                .append("Labels: ").append(issue.labels().isEmpty() ? "none" : String.join(", ", issue.labels()))
                .append("\n\n").append(issue.body().isBlank() ? "(no description)" : issue.body()).append('\n');
        List<Comment> comments = context.platform().commentsSince(issue.number(), Instant.EPOCH);
        if (!comments.isEmpty()) {
            text.append("\nDiscussion:\n");
            for (Comment c : comments) {
                String body = c.body().length() > COMMENT_LIMIT ? c.body().substring(0, COMMENT_LIMIT) + " [...]" : c.body();
                text.append("\n").append(c.author().isBlank() ? "someone" : c.author()).append(" wrote:\n")
                        .append(body.strip()).append('\n');
            }
        }
        return text.toString();
    }
}
