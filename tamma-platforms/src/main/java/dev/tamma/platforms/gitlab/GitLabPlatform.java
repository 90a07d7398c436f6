package dev.tamma.platforms.gitlab;

import dev.tamma.core.platform.Capabilities;
import dev.tamma.core.platform.Capability;
import dev.tamma.core.platform.Check;
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
import dev.tamma.platforms.http.LogExcerpt;
import dev.tamma.platforms.http.Resilience;
import dev.tamma.platforms.workspace.GitCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.models.AcceptMergeRequestParams;
import org.gitlab4j.api.models.Discussion;
import org.gitlab4j.api.models.MergeRequest;
import org.gitlab4j.api.models.MergeRequestFilter;
import org.gitlab4j.api.models.MergeRequestParams;
import org.gitlab4j.api.models.Note;
import org.gitlab4j.api.models.Project;
import org.gitlab4j.api.models.ProjectHook;
import org.gitlab4j.api.models.User;
import org.gitlab4j.models.Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitLab (gitlab.com or self-managed) through GitLab4J. Merge requests are the pull requests;
 * drafts are native (GitLab keys them on a {@code Draft:} title, which this adapter writes and strips);
 * threads resolve. The merge method is a project setting on GitLab, so per request Tamma can only
 * choose between a merge and a squash.
 */
public final class GitLabPlatform implements GitPlatform {

    static final Capabilities CAPABILITIES = new Capabilities(Set.of(Capability.NATIVE_DRAFTS, Capability.AUTO_MERGE,
            Capability.THREAD_RESOLUTION, Capability.REVIEW_REPLIES, Capability.REACTIONS, Capability.LABELS,
            Capability.ASSIGNEES, Capability.WEBHOOK_REGISTRATION), Set.of(MergeMethod.MERGE, MergeMethod.SQUASH), false);

    private static final Logger LOG = LoggerFactory.getLogger(GitLabPlatform.class);

    /** gitlab.com; a self-managed instance is its own base URL. */
    public static final URI GITLAB_COM = URI.create("https://gitlab.com");

    private final GitLabApi api;
    private final RepositoryId id;
    private final String project;
    private final Secret token;
    private final Resilience resilience;
    private final Clock clock;

    /** A personal, project or group access token, sent as {@code PRIVATE-TOKEN}. */
    public GitLabPlatform(URI baseUrl, RepositoryId id, Secret token, Resilience resilience, Clock clock) {
        this.api = new GitLabApi(baseUrl.toString().replaceAll("/+$", ""), Constants.TokenType.PRIVATE, token.reveal());
        this.id = id;
        this.project = id.fullName();
        this.token = token;
        this.resilience = resilience;
        this.clock = clock;
    }

    @Override
    public String platformName() {
        return "gitlab";
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public void eventReceived(Instant at) {
        resilience.eventSeen(at);
    }

    /** git over HTTPS accepts any user name with an access token; GitLab documents {@code oauth2}. */
    public GitCredentials gitCredentials() {
        return new GitCredentials("oauth2", token);
    }

    @Override
    public RepositoryInfo repository() {
        return read("reading " + project, () -> {
            Project p = api.getProjectApi().getProject(project);
            return new RepositoryInfo(id, p.getDefaultBranch(), p.getHttpUrlToRepo(), p.getWebUrl());
        });
    }

    @Override
    public Issue issue(long number) {
        return read("reading issue #" + number, () -> GitLabMapping.issue(api.getIssuesApi().getIssue(project, number)));
    }

    @Override
    public List<Issue> issues(IssueFilter filter) {
        return read("listing issues", () -> {
            var query = new org.gitlab4j.api.models.IssueFilter().withState(Constants.IssueState.OPENED);
            filter.label().ifPresent(l -> query.withLabels(List.of(l)));
            if (filter.assignee().isPresent()) {
                User user = api.getUserApi().getUser(filter.assignee().get());
                if (user == null) {
                    return List.<Issue>of();
                }
                query.withAssigneeId(user.getId());
            }
            return api.getIssuesApi().getIssues(project, query, 100).stream().map(GitLabMapping::issue)
                    .filter(filter::accepts).toList();
        });
    }

    @Override
    public Comment comment(long issueNumber, String body) {
        return write("commenting on #" + issueNumber,
                () -> GitLabMapping.comment(api.getNotesApi().createIssueNote(project, issueNumber, body)));
    }

    @Override
    public void editComment(long issueNumber, long commentId, String body) {
        write("editing comment " + commentId, () -> api.getNotesApi().updateIssueNote(project, issueNumber, commentId, body));
    }

    @Override
    public List<Comment> commentsSince(long issueNumber, Instant since) {
        return read("reading comments of #" + issueNumber, () -> api.getNotesApi().getIssueNotes(project, issueNumber, 100)
                .stream().filter(n -> !Boolean.TRUE.equals(n.getSystem())).map(GitLabMapping::comment)
                .filter(c -> !c.updatedAt().isBefore(since))
                .sorted(java.util.Comparator.comparing(Comment::createdAt)).toList());
    }

    @Override
    public void addLabel(long issueNumber, String label) {
        Issue issue = issue(issueNumber);
        if (!issue.hasLabel(label)) {
            Set<String> labels = new LinkedHashSet<>(issue.labels());
            labels.add(label);
            setLabels(issueNumber, labels);
        }
    }

    @Override
    public void removeLabel(long issueNumber, String label) {
        Issue issue = issue(issueNumber);
        if (issue.hasLabel(label)) {
            Set<String> labels = new LinkedHashSet<>(issue.labels());
            labels.remove(label);
            setLabels(issueNumber, labels);
        }
    }

    private void setLabels(long issueNumber, Set<String> labels) {
        write("labelling #" + issueNumber, () -> api.getIssuesApi().updateIssue(project, issueNumber, null, null, null, null,
                null, String.join(",", labels), null, null, null));
    }

    @Override
    public void assign(long issueNumber, String user) {
        write("assigning #" + issueNumber, () -> {
            User found = api.getUserApi().getUser(user);
            if (found == null) {
                throw new PlatformException(Kind.INVALID, 0, "gitlab has no user '" + user + "'");
            }
            return api.getIssuesApi().assignIssue(project, issueNumber, found.getId());
        });
    }

    @Override
    public void closeIssue(long issueNumber) {
        write("closing #" + issueNumber, () -> api.getIssuesApi().closeIssue(project, issueNumber));
    }

    @Override
    public void react(long issueNumber, long commentId, Reaction reaction) {
        write("reacting to note " + commentId, () -> api.getAwardEmojiApi().addIssueNoteAwardEmoji(project, issueNumber,
                commentId, GitLabMapping.emoji(reaction)));
    }

    @Override
    public List<ReactionGiven> reactionsSince(long issueNumber, long commentId, Instant since) {
        return read("reading award emoji of note " + commentId, () -> api.getAwardEmojiApi()
                .getIssueNoteAwardEmojis(project, issueNumber, commentId).stream()
                .flatMap(e -> GitLabMapping.reaction(e).stream()).filter(r -> !r.at().isBefore(since))
                .sorted(java.util.Comparator.comparing(ReactionGiven::at)).toList());
    }

    @Override
    public PullRequest createPullRequest(NewPullRequest request) {
        String title = request.draft() ? GitLabMapping.DRAFT_PREFIX + request.title() : request.title();
        return write("opening a merge request from " + request.head(), () -> GitLabMapping.mergeRequest(
                api.getMergeRequestApi().createMergeRequest(project, new MergeRequestParams()
                        .withSourceBranch(request.head()).withTargetBranch(request.base()).withTitle(title)
                        .withDescription(request.body()))));
    }

    @Override
    public PullRequest pullRequest(long number) {
        return read("reading merge request !" + number,
                () -> GitLabMapping.mergeRequest(api.getMergeRequestApi().getMergeRequest(project, number)));
    }

    @Override
    public Optional<PullRequest> findPullRequest(String headBranch) {
        return read("finding the merge request of " + headBranch, () -> api.getMergeRequestApi().getMergeRequests(project,
                        new MergeRequestFilter().withState(Constants.MergeRequestState.OPENED).withSourceBranch(headBranch),
                        100)
                .stream().findFirst().map(GitLabMapping::mergeRequest));
    }

    @Override
    public PullRequest updatePullRequest(long number, PullRequestUpdate update) {
        return write("updating merge request !" + number, () -> {
            MergeRequestParams params = new MergeRequestParams();
            update.title().ifPresent(params::withTitle);
            update.body().ifPresent(params::withDescription);
            return GitLabMapping.mergeRequest(api.getMergeRequestApi().updateMergeRequest(project, number, params));
        });
    }

    /**
     * GitLab keeps draft state in the title, so the title loses its draft prefix; a merge request
     * that is no draft is left alone.
     */
    @Override
    public void markReady(long number) {
        MergeRequest mr = read("reading merge request !" + number,
                () -> api.getMergeRequestApi().getMergeRequest(project, number));
        if (!GitLabMapping.mergeRequest(mr).draft()) {
            return;
        }
        String ready = GitLabMapping.readyTitle(mr.getTitle());
        if (ready.equals(mr.getTitle())) {
            throw new PlatformException(Kind.INVALID, 0, "gitlab: merge request !" + number
                    + " is a draft but its title has no draft prefix to remove: " + mr.getTitle());
        }
        write("marking merge request !" + number + " ready", () -> api.getMergeRequestApi()
                .updateMergeRequest(project, number, new MergeRequestParams().withTitle(ready)));
    }

    @Override
    public MergeResult merge(long number, MergeMethod method) {
        CAPABILITIES.require(method, platformName());
        PullRequest pr = pullRequest(number);
        try {
            return write("merging merge request !" + number, () -> {
                MergeRequest merged = api.getMergeRequestApi().acceptMergeRequest(project, number,
                        new AcceptMergeRequestParams().withSha(pr.headSha()).withSquash(method == MergeMethod.SQUASH));
                String sha = merged.getMergeCommitSha() != null ? merged.getMergeCommitSha() : merged.getSquashCommitSha();
                return new MergeResult(sha != null ? sha : merged.getSha());
            });
        } catch (PlatformException e) {
            // 405 not mergeable, 406 conflicts, 409 the head moved, 422 cannot be merged: all mean "not now"
            if (e.status() == 405 || e.status() == 406 || e.status() == 409 || e.status() == 422) {
                throw new PlatformException(Kind.CONFLICT, e.status(), e.getMessage(), null, e);
            }
            throw e;
        }
    }

    /** GitLab's "merge when pipeline succeeds" (auto-merge since GitLab 17). */
    @Override
    public void enableAutoMerge(long number, MergeMethod method) {
        CAPABILITIES.require(method, platformName());
        PullRequest pr = pullRequest(number);
        write("setting merge request !" + number + " to merge when the pipeline succeeds", () -> api.getMergeRequestApi()
                .acceptMergeRequest(project, number, new AcceptMergeRequestParams().withSha(pr.headSha())
                        .withSquash(method == MergeMethod.SQUASH).withMergeWhenPipelineSucceeds(true)));
    }

    @Override
    public void closePullRequest(long number) {
        write("closing merge request !" + number, () -> api.getMergeRequestApi().updateMergeRequest(project, number,
                new MergeRequestParams().withStateEvent(Constants.StateEvent.CLOSE)));
    }

    @Override
    public List<ReviewComment> reviewComments(long pullRequestNumber) {
        return read("reading discussions of !" + pullRequestNumber, () -> {
            List<ReviewComment> comments = new ArrayList<>();
            for (Discussion d : api.getDiscussionsApi().getMergeRequestDiscussions(project, pullRequestNumber)) {
                for (Note n : d.getNotes()) {
                    if (n.getPosition() != null && !Boolean.TRUE.equals(n.getSystem())) {
                        comments.add(GitLabMapping.reviewComment(d.getId(), n));
                    }
                }
            }
            return comments;
        });
    }

    @Override
    public ReviewComment replyToReviewComment(long pullRequestNumber, long commentId, String body) {
        ReviewComment parent = reviewComments(pullRequestNumber).stream().filter(c -> c.id() == commentId).findFirst()
                .orElseThrow(() -> PlatformException.notFound("review comment " + commentId + " on !" + pullRequestNumber));
        return write("replying to note " + commentId, () -> {
            Note note = api.getDiscussionsApi().addMergeRequestThreadNote(project, pullRequestNumber, parent.threadId(),
                    body, null);
            return new ReviewComment(note.getId(), parent.threadId(), note.getAuthor() == null ? "" : note.getAuthor().getUsername(),
                    note.getBody(), parent.path(), parent.line(), note.getCreatedAt() == null ? clock.instant()
                            : note.getCreatedAt().toInstant(), parent.resolved());
        });
    }

    @Override
    public void resolveThread(long pullRequestNumber, String threadId) {
        write("resolving discussion " + threadId, () -> api.getDiscussionsApi().resolveMergeRequestDiscussion(project,
                pullRequestNumber, threadId, true));
    }

    @Override
    public CiStatus ciStatus(String sha) {
        return read("reading statuses of " + sha, () -> CiStatus.combine(sha, api.getCommitsApi()
                .getCommitStatuses(project, sha, null, 100).stream().map(GitLabMapping::check).toList()));
    }

    /**
     * The end of a pipeline job's trace ({@code GET /projects/:id/jobs/:job_id/trace}). Statuses an
     * outside CI posted link elsewhere and have no trace here. A trace the token may not read (it
     * needs read_api) or that was erased is left out, never an error.
     */
    @Override
    public Optional<String> checkLog(Check check, int maxChars) {
        if (!check.id().matches("\\d+") || !check.url().contains("/-/jobs/" + check.id())) {
            return Optional.empty();
        }
        try {
            String trace = read("reading the trace of job " + check.id(),
                    () -> api.getJobApi().getTrace(project, Long.valueOf(check.id())));
            String excerpt = LogExcerpt.of(trace == null ? "" : trace, maxChars, List.of(token));
            return excerpt.isEmpty() ? Optional.empty() : Optional.of(excerpt);
        } catch (PlatformException e) {
            LOG.info("No trace of check '{}' (job {}): {}", check.name(), check.id(), e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public Permission permission(String user) {
        return read("reading the access of " + user, () -> {
            User found = api.getUserApi().getUser(user);
            if (found == null) {
                return Permission.NONE;
            }
            return api.getProjectApi().getOptionalMember(project, found.getId(), true)
                    .map(m -> GitLabMapping.permission(m.getAccessLevel())).orElse(Permission.NONE);
        });
    }

    @Override
    public Optional<byte[]> file(String path, String ref) {
        return read("reading " + path + " at " + ref, () -> {
            try (InputStream in = api.getRepositoryFileApi().getRawFile(project, ref, path)) {
                return Optional.of(in.readAllBytes());
            } catch (GitLabApiException e) {
                if (e.getHttpStatus() == 404) {
                    return Optional.<byte[]>empty();
                }
                throw e;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public String registerWebhook(WebhookRequest request) {
        ProjectHook events = new ProjectHook();
        for (WebhookRequest.WebhookEvent e : request.events()) {
            switch (e) {
                case ISSUES -> events.withIssuesEvents(true);
                case ISSUE_COMMENTS, PULL_REQUEST_REVIEWS -> events.withNoteEvents(true);
                case PULL_REQUESTS -> events.withMergeRequestsEvents(true);
                case PUSHES -> events.withPushEvents(true);
                case CHECKS -> events.withPipelineEvents(true);
            }
        }
        return write("registering a webhook", () -> Long.toString(api.getProjectApi()
                .addHook(project, request.url().toString(), events, true, request.secret().reveal()).getId()));
    }

    @FunctionalInterface
    private interface GitLabCall<T> {
        T call() throws GitLabApiException;
    }

    private <T> T read(String action, GitLabCall<T> call) {
        return resilience.read(action, () -> once(action, call));
    }

    private <T> T write(String action, GitLabCall<T> call) {
        return resilience.write(action, () -> once(action, call));
    }

    private <T> T once(String action, GitLabCall<T> call) {
        try {
            return call.call();
        } catch (GitLabApiException e) {
            throw GitLabErrors.translate(action, e, clock);
        }
    }
}
