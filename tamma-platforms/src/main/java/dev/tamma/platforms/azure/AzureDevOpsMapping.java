package dev.tamma.platforms.azure;

import dev.tamma.core.platform.Check;
import dev.tamma.core.platform.CiState;
import dev.tamma.core.platform.Comment;
import dev.tamma.core.platform.Issue;
import dev.tamma.core.platform.PullRequest;
import dev.tamma.core.platform.PullRequestState;
import dev.tamma.core.platform.ReviewComment;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Azure DevOps work items, pull requests and threads as the port's records. People are named by {@code uniqueName}. */
final class AzureDevOpsMapping {

    static final String HEADS = "refs/heads/";
    private static final Set<String> DONE = Set.of("Closed", "Done", "Removed", "Resolved");
    private static final Set<String> RESOLVED_THREADS = Set.of("fixed", "closed", "wontFix", "byDesign");

    /**
     * Review comment ids are unique only within their thread on Azure DevOps, so Tamma's id for one
     * is {@code threadId * 1000 + commentId} (a thread longer than 999 comments is refused).
     */
    static long reviewCommentId(long threadId, long commentId) {
        if (commentId >= 1000) {
            throw new IllegalStateException("thread " + threadId + " has more than 999 comments");
        }
        return threadId * 1000 + commentId;
    }

    static Issue workItem(JsonNode j, String closedState) {
        JsonNode f = j.path("fields");
        String state = f.path("System.State").asString("");
        String tags = f.path("System.Tags").asString("");
        List<String> labels = tags.isBlank() ? List.of() : Arrays.stream(tags.split(";")).map(String::strip)
                .filter(t -> !t.isEmpty()).toList();
        JsonNode assignee = f.path("System.AssignedTo");
        return new Issue(j.path("id").asLong(), f.path("System.Title").asString(), f.path("System.Description").asString(""),
                !DONE.contains(state) && !state.equals(closedState), labels,
                assignee.isObject() ? List.of(assignee.path("uniqueName").asString()) : List.of(),
                f.path("System.CreatedBy").path("uniqueName").asString(""),
                j.path("_links").path("html").path("href").asString(""));
    }

    static Comment comment(JsonNode j) {
        Instant created = instant(j.path("createdDate"));
        Instant modified = j.path("modifiedDate").isString() ? instant(j.path("modifiedDate")) : created;
        return new Comment(j.path("id").asLong(), j.path("createdBy").path("uniqueName").asString(""),
                j.path("text").asString(""), created, modified.isBefore(created) ? created : modified, j.path("url").asString(""));
    }

    static PullRequest pullRequest(JsonNode j, String webBase) {
        PullRequestState state = switch (j.path("status").asString()) {
            case "completed" -> PullRequestState.MERGED;
            case "abandoned" -> PullRequestState.CLOSED;
            default -> PullRequestState.OPEN;
        };
        long id = j.path("pullRequestId").asLong();
        return new PullRequest(id, j.path("title").asString(), j.path("description").asString(""),
                branch(j.path("sourceRefName").asString()), branch(j.path("targetRefName").asString()), state,
                j.path("isDraft").asBoolean(false), j.path("lastMergeSourceCommit").path("commitId").asString(""),
                webBase + "/pullrequest/" + id);
    }

    static ReviewComment reviewComment(JsonNode thread, JsonNode comment) {
        JsonNode context = thread.path("threadContext");
        int line = context.path("rightFileStart").path("line").asInt(context.path("leftFileStart").path("line").asInt(0));
        String path = context.path("filePath").asString("").replaceFirst("^/", "");
        long threadId = thread.path("id").asLong();
        return new ReviewComment(reviewCommentId(threadId, comment.path("id").asLong()), Long.toString(threadId),
                comment.path("author").path("uniqueName").asString(""), comment.path("content").asString(""), path,
                line > 0 ? Optional.of(line) : Optional.empty(), instant(comment.path("publishedDate")),
                RESOLVED_THREADS.contains(thread.path("status").asString()));
    }

    static Check check(JsonNode status) {
        CiState state = switch (status.path("state").asString()) {
            case "succeeded", "notApplicable" -> CiState.SUCCESS;
            case "failed", "error" -> CiState.FAILURE;
            default -> CiState.PENDING;
        };
        JsonNode context = status.path("context");
        String genre = context.path("genre").asString("");
        String name = (genre.isEmpty() ? "" : genre + "/") + context.path("name").asString("status");
        return new Check(name, state, status.path("targetUrl").asString(""));
    }

    static String branch(String ref) {
        return ref.startsWith(HEADS) ? ref.substring(HEADS.length()) : ref;
    }

    private static Instant instant(JsonNode value) {
        return value.isString() ? OffsetDateTime.parse(value.asString()).toInstant() : Instant.EPOCH;
    }

    private AzureDevOpsMapping() {
    }
}
