package dev.tamma.core.platform;

import java.util.List;
import java.util.Objects;

/** An issue as the platform shows it. */
public record Issue(long number, String title, String body, boolean open, List<String> labels,
        List<String> assignees, String author, String url) {

    public Issue {
        Checks.positive(number, "issue number");
        Objects.requireNonNull(title, "title");
        body = Objects.requireNonNullElse(body, "");
        labels = Checks.copy(labels);
        assignees = Checks.copy(assignees);
        author = Objects.requireNonNullElse(author, "");
        url = Objects.requireNonNullElse(url, "");
    }

    public boolean hasLabel(String label) {
        return labels.contains(label);
    }
}
