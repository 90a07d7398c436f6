package dev.tamma.platforms.gitea;

import dev.tamma.core.platform.Check;
import dev.tamma.core.platform.CiState;
import dev.tamma.core.platform.Comment;
import dev.tamma.core.platform.Issue;
import dev.tamma.core.platform.Permission;
import dev.tamma.core.platform.PullRequest;
import dev.tamma.core.platform.PullRequestState;
import dev.tamma.core.platform.Reaction;
import dev.tamma.core.platform.ReactionGiven;
import dev.tamma.core.platform.ReviewComment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Gitea's JSON (its swagger {@code structs}) as the port's records. */
final class GiteaMapping {

    static Issue issue(JsonNode j) {
        return new Issue(j.path("number").asLong(), j.path("title").asString(), j.path("body").asString(""),
                "open".equals(j.path("state").asString()), names(j.path("labels"), "name"),
                names(j.path("assignees"), "login"), j.path("user").path("login").asString(""),
                j.path("html_url").asString(""));
    }

    static Comment comment(JsonNode j) {
        return new Comment(j.path("id").asLong(), j.path("user").path("login").asString(""), j.path("body").asString(""),
                instant(j.path("created_at")), instant(j.path("updated_at")), j.path("html_url").asString(""));
    }

    static PullRequest pullRequest(JsonNode j) {
        PullRequestState state = "open".equals(j.path("state").asString()) ? PullRequestState.OPEN
                : j.path("merged").asBoolean(false) ? PullRequestState.MERGED : PullRequestState.CLOSED;
        return new PullRequest(j.path("number").asLong(), j.path("title").asString(), j.path("body").asString(""),
                j.path("head").path("ref").asString(), j.path("base").path("ref").asString(), state,
                j.path("draft").asBoolean(false), j.path("head").path("sha").asString(""), j.path("html_url").asString(""));
    }

    /** Gitea has no reply threads: each review comment is its own thread. */
    static ReviewComment reviewComment(JsonNode j) {
        long line = j.path("position").asLong(0) > 0 ? j.path("position").asLong() : j.path("original_position").asLong(0);
        return new ReviewComment(j.path("id").asLong(), Long.toString(j.path("id").asLong()),
                j.path("user").path("login").asString(""), j.path("body").asString(""), j.path("path").asString(""),
                line > 0 ? Optional.of((int) line) : Optional.empty(), instant(j.path("created_at")),
                !j.path("resolver").isNull() && !j.path("resolver").isMissingNode());
    }

    /** A commit status; Gitea names its state {@code status} inside the combined answer. */
    static Check check(JsonNode j) {
        String state = j.path("status").asString(j.path("state").asString(""));
        CiState ci = switch (state) {
            case "success" -> CiState.SUCCESS;
            case "pending", "" -> CiState.PENDING;
            case "warning" -> CiState.SUCCESS;
            default -> CiState.FAILURE;
        };
        return new Check(j.path("context").asString("status"), ci, j.path("target_url").asString(""));
    }

    static Permission permission(String permission) {
        return switch (permission) {
            case "owner", "admin" -> Permission.ADMIN;
            case "write" -> Permission.WRITE;
            case "read" -> Permission.READ;
            default -> Permission.NONE;
        };
    }

    static String reaction(Reaction reaction) {
        return switch (reaction) {
            case THUMBS_UP -> "+1";
            case THUMBS_DOWN -> "-1";
            case LAUGH -> "laugh";
            case CONFUSED -> "confused";
            case HEART -> "heart";
            case HOORAY -> "hooray";
            case ROCKET -> "rocket";
            case EYES -> "eyes";
        };
    }

    static Optional<ReactionGiven> reaction(JsonNode j) {
        String content = j.path("content").asString("");
        return java.util.Arrays.stream(Reaction.values()).filter(r -> reaction(r).equals(content)).findFirst()
                .map(r -> new ReactionGiven(j.path("user").path("login").asString(""), r, instant(j.path("created_at"))));
    }

    private static List<String> names(JsonNode array, String field) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.path(field).asString()));
        return names;
    }

    private static Instant instant(JsonNode value) {
        return value.isString() ? java.time.OffsetDateTime.parse(value.asString()).toInstant() : Instant.EPOCH;
    }

    private GiteaMapping() {
    }
}
