package dev.tamma.core.platform;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A comment on a line of a pull request's diff. {@code threadId} names the conversation it belongs
 * to (the id of the first comment on platforms without threads); {@code line} is empty for a
 * comment on a whole file.
 */
public record ReviewComment(long id, String threadId, String author, String body, String path, Optional<Integer> line,
        Instant createdAt, boolean resolved) {

    public ReviewComment {
        Checks.positive(id, "review comment id");
        threadId = Checks.notBlank(threadId, "thread id");
        author = Objects.requireNonNullElse(author, "");
        body = Objects.requireNonNullElse(body, "");
        path = Objects.requireNonNullElse(path, "");
        line = line == null ? Optional.empty() : line;
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
