package dev.tamma.platforms.bitbucket;

import dev.tamma.core.platform.Check;
import dev.tamma.core.platform.CiState;
import dev.tamma.core.platform.Comment;
import dev.tamma.core.platform.Issue;
import dev.tamma.core.platform.Permission;
import dev.tamma.core.platform.PullRequest;
import dev.tamma.core.platform.PullRequestState;
import dev.tamma.core.platform.ReviewComment;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Bitbucket Cloud's API 2.0 JSON as the port's records. People are named by their {@code account_id}. */
final class BitbucketMapping {

    private static final Set<String> OPEN_STATES = Set.of("new", "open", "on hold");

    static String account(JsonNode user) {
        return user.path("account_id").asString("");
    }

    static Issue issue(JsonNode j) {
        JsonNode assignee = j.path("assignee");
        return new Issue(j.path("id").asLong(), j.path("title").asString(), j.path("content").path("raw").asString(""),
                OPEN_STATES.contains(j.path("state").asString()), List.of(),
                assignee.isObject() ? List.of(account(assignee)) : List.of(), account(j.path("reporter")),
                j.path("links").path("html").path("href").asString(""));
    }

    static Comment comment(JsonNode j) {
        Instant created = instant(j.path("created_on"));
        Instant updated = j.path("updated_on").isString() ? instant(j.path("updated_on")) : created;
        return new Comment(j.path("id").asLong(), account(j.path("user")), j.path("content").path("raw").asString(""),
                created, updated.isBefore(created) ? created : updated, j.path("links").path("html").path("href").asString(""));
    }

    static PullRequest pullRequest(JsonNode j) {
        PullRequestState state = switch (j.path("state").asString()) {
            case "OPEN" -> PullRequestState.OPEN;
            case "MERGED" -> PullRequestState.MERGED;
            default -> PullRequestState.CLOSED;
        };
        return new PullRequest(j.path("id").asLong(), j.path("title").asString(), j.path("description").asString(""),
                j.path("source").path("branch").path("name").asString(),
                j.path("destination").path("branch").path("name").asString(), state, j.path("draft").asBoolean(false),
                j.path("source").path("commit").path("hash").asString(""), j.path("links").path("html").path("href").asString(""));
    }

    /** An inline comment; its thread is named by the id of the comment that started it. */
    static ReviewComment reviewComment(JsonNode j, long threadRoot) {
        JsonNode inline = j.path("inline");
        int line = inline.path("to").isNumber() ? inline.path("to").asInt() : inline.path("from").asInt(0);
        return new ReviewComment(j.path("id").asLong(), Long.toString(threadRoot), account(j.path("user")),
                j.path("content").path("raw").asString(""), inline.path("path").asString(""),
                line > 0 ? Optional.of(line) : Optional.empty(), instant(j.path("created_on")),
                j.path("resolution").isObject());
    }

    static Check check(JsonNode j) {
        CiState state = switch (j.path("state").asString()) {
            case "SUCCESSFUL" -> CiState.SUCCESS;
            case "INPROGRESS" -> CiState.PENDING;
            default -> CiState.FAILURE;
        };
        String name = j.path("name").asString(j.path("key").asString("status"));
        return new Check(name.isBlank() ? j.path("key").asString("status") : name, state, j.path("url").asString(""));
    }

    static Permission permission(String permission) {
        return switch (permission) {
            case "admin" -> Permission.ADMIN;
            case "write" -> Permission.WRITE;
            case "read" -> Permission.READ;
            default -> Permission.NONE;
        };
    }

    private static Instant instant(JsonNode value) {
        return value.isString() ? OffsetDateTime.parse(value.asString()).toInstant() : Instant.EPOCH;
    }

    private BitbucketMapping() {
    }
}
