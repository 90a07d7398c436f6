package dev.tamma.core.platform;

import java.time.Instant;
import java.util.Objects;

/** A comment on an issue or on a pull request's conversation. */
public record Comment(long id, String author, String body, Instant createdAt, Instant updatedAt, String url) {

    public Comment {
        Checks.positive(id, "comment id");
        author = Objects.requireNonNullElse(author, "");
        body = Objects.requireNonNullElse(body, "");
        Objects.requireNonNull(createdAt, "createdAt");
        updatedAt = Objects.requireNonNullElse(updatedAt, createdAt);
        url = Objects.requireNonNullElse(url, "");
    }

    /** True once the comment was edited after it was written (Tamma ignores edited commands). */
    public boolean edited() {
        return updatedAt.isAfter(createdAt);
    }

    public boolean carries(CommentMarker marker) {
        return marker.isIn(body);
    }
}
