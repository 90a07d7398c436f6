package dev.tamma.platforms.bitbucket;

import static dev.tamma.platforms.http.RestClient.query;
import static dev.tamma.platforms.http.RestClient.segment;

import dev.tamma.core.platform.Capabilities;
import dev.tamma.core.platform.Capability;
import dev.tamma.core.platform.CiStatus;
import dev.tamma.core.platform.Comment;
import dev.tamma.core.platform.GitPlatform;
import dev.tamma.core.platform.Issue;
import dev.tamma.core.platform.IssueFilter;
import dev.tamma.core.platform.MergeMethod;
import dev.tamma.core.platform.MergeResult;
import dev.tamma.core.platform.NewPullRequest;
import dev.tamma.core.platform.Permission;
import dev.tamma.core.platform.PlatformException;
import dev.tamma.core.platform.PlatformException.Kind;
import dev.tamma.core.platform.PullRequest;
import dev.tamma.core.platform.PullRequestUpdate;
import dev.tamma.core.platform.Reaction;
import dev.tamma.core.platform.ReactionGiven;
import dev.tamma.core.platform.RepositoryId;
import dev.tamma.core.platform.RepositoryInfo;
import dev.tamma.core.platform.ReviewComment;
import dev.tamma.core.platform.Secret;
import dev.tamma.core.platform.WebhookRequest;
import dev.tamma.platforms.http.Resilience;
import dev.tamma.platforms.http.RestClient;
import dev.tamma.platforms.workspace.GitCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Bitbucket Cloud over its REST API 2.0, with a repository or workspace access token (Bearer).
 * Experimental: Bitbucket's issue tracker has no labels and no reactions, so Tamma cannot claim or
 * flag issues by label there; people are named by their {@code account_id}; a user's permission is
 * read from the repository's explicit permissions (workspace-wide grants are not seen).
 */
public final class BitbucketPlatform implements GitPlatform {

    static final Capabilities CAPABILITIES = new Capabilities(
            EnumSet.of(Capability.NATIVE_DRAFTS, Capability.THREAD_RESOLUTION, Capability.REVIEW_REPLIES,
                    Capability.ASSIGNEES, Capability.WEBHOOK_REGISTRATION),
            EnumSet.of(MergeMethod.MERGE, MergeMethod.SQUASH), true);

    public static final URI BITBUCKET_ORG = URI.create("https://api.bitbucket.org/2.0");

    private final RepositoryId id;
    private final String repo;
    private final Secret token;
    private final RestClient api;
    private final Resilience resilience;

    public BitbucketPlatform(URI apiUrl, RepositoryId id, Secret token, Resilience resilience, Clock clock) {
        this.id = id;
        this.repo = "/repositories/" + segment(id.owner()) + "/" + segment(id.name());
        this.token = token;
        this.resilience = resilience;
        this.api = new RestClient("bitbucket", apiUrl, () -> "Bearer " + token.reveal(), HttpClient.newHttpClient(),
                resilience, clock);
    }

    @Override
    public String platformName() {
        return "bitbucket";
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public void eventReceived(Instant at) {
        resilience.eventSeen(at);
    }

    /** Access tokens push over HTTPS as the user {@code x-token-auth}. */
    public GitCredentials gitCredentials() {
        return new GitCredentials("x-token-auth", token);
    }

    @Override
    public RepositoryInfo repository() {
        JsonNode r = api.get(repo);
        String clone = "";
        for (JsonNode link : r.path("links").path("clone")) {
            if ("https".equals(link.path("name").asString())) {
                clone = link.path("href").asString().replaceFirst("https://[^@/]+@", "https://");
            }
        }
        return new RepositoryInfo(id, r.path("mainbranch").path("name").asString(), clone,
                r.path("links").path("html").path("href").asString(""));
    }

    @Override
    public Issue issue(long number) {
        return BitbucketMapping.issue(api.get(repo + "/issues/" + number));
    }

    @Override
    public List<Issue> issues(IssueFilter filter) {
        if (filter.label().isPresent()) {
            CAPABILITIES.require(Capability.LABELS, platformName());
        }
        String q = "(state=\"new\" OR state=\"open\")"
                + filter.assignee().map(a -> " AND assignee.account_id=\"" + a.replace("\"", "") + "\"").orElse("");
        return api.getAllInBody(repo + "/issues?q=" + query(q) + "&pagelen=50", "values", "next").stream()
                .map(BitbucketMapping::issue).filter(filter::accepts).toList();
    }

    @Override
    public Comment comment(long issueNumber, String body) {
        return BitbucketMapping.comment(api.post(repo + "/issues/" + issueNumber + "/comments", raw(body)));
    }

    @Override
    public void editComment(long issueNumber, long commentId, String body) {
        api.put(repo + "/issues/" + issueNumber + "/comments/" + commentId, raw(body));
    }

    @Override
    public List<Comment> commentsSince(long issueNumber, Instant since) {
        return api.getAllInBody(repo + "/issues/" + issueNumber + "/comments?pagelen=100", "values", "next").stream()
                .map(BitbucketMapping::comment).filter(c -> !c.updatedAt().isBefore(since)).toList();
    }

    @Override
    public void addLabel(long issueNumber, String label) {
        CAPABILITIES.require(Capability.LABELS, platformName());
    }

    @Override
    public void removeLabel(long issueNumber, String label) {
        CAPABILITIES.require(Capability.LABELS, platformName());
    }

    @Override
    public void assign(long issueNumber, String user) {
        api.put(repo + "/issues/" + issueNumber, Map.of("assignee", Map.of("account_id", user)));
    }

    @Override
    public void closeIssue(long issueNumber) {
        api.put(repo + "/issues/" + issueNumber, Map.of("state", "resolved"));
    }

    @Override
    public void react(long issueNumber, long commentId, Reaction reaction) {
        CAPABILITIES.require(Capability.REACTIONS, platformName());
    }

    @Override
    public List<ReactionGiven> reactionsSince(long issueNumber, long commentId, Instant since) {
        CAPABILITIES.require(Capability.REACTIONS, platformName());
        return List.of();
    }

    @Override
    public PullRequest createPullRequest(NewPullRequest request) {
        return BitbucketMapping.pullRequest(api.post(repo + "/pullrequests", Map.of("title", request.title(),
                "description", request.body(), "draft", request.draft(),
                "source", Map.of("branch", Map.of("name", request.head())),
                "destination", Map.of("branch", Map.of("name", request.base())))));
    }

    @Override
    public PullRequest pullRequest(long number) {
        return BitbucketMapping.pullRequest(api.get(repo + "/pullrequests/" + number));
    }

    @Override
    public Optional<PullRequest> findPullRequest(String headBranch) {
        String q = "source.branch.name=\"" + headBranch.replace("\"", "") + "\" AND state=\"OPEN\"";
        return api.getAllInBody(repo + "/pullrequests?q=" + query(q), "values", "next").stream()
                .map(BitbucketMapping::pullRequest).findFirst();
    }

    @Override
    public PullRequest updatePullRequest(long number, PullRequestUpdate update) {
        Map<String, Object> body = new HashMap<>();
        update.title().ifPresent(t -> body.put("title", t));
        update.body().ifPresent(b -> body.put("description", b));
        return BitbucketMapping.pullRequest(api.put(repo + "/pullrequests/" + number, body));
    }

    /** Clears the pull request's {@code draft} flag; one that is no draft is left alone. */
    @Override
    public void markReady(long number) {
        if (pullRequest(number).draft()) {
            api.put(repo + "/pullrequests/" + number, Map.of("draft", false));
        }
    }

    @Override
    public MergeResult merge(long number, MergeMethod method) {
        CAPABILITIES.require(method, platformName());
        try {
            JsonNode merged = api.post(repo + "/pullrequests/" + number + "/merge", Map.of("type", "pullrequest",
                    "merge_strategy", method == MergeMethod.SQUASH ? "squash" : "merge_commit",
                    "close_source_branch", false));
            // pull requests name commits by a 12-digit prefix; the commit resource has the full hash
            String prefix = merged.path("merge_commit").path("hash").asString();
            return new MergeResult(api.get(repo + "/commit/" + segment(prefix)).path("hash").asString());
        } catch (PlatformException e) {
            // Bitbucket answers 400 for conflicts or unmet merge checks, 409 when the branches moved
            if (e.status() == 400 || e.status() == 409) {
                throw new PlatformException(Kind.CONFLICT, e.status(), e.getMessage(), null, e);
            }
            throw e;
        }
    }

    @Override
    public void enableAutoMerge(long number, MergeMethod method) {
        CAPABILITIES.require(Capability.AUTO_MERGE, platformName());
    }

    @Override
    public void closePullRequest(long number) {
        api.post(repo + "/pullrequests/" + number + "/decline", Map.of());
    }

    @Override
    public List<ReviewComment> reviewComments(long pullRequestNumber) {
        List<JsonNode> all = api.getAllInBody(repo + "/pullrequests/" + pullRequestNumber + "/comments?pagelen=100",
                "values", "next");
        Map<Long, Long> parents = new HashMap<>();
        all.forEach(c -> parents.put(c.path("id").asLong(), c.path("parent").path("id").asLong(0)));
        List<ReviewComment> comments = new ArrayList<>();
        for (JsonNode c : all) {
            if (c.path("inline").isObject() && !c.path("deleted").asBoolean(false)) {
                long root = c.path("id").asLong();
                while (parents.getOrDefault(root, 0L) != 0L) {
                    root = parents.get(root);
                }
                comments.add(BitbucketMapping.reviewComment(c, root));
            }
        }
        return comments;
    }

    @Override
    public ReviewComment replyToReviewComment(long pullRequestNumber, long commentId, String body) {
        ReviewComment parent = reviewComments(pullRequestNumber).stream().filter(c -> c.id() == commentId).findFirst()
                .orElseThrow(() -> PlatformException.notFound("review comment " + commentId + " on #" + pullRequestNumber));
        Map<String, Object> reply = new HashMap<>(raw(body));
        reply.put("parent", Map.of("id", commentId));
        JsonNode created = api.post(repo + "/pullrequests/" + pullRequestNumber + "/comments", reply);
        ReviewComment mapped = BitbucketMapping.reviewComment(created, Long.parseLong(parent.threadId()));
        return new ReviewComment(mapped.id(), parent.threadId(), mapped.author(), mapped.body(),
                mapped.path().isEmpty() ? parent.path() : mapped.path(), mapped.line().or(parent::line), mapped.createdAt(),
                mapped.resolved());
    }

    @Override
    public void resolveThread(long pullRequestNumber, String threadId) {
        api.post(repo + "/pullrequests/" + pullRequestNumber + "/comments/" + segment(threadId) + "/resolve", Map.of());
    }

    @Override
    public CiStatus ciStatus(String sha) {
        List<dev.tamma.core.platform.Check> checks = api.getAllInBody(repo + "/commit/" + segment(sha) + "/statuses",
                "values", "next").stream().map(BitbucketMapping::check).toList();
        return CiStatus.combine(sha, checks);
    }

    @Override
    public Permission permission(String user) {
        try {
            return BitbucketMapping.permission(api.get(repo + "/permissions-config/users/" + segment(user))
                    .path("permission").asString(""));
        } catch (PlatformException e) {
            if (e.kind() == Kind.NOT_FOUND) {
                return Permission.NONE;
            }
            throw e;
        }
    }

    @Override
    public Optional<byte[]> file(String path, String ref) {
        StringBuilder encoded = new StringBuilder();
        for (String part : path.split("/")) {
            encoded.append('/').append(segment(part));
        }
        return api.getBytes(repo + "/src/" + segment(ref) + encoded);
    }

    @Override
    public String registerWebhook(WebhookRequest request) {
        List<String> events = new ArrayList<>();
        for (WebhookRequest.WebhookEvent e : request.events()) {
            switch (e) {
                case ISSUES -> events.addAll(List.of("issue:created", "issue:updated"));
                case ISSUE_COMMENTS -> events.add("issue:comment_created");
                case PULL_REQUESTS -> events.addAll(List.of("pullrequest:created", "pullrequest:updated",
                        "pullrequest:fulfilled", "pullrequest:rejected"));
                case PULL_REQUEST_REVIEWS -> events.addAll(List.of("pullrequest:comment_created",
                        "pullrequest:approved", "pullrequest:changes_request_created"));
                case PUSHES -> events.add("repo:push");
                case CHECKS -> events.addAll(List.of("repo:commit_status_created", "repo:commit_status_updated"));
            }
        }
        JsonNode hook = api.post(repo + "/hooks", Map.of("description", "Tamma", "url", request.url().toString(),
                "active", true, "secret", request.secret().reveal(), "events", events.stream().sorted().toList()));
        return hook.path("uuid").asString();
    }

    private static Map<String, Object> raw(String body) {
        return Map.of("content", Map.of("raw", body));
    }
}
