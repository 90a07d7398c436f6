package dev.tamma.core.platform;

import java.util.Optional;

/** The parts of a pull request to change; empty parts stay as they are. */
public record PullRequestUpdate(Optional<String> title, Optional<String> body) {

    public PullRequestUpdate {
        title = title == null ? Optional.empty() : title;
        body = body == null ? Optional.empty() : body;
        title.ifPresent(t -> Checks.notBlank(t, "pull request title"));
        if (title.isEmpty() && body.isEmpty()) {
            throw new IllegalArgumentException("a pull request update must change the title or the body");
        }
    }

    public static PullRequestUpdate title(String title) {
        return new PullRequestUpdate(Optional.of(title), Optional.empty());
    }

    public static PullRequestUpdate body(String body) {
        return new PullRequestUpdate(Optional.empty(), Optional.of(body));
    }
}
