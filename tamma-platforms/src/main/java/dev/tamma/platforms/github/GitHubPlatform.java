package dev.tamma.platforms.github;

import dev.tamma.core.platform.Capabilities;
import dev.tamma.core.platform.Capability;
import dev.tamma.core.platform.CiStatus;
import dev.tamma.core.platform.Comment;
import dev.tamma.core.platform.CommentMarker;
import dev.tamma.core.platform.GitPlatform;
import dev.tamma.core.platform.Issue;
import dev.tamma.core.platform.IssueFilter;
import dev.tamma.core.platform.MergeMethod;
import dev.tamma.core.platform.MergeResult;
import dev.tamma.core.platform.NewPullRequest;
import dev.tamma.core.platform.Permission;
import dev.tamma.core.platform.PlatformException;
import dev.tamma.core.platform.PullRequest;
import dev.tamma.core.platform.PullRequestUpdate;
import dev.tamma.core.platform.Reaction;
import dev.tamma.core.platform.ReactionGiven;
import dev.tamma.core.platform.RepositoryId;
import dev.tamma.core.platform.RepositoryInfo;
import dev.tamma.core.platform.ReviewComment;
import dev.tamma.core.platform.Secret;
import dev.tamma.core.platform.WebhookRequest;
import dev.tamma.platforms.http.LogExcerpt;
import dev.tamma.platforms.http.Resilience;
import dev.tamma.platforms.http.RestClient;
import dev.tamma.platforms.workspace.GitCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.kohsuke.github.GHCheckRun;
import org.kohsuke.github.GHCommitStatus;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHIssueQueryBuilder;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHPullRequestReviewComment;
import org.kohsuke.github.GHReaction;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.HttpException;
import org.kohsuke.github.extras.HttpClientGitHubConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * GitHub and GitHub Enterprise Server through kohsuke's github-api, and GitHub's GraphQL API for
 * what REST lacks: review thread resolution, auto-merge and taking a draft out of draft.
 */
public final class GitHubPlatform implements GitPlatform {

    static final Capabilities CAPABILITIES = new Capabilities(
            EnumSet.of(Capability.NATIVE_DRAFTS, Capability.REVIEW_REPLIES, Capability.THREAD_RESOLUTION, Capability.AUTO_MERGE,
                    Capability.REACTIONS, Capability.LABELS, Capability.ASSIGNEES, Capability.WEBHOOK_REGISTRATION,
                    Capability.CHECK_RUNS),
            EnumSet.allOf(MergeMethod.class), false);

    private static final Logger LOG = LoggerFactory.getLogger(GitHubPlatform.class);

    /** The API of github.com; GitHub Enterprise Server's is {@code https://HOST/api/v3}. */
    public static final URI GITHUB_COM = URI.create("https://api.github.com");

    private final GitHub github;
    private final RepositoryId id;
    private final Optional<GitHubAppTokens> appTokens;
    /** A personal access token or a {@link GitHubAuth.Token}, read afresh for each call; empty for an App. */
    private final Optional<Supplier<Secret>> token;
    private final Resilience resilience;
    private final GitHubThreads threads;
    private final RestClient rest;
    private GHRepository repository;

    private GitHubPlatform(GitHub github, RepositoryId id, Optional<GitHubAppTokens> appTokens,
            Optional<Supplier<Secret>> token,
            Resilience resilience, GitHubThreads threads, RestClient rest) {
        this.github = github;
        this.rest = rest;
        this.resilience = resilience;
        this.threads = threads;
        this.id = id;
        this.appTokens = appTokens;
        this.token = token;
    }

    public static GitHubPlatform connect(URI apiUrl, RepositoryId id, GitHubAuth auth) {
        return connect(apiUrl, id, auth, Clock.systemUTC(), Resilience.withDefaults());
    }

    /** {@code clock} dates JWTs and token expiry, and must be the one {@code resilience} waits on. */
    public static GitHubPlatform connect(URI apiUrl, RepositoryId id, GitHubAuth auth, Clock clock, Resilience resilience) {
        GitHubBuilder builder = new GitHubBuilder().withEndpoint(apiUrl.toString().replaceAll("/$", ""))
                .withConnector(new ConditionalGitHubConnector(new HttpClientGitHubConnector()))
                .withRateLimitHandler(GitHubLimits.primary(clock))
                .withAbuseLimitHandler(GitHubLimits.secondary(clock));
        HttpClient http = HttpClient.newHttpClient(); // the installation tokens', GraphQL's and the check runs' calls
        Optional<GitHubAppTokens> app = auth instanceof GitHubAuth.App a
                ? Optional.of(new GitHubAppTokens(apiUrl, a, http, clock)) : Optional.empty();
        Optional<Supplier<Secret>> given = switch (auth) {
            case GitHubAuth.PersonalToken p -> Optional.of(p::token);
            case GitHubAuth.Token t -> Optional.of(t.current());
            case GitHubAuth.App a -> Optional.empty();
        };
        Supplier<String> authorization = () -> given.map(t -> "token " + t.get().reveal()).orElseGet(() -> {
            try {
                return app.orElseThrow().getEncodedAuthorization();
            } catch (IOException e) {
                throw GitHubErrors.translate("fetching an installation token", e);
            }
        });
        // for a token, a plain provider: kohsuke's OAuth one would first ask GET /user who it belongs to
        builder.withAuthorizationProvider(app.isPresent() ? app.get() : authorization::get);
        // GraphQL lives at /graphql on github.com and at /api/graphql on GitHub Enterprise Server
        URI graphqlRoot = URI.create(apiUrl.toString().replaceAll("/+$", "").replaceAll("/v3$", ""));
        GitHubThreads threads = new GitHubThreads(new RestClient("github", graphqlRoot, authorization,
                http, resilience, clock), id);
        // kohsuke 1.330 cannot read one check run by its id
        RestClient rest = new RestClient("github", apiUrl, authorization, http, resilience, clock);
        try {
            return new GitHubPlatform(builder.build(), id, app, given, resilience, threads, rest);
        } catch (IOException e) {
            throw GitHubErrors.translate("connecting to " + apiUrl, e);
        }
    }

    @Override
    public String platformName() {
        return "github";
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public void eventReceived(Instant at) {
        resilience.eventSeen(at);
    }

    /** User and token for git over HTTPS: {@code x-access-token} and the token in use. */
    public GitCredentials gitCredentials() {
        if (token.isPresent()) {
            return new GitCredentials("x-access-token", token.get().get());
        }
        return call("an installation token", () -> new GitCredentials("x-access-token", Secret.of(appTokens.orElseThrow().token())));
    }

    @Override
    public RepositoryInfo repository() {
        return call("reading " + id, () -> {
            GHRepository r = repo();
            return new RepositoryInfo(id, r.getDefaultBranch(), r.getHttpTransportUrl(), String.valueOf(r.getHtmlUrl()));
        });
    }

    @Override
    public Issue issue(long number) {
        return call("reading issue #" + number, () -> GitHubMapping.issue(repo().getIssue(Math.toIntExact(number))));
    }

    @Override
    public List<Issue> issues(IssueFilter filter) {
        return call("listing issues", () -> {
            GHIssueQueryBuilder query = filter.assignee().isPresent()
                    ? repo().queryIssues().assignee(filter.assignee().get()) : repo().queryIssues();
            if (filter.label().isPresent()) {
                query = query.label(filter.label().get());
            }
            List<Issue> issues = new ArrayList<>();
            for (GHIssue issue : query.state(GHIssueState.OPEN).pageSize(100).list()) {
                if (!issue.isPullRequest()) {
                    issues.add(GitHubMapping.issue(issue));
                }
            }
            return issues;
        });
    }

    @Override
    public Comment comment(long issueNumber, String body) {
        return write("commenting on #" + issueNumber, () -> GitHubMapping.comment(ghIssue(issueNumber).comment(body)));
    }

    @Override
    public void editComment(long issueNumber, long commentId, String body) {
        runWrite("editing comment " + commentId, () -> ghComment(issueNumber, commentId).update(body));
    }

    @Override
    public Comment upsertComment(long issueNumber, CommentMarker marker, String body) {
        String marked = marker.mark(body);
        return write("writing the " + marker.key() + " comment on #" + issueNumber, () -> {
            GHIssue issue = ghIssue(issueNumber);
            for (GHIssueComment existing : issue.listComments().withPageSize(100)) {
                if (marker.isIn(existing.getBody())) {
                    existing.update(marked);
                    Comment old = GitHubMapping.comment(existing);
                    return new Comment(old.id(), old.author(), marked, old.createdAt(), old.updatedAt(), old.url());
                }
            }
            return GitHubMapping.comment(issue.comment(marked));
        });
    }

    @Override
    public List<Comment> commentsSince(long issueNumber, Instant since) {
        return call("reading comments of #" + issueNumber, () -> {
            List<Comment> comments = new ArrayList<>();
            for (GHIssueComment c : ghIssue(issueNumber).queryComments().since(Date.from(since)).list().withPageSize(100)) {
                Comment comment = GitHubMapping.comment(c);
                if (!comment.updatedAt().isBefore(since)) {
                    comments.add(comment);
                }
            }
            return comments;
        });
    }

    @Override
    public void addLabel(long issueNumber, String label) {
        runWrite("labelling #" + issueNumber, () -> ghIssue(issueNumber).addLabels(label));
    }

    @Override
    public void removeLabel(long issueNumber, String label) {
        runWrite("unlabelling #" + issueNumber, () -> {
            GHIssue issue = ghIssue(issueNumber);
            try {
                issue.removeLabel(label);
            } catch (GHFileNotFoundException absent) {
                // GitHub answers 404 "Label does not exist" when the issue does not carry it: nothing to do
            }
        });
    }

    @Override
    public void assign(long issueNumber, String user) {
        runWrite("assigning #" + issueNumber, () -> ghIssue(issueNumber).addAssignees(github.getUser(user)));
    }

    @Override
    public void closeIssue(long issueNumber) {
        runWrite("closing #" + issueNumber, () -> ghIssue(issueNumber).close());
    }

    @Override
    public void react(long issueNumber, long commentId, Reaction reaction) {
        runWrite("reacting to comment " + commentId, () -> ghComment(issueNumber, commentId)
                .createReaction(GitHubMapping.reaction(reaction)));
    }

    @Override
    public List<ReactionGiven> reactionsSince(long issueNumber, long commentId, Instant since) {
        return call("reading reactions to comment " + commentId, () -> {
            List<ReactionGiven> reactions = new ArrayList<>();
            for (GHReaction r : ghComment(issueNumber, commentId).listReactions().withPageSize(100)) {
                GitHubMapping.reaction(r).filter(g -> !g.at().isBefore(since)).ifPresent(reactions::add);
            }
            reactions.sort(java.util.Comparator.comparing(ReactionGiven::at));
            return reactions;
        });
    }

    @Override
    public PullRequest createPullRequest(NewPullRequest request) {
        return write("opening a pull request from " + request.head(), () -> GitHubMapping.pullRequest(
                repo().createPullRequest(request.title(), request.head(), request.base(), request.body(), true,
                        request.draft())));
    }

    @Override
    public PullRequest pullRequest(long number) {
        return call("reading pull request #" + number, () -> GitHubMapping.pullRequest(ghPull(number)));
    }

    @Override
    public Optional<PullRequest> findPullRequest(String headBranch) {
        return call("finding the pull request of " + headBranch, () -> {
            for (GHPullRequest pr : repo().queryPullRequests().state(GHIssueState.OPEN)
                    .head(id.owner() + ":" + headBranch).list().withPageSize(100)) {
                return Optional.of(GitHubMapping.pullRequest(pr));
            }
            return Optional.<PullRequest>empty();
        });
    }

    @Override
    public PullRequest updatePullRequest(long number, PullRequestUpdate update) {
        return write("updating pull request #" + number, () -> {
            GHPullRequest pr = ghPull(number);
            if (update.title().isPresent()) {
                pr.setTitle(update.title().get());
            }
            if (update.body().isPresent()) {
                pr.setBody(update.body().get());
            }
            PullRequest old = GitHubMapping.pullRequest(pr);
            return new PullRequest(old.number(), update.title().orElse(old.title()), update.body().orElse(old.body()),
                    old.head(), old.base(), old.state(), old.draft(), old.headSha(), old.url());
        });
    }

    /**
     * GraphQL's {@code markPullRequestReadyForReview}: REST cannot change a pull request's draft
     * state, and kohsuke's client (1.330) has no call for it. A pull request that is no draft is left alone.
     */
    @Override
    public void markReady(long number) {
        Optional<String> draftNodeId = call("reading pull request #" + number, () -> {
            GHPullRequest pr = ghPull(number);
            return pr.isDraft() ? Optional.of(pr.getNodeId()) : Optional.<String>empty();
        });
        draftNodeId.ifPresent(threads::markReady);
    }

    @Override
    public MergeResult merge(long number, MergeMethod method) {
        CAPABILITIES.require(method, platformName());
        return write("merging pull request #" + number, () -> {
            GHPullRequest pr = ghPull(number);
            pr.merge(null, pr.getHead().getSha(), GitHubMapping.mergeMethod(method));
            return new MergeResult(ghPull(number).getMergeCommitSha());
        });
    }

    /** GraphQL's {@code enablePullRequestAutoMerge}; the repository must allow auto-merge. */
    @Override
    public void enableAutoMerge(long number, MergeMethod method) {
        CAPABILITIES.require(method, platformName());
        String nodeId = call("reading pull request #" + number, () -> ghPull(number).getNodeId());
        threads.enableAutoMerge(nodeId, method);
    }

    @Override
    public void closePullRequest(long number) {
        runWrite("closing pull request #" + number, () -> ghPull(number).close());
    }

    @Override
    public List<ReviewComment> reviewComments(long pullRequestNumber) {
        return call("reading review comments of #" + pullRequestNumber, () -> {
            List<ReviewComment> comments = new ArrayList<>();
            for (GHPullRequestReviewComment c : ghPull(pullRequestNumber).listReviewComments().withPageSize(100)) {
                comments.add(GitHubMapping.reviewComment(c));
            }
            return comments;
        }).stream().map(withResolution(threads.threads(pullRequestNumber))).toList();
    }

    private static java.util.function.Function<ReviewComment, ReviewComment> withResolution(
            Map<Long, GitHubThreads.Thread> threads) {
        return c -> {
            GitHubThreads.Thread thread = threads.get(Long.parseLong(c.threadId()));
            boolean resolved = thread != null && thread.resolved();
            return new ReviewComment(c.id(), c.threadId(), c.author(), c.body(), c.path(), c.line(), c.createdAt(), resolved);
        };
    }

    @Override
    public ReviewComment replyToReviewComment(long pullRequestNumber, long commentId, String body) {
        return write("replying to review comment " + commentId, () -> {
            for (GHPullRequestReviewComment c : ghPull(pullRequestNumber).listReviewComments().withPageSize(100)) {
                if (c.getId() == commentId) {
                    return GitHubMapping.reviewComment(c.reply(body));
                }
            }
            throw PlatformException.notFound("review comment " + commentId + " on #" + pullRequestNumber);
        });
    }

    @Override
    public void resolveThread(long pullRequestNumber, String threadId) {
        long firstComment;
        try {
            firstComment = Long.parseLong(threadId);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a GitHub review thread is named by its first comment's id, got: " + threadId);
        }
        threads.resolve(pullRequestNumber, firstComment);
    }

    @Override
    public CiStatus ciStatus(String sha) {
        return call("reading checks of " + sha, () -> {
            List<dev.tamma.core.platform.Check> checks = new ArrayList<>();
            for (GHCheckRun run : repo().getCheckRuns(sha).withPageSize(100)) {
                checks.add(GitHubMapping.check(run));
            }
            Map<String, GHCommitStatus> latest = new LinkedHashMap<>();
            for (GHCommitStatus status : repo().listCommitStatuses(sha).withPageSize(100)) {
                latest.putIfAbsent(status.getContext(), status); // GitHub lists the newest first
            }
            latest.values().forEach(s -> checks.add(GitHubMapping.check(s)));
            return CiStatus.combine(sha, checks);
        });
    }

    /**
     * A check run's output (title, summary, text), then for a GitHub Actions job the end of its log,
     * which GitHub serves through a redirect to a short-lived download URL on another host; kohsuke
     * follows it without the token. Commit statuses have no log. A log the token may not read (it
     * needs checks:read, and actions:read for job logs) or that has expired is left out, never an error.
     */
    @Override
    public Optional<String> checkLog(dev.tamma.core.platform.Check check, int maxChars) {
        if (!check.id().matches("\\d+")) {
            return Optional.empty();
        }
        long runId = Long.parseLong(check.id());
        StringBuilder text = new StringBuilder();
        boolean actionsJob = check.url().contains("/actions/runs/");
        try {
            JsonNode run = rest.get("/repos/" + RestClient.segment(id.owner()) + "/" + RestClient.segment(id.name())
                    + "/check-runs/" + runId);
            for (String field : List.of("title", "summary", "text")) {
                String value = run.path("output").path(field).asString("");
                if (!value.isBlank()) {
                    text.append(value.strip()).append('\n');
                }
            }
            actionsJob |= "github-actions".equals(run.path("app").path("slug").asString(""));
        } catch (PlatformException e) {
            LOG.info("No output of check '{}' (check run {}): {}", check.name(), runId, e.getMessage());
        }
        if (actionsJob) {
            try {
                String log = call("reading the log of job " + runId,
                        () -> repo().getWorkflowJob(runId).downloadLogs(in -> LogExcerpt.tail(in, maxChars)));
                text.append(log);
            } catch (PlatformException e) {
                LOG.info("No log of check '{}' (job {}): {}", check.name(), runId, e.getMessage());
            }
        }
        String excerpt = LogExcerpt.of(text.toString(), maxChars, token.map(Supplier::get).stream().toList());
        return excerpt.isEmpty() ? Optional.empty() : Optional.of(excerpt);
    }

    @Override
    public Permission permission(String user) {
        return call("reading the permission of " + user, () -> {
            try {
                return GitHubMapping.permission(repo().getPermission(user));
            } catch (GHFileNotFoundException notACollaborator) {
                return Permission.NONE;
            }
        });
    }

    @Override
    public Optional<byte[]> file(String path, String ref) {
        return call("reading " + path + " at " + ref, () -> {
            try (InputStream in = repo().getFileContent(path, ref).read()) {
                return Optional.of(in.readAllBytes());
            } catch (GHFileNotFoundException missing) {
                return Optional.<byte[]>empty();
            }
        });
    }

    @Override
    public String registerWebhook(WebhookRequest request) {
        return write("registering a webhook", () -> Long.toString(repo().createHook("web", Map.of(
                "url", request.url().toString(), "content_type", "json", "secret", request.secret().reveal(),
                "insecure_ssl", "0"), GitHubMapping.events(request.events()), true).getId()));
    }

    private synchronized GHRepository repo() throws IOException {
        if (repository == null) {
            repository = github.getRepository(id.fullName());
        }
        return repository;
    }

    private GHIssue ghIssue(long number) throws IOException {
        return repo().getIssue(Math.toIntExact(number));
    }

    private GHPullRequest ghPull(long number) throws IOException {
        return repo().getPullRequest(Math.toIntExact(number));
    }

    private GHIssueComment ghComment(long issueNumber, long commentId) throws IOException {
        for (GHIssueComment c : ghIssue(issueNumber).listComments().withPageSize(100)) {
            if (c.getId() == commentId) {
                return c;
            }
        }
        throw PlatformException.notFound("comment " + commentId + " on #" + issueNumber);
    }

    @FunctionalInterface
    private interface GitHubCall<T> {
        T call() throws IOException;
    }

    @FunctionalInterface
    private interface GitHubRun {
        void run() throws IOException;
    }

    private void runWrite(String action, GitHubRun run) {
        write(action, () -> {
            run.run();
            return null;
        });
    }

    private <T> T call(String action, GitHubCall<T> call) {
        return resilience.read(action, () -> once(action, call));
    }

    private <T> T write(String action, GitHubCall<T> call) {
        return resilience.write(action, () -> once(action, call));
    }

    /** One attempt; with a GitHub App, a 401 drops the cached installation token and tries once more. */
    private <T> T once(String action, GitHubCall<T> call) {
        try {
            try {
                return call.call();
            } catch (HttpException e) {
                if (e.getResponseCode() != 401 || appTokens.isEmpty()) {
                    throw e;
                }
                appTokens.get().invalidate();
                return call.call();
            }
        } catch (IOException e) {
            throw GitHubErrors.translate(action, e);
        }
    }
}
