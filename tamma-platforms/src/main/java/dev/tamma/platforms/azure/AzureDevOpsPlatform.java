package dev.tamma.platforms.azure;

import static dev.tamma.platforms.azure.AzureDevOpsMapping.HEADS;
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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Azure DevOps Services (or Server) over its REST API 7.1, with a personal access token. Issues
 * are work items (labels are their tags), pull requests and threads are the Git ones; webhooks are
 * service hook subscriptions. Experimental: who may command Tamma is configured
 * ({@link AzureDevOpsSettings}). A completion the service queues is polled for a while; one still
 * queued after that is reported as a transient failure, to be tried again.
 */
public final class AzureDevOpsPlatform implements GitPlatform {

    static final Capabilities CAPABILITIES = new Capabilities(
            EnumSet.of(Capability.NATIVE_DRAFTS, Capability.THREAD_RESOLUTION, Capability.REVIEW_REPLIES,
                    Capability.LABELS, Capability.ASSIGNEES, Capability.AUTO_MERGE, Capability.WEBHOOK_REGISTRATION),
            EnumSet.allOf(MergeMethod.class), true);

    /** How often and how long a queued completion is asked about before the merge is handed back as transient. */
    static final Duration MERGE_POLL = Duration.ofSeconds(2);
    static final int MERGE_POLLS = 15;
    private static final Set<String> MERGE_FAILURES = Set.of("conflicts", "failure", "rejectedByPolicy");

    public static final URI DEV_AZURE_COM = URI.create("https://dev.azure.com");
    private static final String V = "api-version=7.1";
    private static final String COMMENTS_V = "api-version=7.1-preview.4";

    private final RepositoryId id;
    private final String organization;
    private final String project;
    private final String repo;
    private final String web;
    private final Secret token;
    private final AzureDevOpsSettings settings;
    private final RestClient api;
    private final Resilience resilience;

    /** {@code id}: owner {@code organization/project}, name the repository. */
    public AzureDevOpsPlatform(URI baseUrl, RepositoryId id, Secret token, AzureDevOpsSettings settings,
            Resilience resilience, Clock clock) {
        String[] orgAndProject = id.owner().split("/");
        if (orgAndProject.length != 2) {
            throw new IllegalArgumentException("an Azure DevOps repository is organization/project/repository, got: " + id);
        }
        this.id = id;
        this.organization = "/" + segment(orgAndProject[0]);
        this.project = organization + "/" + segment(orgAndProject[1]);
        this.repo = project + "/_apis/git/repositories/" + segment(id.name());
        this.web = baseUrl.toString().replaceAll("/+$", "") + project + "/_git/" + segment(id.name());
        this.token = token;
        this.settings = settings;
        String basic = Base64.getEncoder().encodeToString((":" + token.reveal()).getBytes(StandardCharsets.UTF_8));
        this.resilience = resilience;
        this.api = new RestClient("azure-devops", baseUrl, () -> "Basic " + basic, HttpClient.newHttpClient(), resilience, clock);
    }

    @Override
    public String platformName() {
        return "azure-devops";
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public void eventReceived(Instant at) {
        resilience.eventSeen(at);
    }

    /** git over HTTPS takes any user name with a personal access token. */
    public GitCredentials gitCredentials() {
        return new GitCredentials("tamma", token);
    }

    @Override
    public RepositoryInfo repository() {
        JsonNode r = api.get(repo + "?" + V);
        return new RepositoryInfo(id, AzureDevOpsMapping.branch(r.path("defaultBranch").asString()),
                r.path("remoteUrl").asString().replaceFirst("https://[^@/]+@", "https://"), r.path("webUrl").asString(""));
    }

    @Override
    public Issue issue(long number) {
        return AzureDevOpsMapping.workItem(api.get(project + "/_apis/wit/workitems/" + number + "?" + V),
                settings.closedState());
    }

    @Override
    public List<Issue> issues(IssueFilter filter) {
        StringBuilder wiql = new StringBuilder("SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project"
                + " AND [System.State] NOT IN ('Closed', 'Done', 'Removed', 'Resolved', " + literal(settings.closedState()) + ")");
        filter.label().ifPresent(l -> wiql.append(" AND [System.Tags] CONTAINS ").append(literal(l)));
        filter.assignee().ifPresent(a -> wiql.append(" AND [System.AssignedTo] = ").append(literal(a)));
        wiql.append(" ORDER BY [System.Id]");
        List<Long> ids = new ArrayList<>();
        api.query(project + "/_apis/wit/wiql?" + V, Map.of("query", wiql.toString())).path("workItems")
                .forEach(w -> ids.add(w.path("id").asLong()));
        List<Issue> issues = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 200) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + 200)).stream().map(String::valueOf).toList();
            api.get(project + "/_apis/wit/workitems?ids=" + String.join(",", batch) + "&" + V).path("value")
                    .forEach(w -> issues.add(AzureDevOpsMapping.workItem(w, settings.closedState())));
        }
        return issues.stream().filter(filter::accepts).toList();
    }

    @Override
    public Comment comment(long issueNumber, String body) {
        return AzureDevOpsMapping.comment(api.post(comments(issueNumber) + "?" + COMMENTS_V, Map.of("text", body)));
    }

    @Override
    public void editComment(long issueNumber, long commentId, String body) {
        api.patch(comments(issueNumber) + "/" + commentId + "?" + COMMENTS_V, Map.of("text", body));
    }

    @Override
    public List<Comment> commentsSince(long issueNumber, Instant since) {
        return api.getAllInBody(comments(issueNumber) + "?" + COMMENTS_V, "comments", "nextPage").stream()
                .map(AzureDevOpsMapping::comment).filter(c -> !c.updatedAt().isBefore(since)).toList();
    }

    @Override
    public void addLabel(long issueNumber, String label) {
        Issue issue = issue(issueNumber);
        if (!issue.hasLabel(label)) {
            Set<String> tags = new LinkedHashSet<>(issue.labels());
            tags.add(label);
            setField(issueNumber, "System.Tags", String.join("; ", tags));
        }
    }

    @Override
    public void removeLabel(long issueNumber, String label) {
        Issue issue = issue(issueNumber);
        if (issue.hasLabel(label)) {
            Set<String> tags = new LinkedHashSet<>(issue.labels());
            tags.remove(label);
            setField(issueNumber, "System.Tags", String.join("; ", tags));
        }
    }

    @Override
    public void assign(long issueNumber, String user) {
        setField(issueNumber, "System.AssignedTo", user);
    }

    @Override
    public void closeIssue(long issueNumber) {
        setField(issueNumber, "System.State", settings.closedState());
    }

    private void setField(long workItem, String field, String value) {
        api.jsonPatch(project + "/_apis/wit/workitems/" + workItem + "?" + V,
                List.of(Map.of("op", "add", "path", "/fields/" + field, "value", value)));
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
        return pr(api.post(repo + "/pullrequests?" + V, Map.of("sourceRefName", HEADS + request.head(),
                "targetRefName", HEADS + request.base(), "title", request.title(), "description", request.body(),
                "isDraft", request.draft())));
    }

    @Override
    public PullRequest pullRequest(long number) {
        return pr(api.get(repo + "/pullrequests/" + number + "?" + V));
    }

    @Override
    public Optional<PullRequest> findPullRequest(String headBranch) {
        return api.getAllInBody(repo + "/pullrequests?searchCriteria.sourceRefName=" + query(HEADS + headBranch)
                + "&searchCriteria.status=active&" + V, "value", "nextLink").stream().map(this::pr).findFirst();
    }

    @Override
    public PullRequest updatePullRequest(long number, PullRequestUpdate update) {
        Map<String, Object> body = new HashMap<>();
        update.title().ifPresent(t -> body.put("title", t));
        update.body().ifPresent(b -> body.put("description", b));
        return pr(api.patch(repo + "/pullrequests/" + number + "?" + V, body));
    }

    /**
     * Publishes a draft by clearing {@code isDraft}, a field of the documented update body (the
     * update page's list of changeable fields leaves it out; {@code az repos pr update --draft false}
     * sends it). A pull request that is no draft is left alone.
     */
    @Override
    public void markReady(long number) {
        if (pullRequest(number).draft()) {
            api.patch(repo + "/pullrequests/" + number + "?" + V, Map.of("isDraft", false));
        }
    }

    @Override
    public MergeResult merge(long number, MergeMethod method) {
        CAPABILITIES.require(method, platformName());
        PullRequest pr = pullRequest(number);
        JsonNode after;
        try {
            after = api.patch(repo + "/pullrequests/" + number + "?" + V, Map.of("status", "completed",
                    "lastMergeSourceCommit", Map.of("commitId", pr.headSha()), "completionOptions", completion(method)));
        } catch (PlatformException e) {
            if (e.status() == 409) {
                throw new PlatformException(Kind.CONFLICT, 409, e.getMessage(), null, e);
            }
            throw e;
        }
        for (int poll = 0; !finished(number, after) && poll < MERGE_POLLS; poll++) {
            resilience.pause(MERGE_POLL);
            after = api.get(repo + "/pullrequests/" + number + "?" + V);
        }
        if (!finished(number, after)) {
            throw new PlatformException(Kind.UNAVAILABLE, 0, "azure-devops: completion of pull request " + number
                    + " is still queued (" + after.path("mergeStatus").asString("") + ") after "
                    + MERGE_POLL.multipliedBy(MERGE_POLLS).toSeconds() + " s; try again");
        }
        return new MergeResult(after.path("lastMergeCommit").path("commitId").asString());
    }

    /** Completed (true), still queued (false), or refused: a CONFLICT naming why. */
    private static boolean finished(long number, JsonNode pr) {
        if ("completed".equals(pr.path("status").asString()) && pr.path("lastMergeCommit").path("commitId").isString()) {
            return true;
        }
        String mergeStatus = pr.path("mergeStatus").asString("");
        if (MERGE_FAILURES.contains(mergeStatus)) {
            throw new PlatformException(Kind.CONFLICT, 0, "azure-devops: pull request " + number + " cannot be completed: "
                    + mergeStatus);
        }
        return false;
    }

    private static Map<String, Object> completion(MergeMethod method) {
        String strategy = switch (method) {
            case MERGE -> "noFastForward";
            case SQUASH -> "squash";
            case REBASE -> "rebase";
        };
        return Map.of("mergeStrategy", strategy, "deleteSourceBranch", false);
    }

    /**
     * Sets auto-complete: the service completes the pull request with {@code method} once its
     * policies pass. Set in the name of the pull request's creator, Tamma for the ones it opens.
     */
    @Override
    public void enableAutoMerge(long number, MergeMethod method) {
        CAPABILITIES.require(method, platformName());
        JsonNode pr = api.get(repo + "/pullrequests/" + number + "?" + V);
        String creator = pr.path("createdBy").path("id").asString("");
        if (creator.isBlank()) {
            throw new PlatformException(Kind.INVALID, 0, "azure-devops: pull request " + number + " names no creator to "
                    + "set auto-complete for");
        }
        api.patch(repo + "/pullrequests/" + number + "?" + V, Map.of("autoCompleteSetBy", Map.of("id", creator),
                "completionOptions", completion(method)));
    }

    @Override
    public void closePullRequest(long number) {
        api.patch(repo + "/pullrequests/" + number + "?" + V, Map.of("status", "abandoned"));
    }

    @Override
    public List<ReviewComment> reviewComments(long pullRequestNumber) {
        List<ReviewComment> comments = new ArrayList<>();
        for (JsonNode thread : threads(pullRequestNumber)) {
            if (thread.path("threadContext").isObject() && !thread.path("isDeleted").asBoolean(false)) {
                for (JsonNode c : thread.path("comments")) {
                    if (!"system".equals(c.path("commentType").asString()) && !c.path("isDeleted").asBoolean(false)) {
                        comments.add(AzureDevOpsMapping.reviewComment(thread, c));
                    }
                }
            }
        }
        return comments;
    }

    @Override
    public ReviewComment replyToReviewComment(long pullRequestNumber, long commentId, String body) {
        long threadId = commentId / 1000;
        JsonNode thread = threads(pullRequestNumber).stream().filter(t -> t.path("id").asLong() == threadId).findFirst()
                .orElseThrow(() -> PlatformException.notFound("review comment " + commentId + " on #" + pullRequestNumber));
        JsonNode created = api.post(repo + "/pullrequests/" + pullRequestNumber + "/threads/" + threadId + "/comments?" + V,
                Map.of("content", body, "parentCommentId", commentId % 1000, "commentType", 1));
        return AzureDevOpsMapping.reviewComment(thread, created);
    }

    @Override
    public void resolveThread(long pullRequestNumber, String threadId) {
        api.patch(repo + "/pullrequests/" + pullRequestNumber + "/threads/" + segment(threadId) + "?" + V,
                Map.of("status", "fixed"));
    }

    @Override
    public CiStatus ciStatus(String sha) {
        Map<String, dev.tamma.core.platform.Check> latest = new LinkedHashMap<>();
        // newest first: the first status of each context is its current one
        api.get(repo + "/commits/" + segment(sha) + "/statuses?" + V).path("value").forEach(s -> {
            dev.tamma.core.platform.Check check = AzureDevOpsMapping.check(s);
            latest.putIfAbsent(check.name(), check);
        });
        return CiStatus.combine(sha, List.copyOf(latest.values()));
    }

    @Override
    public Permission permission(String user) {
        return settings.permissions().getOrDefault(user, Permission.NONE);
    }

    @Override
    public Optional<byte[]> file(String path, String ref) {
        String type = ref.matches("[0-9a-f]{40}") ? "commit" : "branch";
        try {
            JsonNode item = api.get(repo + "/items?path=" + query("/" + path) + "&versionDescriptor.version=" + query(ref)
                    + "&versionDescriptor.versionType=" + type + "&includeContent=true&" + V);
            if (item.path("isFolder").asBoolean(false)) {
                return Optional.empty();
            }
            return Optional.of(item.path("content").asString("").getBytes(StandardCharsets.UTF_8));
        } catch (PlatformException e) {
            if (e.kind() == Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * One service hook subscription (Web Hooks, Post via HTTP, basic auth) per Azure DevOps event
     * type, filtered to this project and, for Git events, this repository. Returns their ids,
     * comma-separated. A failure partway leaves the subscriptions made before it.
     */
    @Override
    public String registerWebhook(WebhookRequest request) {
        JsonNode repository = api.get(repo + "?" + V);
        String projectId = repository.path("project").path("id").asString("");
        String repositoryId = repository.path("id").asString("");
        List<String> ids = new ArrayList<>();
        for (String eventType : eventTypes(request.events())) {
            Map<String, Object> publisherInputs = new LinkedHashMap<>();
            publisherInputs.put("projectId", projectId);
            if (eventType.startsWith("git.") || eventType.startsWith("ms.vss-code.")) {
                publisherInputs.put("repository", repositoryId);
            }
            JsonNode subscription = api.post(organization + "/_apis/hooks/subscriptions?" + V, Map.of("publisherId", "tfs",
                    "eventType", eventType, "resourceVersion", "1.0", "consumerId", "webHooks",
                    "consumerActionId", "httpRequest", "publisherInputs", publisherInputs,
                    "consumerInputs", Map.of("url", request.url().toString(), "basicAuthUsername", settings.webhookUser(),
                            "basicAuthPassword", request.secret().reveal())));
            ids.add(subscription.path("id").asString());
        }
        return String.join(",", ids);
    }

    /** The service hook event types that carry what Tamma asked for, as the webhook normaliser reads them. */
    private static List<String> eventTypes(Set<WebhookRequest.WebhookEvent> events) {
        Set<String> types = new TreeSet<>();
        for (WebhookRequest.WebhookEvent event : events) {
            switch (event) {
                case ISSUES -> types.add("workitem.updated");
                case ISSUE_COMMENTS -> types.add("workitem.commented");
                case PULL_REQUESTS -> types.addAll(List.of("git.pullrequest.created", "git.pullrequest.updated"));
                case PULL_REQUEST_REVIEWS -> types.add("ms.vss-code.git-pullrequest-comment-event");
                case PUSHES -> types.add("git.push");
                case CHECKS -> types.add("build.complete");
            }
        }
        return List.copyOf(types);
    }

    private List<JsonNode> threads(long pullRequestNumber) {
        List<JsonNode> threads = new ArrayList<>();
        api.get(repo + "/pullrequests/" + pullRequestNumber + "/threads?" + V).path("value").forEach(threads::add);
        return threads;
    }

    private String comments(long workItem) {
        return project + "/_apis/wit/workItems/" + workItem + "/comments";
    }

    private PullRequest pr(JsonNode json) {
        return AzureDevOpsMapping.pullRequest(json, web);
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
