package dev.tamma.platforms.gitea;

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
import dev.tamma.core.platform.PullRequestState;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Gitea and Forgejo over their REST API ({@code /api/v1}). Neither has native drafts (a
 * {@code WIP:} title marks work in progress, and both show it so), replies to review comments, or
 * thread resolution through the API.
 */
public final class GiteaPlatform implements GitPlatform {

    static final Capabilities CAPABILITIES = new Capabilities(
            EnumSet.of(Capability.REACTIONS, Capability.LABELS, Capability.ASSIGNEES, Capability.WEBHOOK_REGISTRATION,
                    Capability.AUTO_MERGE),
            EnumSet.allOf(MergeMethod.class), false);

    private final GiteaFlavour flavour;
    private final RepositoryId id;
    private final String repo;
    private final RestClient api;
    private final Resilience resilience;
    private final String user;
    private final Secret token;

    /**
     * @param apiUrl the API root, {@code https://HOST/api/v1}
     * @param user   the account the token belongs to (git over HTTPS signs in with it)
     */
    public GiteaPlatform(GiteaFlavour flavour, URI apiUrl, RepositoryId id, String user, Secret token, Resilience resilience,
            Clock clock) {
        this.flavour = flavour;
        this.id = id;
        this.repo = "/repos/" + segment(id.owner()) + "/" + segment(id.name());
        this.user = user;
        this.token = token;
        this.resilience = resilience;
        this.api = new RestClient(flavour.platformName(), apiUrl, () -> "token " + token.reveal(), HttpClient.newHttpClient(),
                resilience, clock);
    }

    @Override
    public String platformName() {
        return flavour.platformName();
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public void eventReceived(Instant at) {
        resilience.eventSeen(at);
    }

    public GitCredentials gitCredentials() {
        return new GitCredentials(user, token);
    }

    @Override
    public RepositoryInfo repository() {
        JsonNode r = api.get(repo);
        return new RepositoryInfo(id, r.path("default_branch").asString(), r.path("clone_url").asString(),
                r.path("html_url").asString(""));
    }

    @Override
    public Issue issue(long number) {
        return GiteaMapping.issue(api.get(repo + "/issues/" + number));
    }

    @Override
    public List<Issue> issues(IssueFilter filter) {
        StringBuilder path = new StringBuilder(repo + "/issues?state=open&type=issues&limit=50");
        filter.label().ifPresent(l -> path.append("&labels=").append(query(l)));
        filter.assignee().ifPresent(a -> path.append("&assigned_by=").append(query(a)));
        return api.getAll(path.toString()).stream().map(GiteaMapping::issue).filter(filter::accepts).toList();
    }

    @Override
    public Comment comment(long issueNumber, String body) {
        return GiteaMapping.comment(api.post(repo + "/issues/" + issueNumber + "/comments", Map.of("body", body)));
    }

    @Override
    public void editComment(long issueNumber, long commentId, String body) {
        api.patch(repo + "/issues/comments/" + commentId, Map.of("body", body));
    }

    @Override
    public List<Comment> commentsSince(long issueNumber, Instant since) {
        return api.getAll(repo + "/issues/" + issueNumber + "/comments?since=" + query(since.toString())).stream()
                .map(GiteaMapping::comment).filter(c -> !c.updatedAt().isBefore(since)).toList();
    }

    @Override
    public void addLabel(long issueNumber, String label) {
        api.post(repo + "/issues/" + issueNumber + "/labels", Map.of("labels", List.of(label)));
    }

    @Override
    public void removeLabel(long issueNumber, String label) {
        JsonNode issue = api.get(repo + "/issues/" + issueNumber);
        for (JsonNode l : issue.path("labels")) {
            if (label.equals(l.path("name").asString())) {
                api.delete(repo + "/issues/" + issueNumber + "/labels/" + l.path("id").asLong());
            }
        }
    }

    @Override
    public void assign(long issueNumber, String user) {
        Issue issue = issue(issueNumber);
        if (!issue.assignees().contains(user)) {
            List<String> assignees = new ArrayList<>(issue.assignees());
            assignees.add(user);
            api.patch(repo + "/issues/" + issueNumber, Map.of("assignees", assignees));
        }
    }

    @Override
    public void closeIssue(long issueNumber) {
        api.patch(repo + "/issues/" + issueNumber, Map.of("state", "closed"));
    }

    @Override
    public void react(long issueNumber, long commentId, Reaction reaction) {
        api.post(repo + "/issues/comments/" + commentId + "/reactions", Map.of("content", GiteaMapping.reaction(reaction)));
    }

    @Override
    public List<ReactionGiven> reactionsSince(long issueNumber, long commentId, Instant since) {
        return api.getAll(repo + "/issues/comments/" + commentId + "/reactions").stream()
                .flatMap(r -> GiteaMapping.reaction(r).stream()).filter(r -> !r.at().isBefore(since))
                .sorted(java.util.Comparator.comparing(ReactionGiven::at)).toList();
    }

    @Override
    public PullRequest createPullRequest(NewPullRequest request) {
        NewPullRequest adapted = request.adaptedTo(CAPABILITIES);
        try {
            return GiteaMapping.pullRequest(api.post(repo + "/pulls", Map.of("title", adapted.title(), "body", adapted.body(),
                    "head", adapted.head(), "base", adapted.base())));
        } catch (PlatformException e) {
            if (e.kind() != Kind.NOT_FOUND) {
                throw e;
            }
            // Gitea answers 404 when the head or base branch does not exist: the request was wrong
            throw new PlatformException(Kind.INVALID, e.status(), platformName() + ": cannot open a pull request from '"
                    + adapted.head() + "' into '" + adapted.base() + "': " + e.getMessage(), null, e);
        }
    }

    @Override
    public PullRequest pullRequest(long number) {
        return GiteaMapping.pullRequest(api.get(repo + "/pulls/" + number));
    }

    @Override
    public Optional<PullRequest> findPullRequest(String headBranch) {
        return api.getAll(repo + "/pulls?state=open&limit=50").stream().map(GiteaMapping::pullRequest)
                .filter(pr -> pr.head().equals(headBranch)).findFirst();
    }

    @Override
    public PullRequest updatePullRequest(long number, PullRequestUpdate update) {
        Map<String, Object> body = new LinkedHashMap<>();
        update.title().ifPresent(t -> body.put("title", t));
        update.body().ifPresent(b -> body.put("body", b));
        return GiteaMapping.pullRequest(api.patch(repo + "/pulls/" + number, body));
    }

    @Override
    public MergeResult merge(long number, MergeMethod method) {
        CAPABILITIES.require(method, platformName());
        PullRequest pr = pullRequest(number);
        if (pr.state() != PullRequestState.OPEN) {
            throw new PlatformException(Kind.INVALID, 0, "pull request #" + number + " is " + pr.state().name().toLowerCase());
        }
        api.post(repo + "/pulls/" + number + "/merge", Map.of("Do", how(method), "head_commit_id", pr.headSha()));
        return new MergeResult(api.get(repo + "/pulls/" + number).path("merge_commit_sha").asString());
    }

    /** Gitea's "merge when checks succeed" (1.17 and later, and Forgejo). */
    @Override
    public void enableAutoMerge(long number, MergeMethod method) {
        CAPABILITIES.require(method, platformName());
        PullRequest pr = pullRequest(number);
        api.post(repo + "/pulls/" + number + "/merge", Map.of("Do", how(method), "head_commit_id", pr.headSha(),
                "merge_when_checks_succeed", true));
    }

    private static String how(MergeMethod method) {
        return switch (method) {
            case MERGE -> "merge";
            case SQUASH -> "squash";
            case REBASE -> "rebase";
        };
    }

    @Override
    public void closePullRequest(long number) {
        api.patch(repo + "/pulls/" + number, Map.of("state", "closed"));
    }

    @Override
    public List<ReviewComment> reviewComments(long pullRequestNumber) {
        List<ReviewComment> comments = new ArrayList<>();
        for (JsonNode review : api.getAll(repo + "/pulls/" + pullRequestNumber + "/reviews")) {
            for (JsonNode c : api.getAll(repo + "/pulls/" + pullRequestNumber + "/reviews/" + review.path("id").asLong()
                    + "/comments")) {
                comments.add(GiteaMapping.reviewComment(c));
            }
        }
        return comments;
    }

    @Override
    public ReviewComment replyToReviewComment(long pullRequestNumber, long commentId, String body) {
        throw PlatformException.unsupported(platformName(), "replies to review comments through its API");
    }

    @Override
    public void resolveThread(long pullRequestNumber, String threadId) {
        CAPABILITIES.require(Capability.THREAD_RESOLUTION, platformName());
    }

    @Override
    public CiStatus ciStatus(String sha) {
        JsonNode combined = api.get(repo + "/commits/" + segment(sha) + "/status");
        List<dev.tamma.core.platform.Check> checks = new ArrayList<>();
        combined.path("statuses").forEach(s -> checks.add(GiteaMapping.check(s)));
        return CiStatus.combine(sha, checks);
    }

    @Override
    public Permission permission(String user) {
        try {
            return GiteaMapping.permission(api.get(repo + "/collaborators/" + segment(user) + "/permission")
                    .path("permission").asString(""));
        } catch (PlatformException e) {
            if (e.kind() == Kind.NOT_FOUND || e.kind() == Kind.FORBIDDEN) {
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
        return api.getBytes(repo + "/raw" + encoded + "?ref=" + query(ref));
    }

    @Override
    public String registerWebhook(WebhookRequest request) {
        List<String> events = new ArrayList<>();
        for (WebhookRequest.WebhookEvent e : request.events()) {
            switch (e) {
                case ISSUES -> events.add("issues");
                case ISSUE_COMMENTS -> events.add("issue_comment");
                case PULL_REQUESTS -> events.add("pull_request");
                case PULL_REQUEST_REVIEWS -> events.addAll(List.of("pull_request_review_approved",
                        "pull_request_review_rejected", "pull_request_review_comment"));
                case PUSHES -> events.add("push");
                case CHECKS -> events.add("status");
            }
        }
        JsonNode hook = api.post(repo + "/hooks", Map.of("type", flavour.hookType(), "active", true,
                "events", events.stream().sorted().toList(), "config", Map.of("url", request.url().toString(),
                        "content_type", "json", "secret", request.secret().reveal())));
        return Long.toString(hook.path("id").asLong());
    }
}
