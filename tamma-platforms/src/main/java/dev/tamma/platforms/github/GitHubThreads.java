package dev.tamma.platforms.github;

import dev.tamma.core.platform.PlatformException;
import dev.tamma.core.platform.PlatformException.Kind;
import dev.tamma.core.platform.RepositoryId;
import dev.tamma.platforms.http.RestClient;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What GitHub offers only in its GraphQL API: review threads (whether one is resolved, and
 * resolving it), auto-merge, and taking a pull request out of draft. A thread is named, as in the
 * REST API, by the database id of its first comment.
 */
final class GitHubThreads {

    private static final String THREADS = """
            query($owner: String!, $name: String!, $number: Int!, $cursor: String) {
              repository(owner: $owner, name: $name) {
                pullRequest(number: $number) {
                  reviewThreads(first: 100, after: $cursor) {
                    nodes { id isResolved comments(first: 1) { nodes { databaseId } } }
                    pageInfo { hasNextPage endCursor }
                  }
                }
              }
            }""";

    private static final String RESOLVE = """
            mutation($thread: ID!) {
              resolveReviewThread(input: {threadId: $thread}) { thread { id isResolved } }
            }""";

    private static final String AUTO_MERGE = """
            mutation($pr: ID!, $method: PullRequestMergeMethod!) {
              enablePullRequestAutoMerge(input: {pullRequestId: $pr, mergeMethod: $method}) {
                pullRequest { number autoMergeRequest { enabledAt mergeMethod } }
              }
            }""";

    private static final String MARK_READY = """
            mutation($pr: ID!) {
              markPullRequestReadyForReview(input: {pullRequestId: $pr}) { pullRequest { number isDraft } }
            }""";

    private final RestClient graphql;
    private final RepositoryId id;

    GitHubThreads(RestClient graphql, RepositoryId id) {
        this.graphql = graphql;
        this.id = id;
    }

    /** Thread node id and resolution, by the database id of the thread's first comment. */
    Map<Long, Thread> threads(long pullRequest) {
        Map<Long, Thread> threads = new HashMap<>();
        String cursor = null;
        do {
            Map<String, Object> variables = new HashMap<>(Map.of("owner", id.owner(), "name", id.name(),
                    "number", pullRequest));
            variables.put("cursor", cursor);
            JsonNode page = data(graphql.query("/graphql", Map.of("query", THREADS, "variables", variables)))
                    .path("repository").path("pullRequest").path("reviewThreads");
            for (JsonNode node : page.path("nodes")) {
                JsonNode first = node.path("comments").path("nodes").path(0);
                threads.put(first.path("databaseId").asLong(), new Thread(node.path("id").asString(),
                        node.path("isResolved").asBoolean()));
            }
            cursor = page.path("pageInfo").path("hasNextPage").asBoolean() ? page.path("pageInfo").path("endCursor").asString()
                    : null;
        } while (cursor != null);
        return threads;
    }

    void resolve(long pullRequest, long firstCommentId) {
        Thread thread = threads(pullRequest).get(firstCommentId);
        if (thread == null) {
            throw PlatformException.notFound("review thread " + firstCommentId + " on #" + pullRequest);
        }
        if (!thread.resolved()) {
            data(graphql.post("/graphql", Map.of("query", RESOLVE, "variables", Map.of("thread", thread.nodeId()))));
        }
    }

    void enableAutoMerge(String pullRequestNodeId, dev.tamma.core.platform.MergeMethod method) {
        data(graphql.post("/graphql", Map.of("query", AUTO_MERGE, "variables", Map.of("pr", pullRequestNodeId,
                "method", method.name()))));
    }

    void markReady(String pullRequestNodeId) {
        data(graphql.post("/graphql", Map.of("query", MARK_READY, "variables", Map.of("pr", pullRequestNodeId))));
    }

    /** GraphQL answers 200 with {@code errors} when it refuses; those become the port's errors. */
    private static JsonNode data(JsonNode answer) {
        JsonNode errors = answer.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            JsonNode first = errors.path(0);
            Kind kind = switch (first.path("type").asString("")) {
                case "NOT_FOUND" -> Kind.NOT_FOUND;
                case "FORBIDDEN" -> Kind.FORBIDDEN;
                case "RATE_LIMITED" -> Kind.RATE_LIMITED;
                default -> Kind.INVALID;
            };
            throw new PlatformException(kind, 200, "github: GraphQL: " + first.path("message").asString(""));
        }
        return answer.path("data");
    }

    record Thread(String nodeId, boolean resolved) {
    }
}
