package dev.tamma.platforms.plaingit;

import dev.tamma.core.platform.Capabilities;
import dev.tamma.core.platform.Capability;
import dev.tamma.core.platform.Check;
import dev.tamma.core.platform.CiState;
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
import dev.tamma.core.platform.RepositoryInfo;
import dev.tamma.core.platform.ReviewComment;
import dev.tamma.core.platform.WebhookRequest;
import dev.tamma.platforms.http.LogExcerpt;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

/**
 * Any git repository through JGit, with Tamma as the tracker: issues, pull requests, comments and
 * reviews live in {@link PlainGitRecords}; "merge" is a JGit merge pushed to the base branch; CI is
 * the configured {@link CheckCommand}, run in the background once per commit. The platform the
 * offline demo and end-to-end tests use. There are no webhooks: nothing tells Tamma that a branch
 * moved or a person wrote, so the orchestrator polls.
 */
public final class PlainGitPlatform implements GitPlatform {

    static final Capabilities CAPABILITIES = new Capabilities(
            EnumSet.of(Capability.NATIVE_DRAFTS, Capability.THREAD_RESOLUTION, Capability.REVIEW_REPLIES,
                    Capability.REACTIONS, Capability.LABELS, Capability.ASSIGNEES),
            EnumSet.of(MergeMethod.MERGE, MergeMethod.SQUASH), false);

    private final PlainGitSettings settings;
    private final PlainGitRecords records;
    private final GitMirror mirror;
    private final Optional<CheckRuns> checks;

    /** Checks run on virtual threads. */
    public PlainGitPlatform(PlainGitSettings settings, PlainGitRecords records) {
        this(settings, records, task -> Thread.ofVirtual().name("tamma-check").start(task));
    }

    /** Checks run on {@code checkExecutor}, which tests can hold back and release. */
    public PlainGitPlatform(PlainGitSettings settings, PlainGitRecords records, Executor checkExecutor) {
        this.settings = settings;
        this.records = records;
        this.mirror = new GitMirror(settings.remoteUrl(), settings.credentials(),
                settings.cacheDirectory().resolve("mirror.git"));
        this.checks = settings.check().map(check -> new CheckRuns(check, mirror,
                settings.cacheDirectory().resolve("checks"), checkExecutor));
    }

    @Override
    public String platformName() {
        return "plain-git";
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public RepositoryInfo repository() {
        return new RepositoryInfo(settings.id(), mirror.defaultBranch(), settings.remoteUrl(), "");
    }

    @Override
    public Issue issue(long number) {
        return records.issue(number).orElseThrow(() -> PlatformException.notFound("issue #" + number));
    }

    @Override
    public List<Issue> issues(IssueFilter filter) {
        return records.issues().stream().filter(filter::accepts).toList();
    }

    /** Opens an issue: on Plain Git, people file issues through Tamma's API or UI. */
    public Issue openIssue(String title, String body, List<String> labels, String author) {
        Issue issue = new Issue(records.nextNumber(), title, body, true, labels, List.of(), author, "");
        records.saveIssue(issue);
        return issue;
    }

    @Override
    public Comment comment(long issueNumber, String body) {
        requireIssueOrPullRequest(issueNumber);
        Instant now = now();
        Comment comment = new Comment(records.nextCommentId(), settings.tamma().name(), body, now, now, "");
        records.saveComment(issueNumber, comment);
        return comment;
    }

    @Override
    public void editComment(long issueNumber, long commentId, String body) {
        Comment old = records.comments(issueNumber).stream().filter(c -> c.id() == commentId).findFirst()
                .orElseThrow(() -> PlatformException.notFound("comment " + commentId + " on #" + issueNumber));
        records.saveComment(issueNumber,
                new Comment(old.id(), old.author(), body, old.createdAt(), now(), old.url()));
    }

    @Override
    public List<Comment> commentsSince(long issueNumber, Instant since) {
        requireIssueOrPullRequest(issueNumber);
        return records.comments(issueNumber).stream().filter(c -> !c.updatedAt().isBefore(since)).toList();
    }

    @Override
    public void addLabel(long issueNumber, String label) {
        changeIssue(issueNumber, issue -> issue.labels().contains(label) ? issue
                : with(issue, issue.open(), adding(issue.labels(), label), issue.assignees()));
    }

    @Override
    public void removeLabel(long issueNumber, String label) {
        changeIssue(issueNumber, issue -> with(issue, issue.open(),
                issue.labels().stream().filter(l -> !l.equals(label)).toList(), issue.assignees()));
    }

    @Override
    public void assign(long issueNumber, String user) {
        changeIssue(issueNumber, issue -> issue.assignees().contains(user) ? issue
                : with(issue, issue.open(), issue.labels(), adding(issue.assignees(), user)));
    }

    @Override
    public void closeIssue(long issueNumber) {
        changeIssue(issueNumber, issue -> with(issue, false, issue.labels(), issue.assignees()));
    }

    @Override
    public void react(long issueNumber, long commentId, Reaction reaction) {
        boolean known = records.comments(issueNumber).stream().anyMatch(c -> c.id() == commentId);
        if (!known) {
            throw PlatformException.notFound("comment " + commentId + " on #" + issueNumber);
        }
        records.saveReaction(commentId, new ReactionGiven(settings.tamma().name(), reaction, now()));
    }

    @Override
    public List<ReactionGiven> reactionsSince(long issueNumber, long commentId, Instant since) {
        boolean known = records.comments(issueNumber).stream().anyMatch(c -> c.id() == commentId);
        if (!known) {
            throw PlatformException.notFound("comment " + commentId + " on #" + issueNumber);
        }
        return records.reactions(commentId).stream().filter(r -> !r.at().isBefore(since))
                .sorted(Comparator.comparing(ReactionGiven::at)).toList();
    }

    @Override
    public PullRequest createPullRequest(NewPullRequest request) {
        String headSha = mirror.branchHead(request.head()).orElseThrow(() -> new PlatformException(Kind.INVALID, 422,
                "head branch '" + request.head() + "' does not exist in " + settings.id()));
        if (mirror.branchHead(request.base()).isEmpty()) {
            throw new PlatformException(Kind.INVALID, 422,
                    "base branch '" + request.base() + "' does not exist in " + settings.id());
        }
        if (findPullRequest(request.head()).isPresent()) {
            throw new PlatformException(Kind.INVALID, 422, "a pull request from '" + request.head() + "' is already open");
        }
        PullRequest pr = new PullRequest(records.nextNumber(), request.title(), request.body(), request.head(),
                request.base(), PullRequestState.OPEN, request.draft(), headSha, "");
        records.savePullRequest(pr);
        return pr;
    }

    @Override
    public PullRequest pullRequest(long number) {
        PullRequest pr = records.pullRequest(number)
                .orElseThrow(() -> PlatformException.notFound("pull request #" + number));
        if (pr.state() != PullRequestState.OPEN) {
            return pr;
        }
        String head = mirror.branchHead(pr.head()).orElse(pr.headSha());
        return new PullRequest(pr.number(), pr.title(), pr.body(), pr.head(), pr.base(), pr.state(), pr.draft(), head,
                pr.url());
    }

    @Override
    public Optional<PullRequest> findPullRequest(String headBranch) {
        return records.pullRequests().stream()
                .filter(pr -> pr.state() == PullRequestState.OPEN && pr.head().equals(headBranch))
                .findFirst().map(pr -> pullRequest(pr.number()));
    }

    @Override
    public PullRequest updatePullRequest(long number, PullRequestUpdate update) {
        String headSha = pullRequest(number).headSha();
        return changePullRequest(number, pr -> new PullRequest(pr.number(), update.title().orElse(pr.title()),
                update.body().orElse(pr.body()), pr.head(), pr.base(), pr.state(), pr.draft(), headSha, pr.url()));
    }

    @Override
    public void markReady(long number) {
        String headSha = pullRequest(number).headSha();
        changePullRequest(number, pr -> new PullRequest(pr.number(), pr.title(), pr.body(), pr.head(), pr.base(), pr.state(),
                false, headSha, pr.url()));
    }

    @Override
    public MergeResult merge(long number, MergeMethod method) {
        CAPABILITIES.require(method, platformName());
        PullRequest pr = pullRequest(number);
        if (pr.state() != PullRequestState.OPEN) {
            throw new PlatformException(Kind.INVALID, 405, "pull request #" + number + " is " + pr.state().name().toLowerCase());
        }
        String message = (method == MergeMethod.SQUASH ? pr.title() : "Merge " + pr.head() + " into " + pr.base())
                + " (#" + number + ")";
        String sha = mirror.merge(pr.head(), pr.base(), method, message, settings.tamma());
        changePullRequest(number, merged -> new PullRequest(merged.number(), merged.title(), merged.body(), merged.head(),
                merged.base(), PullRequestState.MERGED, false, pr.headSha(), merged.url()));
        return new MergeResult(sha);
    }

    @Override
    public void enableAutoMerge(long number, MergeMethod method) {
        CAPABILITIES.require(Capability.AUTO_MERGE, platformName());
    }

    @Override
    public void closePullRequest(long number) {
        String headSha = pullRequest(number).headSha();
        changePullRequest(number, pr -> new PullRequest(pr.number(), pr.title(), pr.body(), pr.head(), pr.base(),
                PullRequestState.CLOSED, pr.draft(), headSha, pr.url()));
    }

    @Override
    public List<ReviewComment> reviewComments(long pullRequestNumber) {
        pullRequest(pullRequestNumber);
        return records.reviewComments(pullRequestNumber);
    }

    /** Writes a review comment on a line: how Tamma's own review (step 11) and its UI comment here. */
    public ReviewComment addReviewComment(long pullRequestNumber, String author, String path, int line, String body) {
        pullRequest(pullRequestNumber);
        long id = records.nextCommentId();
        ReviewComment comment = new ReviewComment(id, Long.toString(id), author, body, path, Optional.of(line), now(),
                false);
        records.saveReviewComment(pullRequestNumber, comment);
        return comment;
    }

    @Override
    public ReviewComment replyToReviewComment(long pullRequestNumber, long commentId, String body) {
        ReviewComment parent = reviewComment(pullRequestNumber, commentId);
        ReviewComment reply = new ReviewComment(records.nextCommentId(), parent.threadId(), settings.tamma().name(), body,
                parent.path(), parent.line(), now(), parent.resolved());
        records.saveReviewComment(pullRequestNumber, reply);
        return reply;
    }

    @Override
    public void resolveThread(long pullRequestNumber, String threadId) {
        List<ReviewComment> thread = reviewComments(pullRequestNumber).stream()
                .filter(c -> c.threadId().equals(threadId)).toList();
        if (thread.isEmpty()) {
            throw PlatformException.notFound("review thread " + threadId + " on #" + pullRequestNumber);
        }
        for (ReviewComment c : thread) {
            records.saveReviewComment(pullRequestNumber, new ReviewComment(c.id(), c.threadId(), c.author(), c.body(),
                    c.path(), c.line(), c.createdAt(), true));
        }
    }

    /**
     * PENDING while the check of {@code sha} runs (the first call starts it), then its result; with
     * no check command configured, every commit is green.
     */
    @Override
    public CiStatus ciStatus(String sha) {
        return checks.map(runs -> runs.status(sha)).orElseGet(() -> new CiStatus(sha, CiState.SUCCESS, List.of()));
    }

    /** Plain Git's checks write their log to a local file; its URL is the check's. An empty log is no excerpt. */
    @Override
    public Optional<String> checkLog(Check check, int maxChars) {
        if (!check.url().startsWith("file:")) {
            return Optional.empty();
        }
        try {
            String log = Files.readString(Path.of(URI.create(check.url())));
            String excerpt = LogExcerpt.of(log, maxChars, List.of());
            return excerpt.isEmpty() ? Optional.empty() : Optional.of(excerpt);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public Permission permission(String user) {
        return settings.permissions().getOrDefault(user, Permission.NONE);
    }

    @Override
    public Optional<byte[]> file(String path, String ref) {
        return mirror.file(path, ref);
    }

    @Override
    public String registerWebhook(WebhookRequest request) {
        throw PlatformException.unsupported(platformName(),
                "webhooks (a plain Git remote has no server to send them; Tamma polls the repository and its records)");
    }

    private void changeIssue(long number, UnaryOperator<Issue> change) {
        records.updateIssue(number, change).orElseThrow(() -> PlatformException.notFound("issue #" + number));
    }

    private PullRequest changePullRequest(long number, UnaryOperator<PullRequest> change) {
        return records.updatePullRequest(number, change).orElseThrow(() -> PlatformException.notFound("pull request #" + number));
    }

    /** Records keep milliseconds, as the platforms' APIs do, so a time read back equals the one written. */
    private Instant now() {
        return settings.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static List<String> adding(List<String> values, String value) {
        List<String> more = new ArrayList<>(values);
        more.add(value);
        return more;
    }

    private ReviewComment reviewComment(long pullRequestNumber, long commentId) {
        return reviewComments(pullRequestNumber).stream().filter(c -> c.id() == commentId).findFirst()
                .orElseThrow(() -> PlatformException.notFound("review comment " + commentId + " on #" + pullRequestNumber));
    }

    private void requireIssueOrPullRequest(long number) {
        if (records.issue(number).isEmpty() && records.pullRequest(number).isEmpty()) {
            throw PlatformException.notFound("issue or pull request #" + number);
        }
    }

    private static Issue with(Issue issue, boolean open, List<String> labels, List<String> assignees) {
        return new Issue(issue.number(), issue.title(), issue.body(), open, labels, assignees, issue.author(), issue.url());
    }
}
