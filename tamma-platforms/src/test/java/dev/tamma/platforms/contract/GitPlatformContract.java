package dev.tamma.platforms.contract;

import static dev.tamma.platforms.contract.World.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tamma.core.platform.Capabilities;
import dev.tamma.core.platform.Capability;
import dev.tamma.core.platform.CiState;
import dev.tamma.core.platform.CiStatus;
import dev.tamma.core.platform.Comment;
import dev.tamma.core.platform.CommentMarker;
import dev.tamma.core.platform.GitPlatform;
import dev.tamma.core.platform.Issue;
import dev.tamma.core.platform.IssueFilter;
import dev.tamma.core.platform.MergeMethod;
import dev.tamma.core.platform.NewPullRequest;
import dev.tamma.core.platform.PlatformException;
import dev.tamma.core.platform.PlatformException.Kind;
import dev.tamma.core.platform.PullRequest;
import dev.tamma.core.platform.PullRequestState;
import dev.tamma.core.platform.PullRequestUpdate;
import dev.tamma.core.platform.Reaction;
import dev.tamma.core.platform.ReactionGiven;
import dev.tamma.core.platform.ReviewComment;
import dev.tamma.core.platform.Secret;
import dev.tamma.core.platform.WebhookRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link GitPlatform} must do, run against each implementation. Subclasses present the
 * {@link World} for a {@link Scenario} in {@link #given}: Plain Git as real repositories and records,
 * REST platforms as WireMock stubs of their documented API that match method, path and body, so a
 * wrong request fails the test, and {@link #verifyRequests} fails on any request not stubbed or any
 * stub not used. Where a platform's {@link Capabilities} say it lacks something, the contract demands
 * the UNSUPPORTED error instead, without a request.
 */
public abstract class GitPlatformContract {

    protected abstract GitPlatform platform();

    /** Arranges the world for one scenario (register stubs, or nothing for a stateful world). */
    protected abstract void given(Scenario scenario);

    /** True when writes can be read back (real records), false for stubs, which verify requests instead. */
    protected abstract boolean statefulWorld();

    /** After each test: no unexpected request was made and every expected one was. */
    protected void verifyRequests() {
    }

    /** Stops servers; runs after {@link #verifyRequests()}, even when it failed. */
    protected void tearDown() {
    }

    // Subclasses must not put their own @AfterEach on these: JUnit runs a subclass's @AfterEach before
    // the superclass's, so the servers would be gone before the requests are verified.
    @AfterEach
    final void afterScenario() {
        try {
            verifyRequests();
        } finally {
            tearDown();
        }
    }

    /** The repository's full name; Azure DevOps puts organization and project in the owner. */
    protected String expectedFullName() {
        return OWNER + "/" + REPO;
    }

    private Capabilities caps() {
        return platform().capabilities();
    }

    private static void assertKind(ThrowingCallable call, Kind kind) {
        assertThatThrownBy(call).isInstanceOfSatisfying(PlatformException.class,
                e -> assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind));
    }

    @Test
    void describesTheRepositoryAndItsDefaultBranch() {
        given(Scenario.REPOSITORY);
        var repo = platform().repository();
        assertThat(repo.id().fullName()).isEqualTo(expectedFullName());
        assertThat(repo.defaultBranch()).isEqualTo(DEFAULT_BRANCH);
        assertThat(repo.cloneUrl()).isNotBlank();
    }

    @Test
    void readsAnIssue() {
        given(Scenario.ISSUE);
        Issue issue = platform().issue(ISSUE);
        assertThat(issue.number()).isEqualTo(ISSUE);
        assertThat(issue.title()).isEqualTo(ISSUE_TITLE);
        assertThat(issue.body()).isEqualTo(ISSUE_BODY);
        assertThat(issue.open()).isTrue();
        if (caps().has(Capability.LABELS)) {
            assertThat(issue.labels()).containsExactlyInAnyOrder(BUG_LABEL, TRIGGER_LABEL);
        } else {
            assertThat(issue.labels()).isEmpty();
        }
        assertThat(issue.assignees()).containsExactly(BOT);
        assertThat(issue.author()).isEqualTo(WRITER);
    }

    @Test
    void aMissingIssueIsNotFound() {
        given(Scenario.MISSING_ISSUE);
        assertKind(() -> platform().issue(MISSING), Kind.NOT_FOUND);
    }

    @Test
    void listsOpenIssuesByLabelAcrossPages() {
        given(Scenario.ISSUES_BY_LABEL);
        if (!caps().has(Capability.LABELS)) {
            assertKind(() -> platform().issues(IssueFilter.labelled(TRIGGER_LABEL)), Kind.UNSUPPORTED);
            return;
        }
        assertThat(platform().issues(IssueFilter.labelled(TRIGGER_LABEL))).extracting(Issue::number)
                .containsExactly(ISSUE, OTHER_ISSUE);
    }

    @Test
    void listsOpenIssuesByAssignee() {
        given(Scenario.ISSUES_BY_ASSIGNEE);
        assertThat(platform().issues(IssueFilter.assignedTo(BOT))).extracting(Issue::number).containsExactly(ISSUE);
    }

    @Test
    void comments() {
        given(Scenario.COMMENT);
        Comment comment = platform().comment(ISSUE, "Tamma is on it.");
        assertThat(comment.id()).isPositive();
        assertThat(comment.body()).isEqualTo("Tamma is on it.");
        if (statefulWorld()) {
            assertThat(platform().commentsSince(ISSUE, comment.createdAt())).contains(comment);
        }
    }

    @Test
    void readsCommentsSinceATime() {
        given(Scenario.COMMENTS_SINCE);
        List<Comment> comments = platform().commentsSince(ISSUE, SINCE);
        assertThat(comments).extracting(Comment::id).containsExactly(NEW_COMMENT);
        assertThat(comments.getFirst().body()).isEqualTo(NEW_COMMENT_BODY);
        assertThat(comments.getFirst().author()).isEqualTo(WRITER);
        assertThat(comments.getFirst().createdAt()).isEqualTo(NEW_COMMENT_AT);
    }

    @Test
    void editsTheCommentCarryingTheMarkerInsteadOfAddingOne() {
        given(Scenario.UPSERT_MARKED_COMMENT);
        Comment plan = platform().upsertComment(ISSUE, new CommentMarker("plan"), "Plan, second version");
        assertThat(plan.id()).isEqualTo(PLAN_COMMENT);
        assertThat(plan.body()).isEqualTo("Plan, second version\n\n<!-- tamma:plan -->");
        if (statefulWorld()) {
            assertThat(platform().commentsSince(ISSUE, PLAN_COMMENT_AT)).filteredOn(c -> c.id() == PLAN_COMMENT)
                    .extracting(Comment::body).containsExactly(plan.body());
        }
    }

    @Test
    void addsALabel() {
        given(Scenario.ADD_LABEL);
        if (!caps().has(Capability.LABELS)) {
            assertKind(() -> platform().addLabel(ISSUE, WORKING_LABEL), Kind.UNSUPPORTED);
            return;
        }
        platform().addLabel(ISSUE, WORKING_LABEL);
        if (statefulWorld()) {
            assertThat(platform().issue(ISSUE).labels()).contains(WORKING_LABEL, BUG_LABEL, TRIGGER_LABEL);
        }
    }

    @Test
    void removesALabel() {
        given(Scenario.REMOVE_LABEL);
        if (!caps().has(Capability.LABELS)) {
            assertKind(() -> platform().removeLabel(ISSUE, TRIGGER_LABEL), Kind.UNSUPPORTED);
            return;
        }
        platform().removeLabel(ISSUE, TRIGGER_LABEL);
        if (statefulWorld()) {
            assertThat(platform().issue(ISSUE).labels()).containsExactly(BUG_LABEL);
        }
    }

    @Test
    void removingALabelTheIssueDoesNotCarryIsNoError() {
        given(Scenario.REMOVE_ABSENT_LABEL);
        if (!caps().has(Capability.LABELS)) {
            assertKind(() -> platform().removeLabel(ISSUE, "not-there"), Kind.UNSUPPORTED);
            return;
        }
        platform().removeLabel(ISSUE, "not-there");
        if (statefulWorld()) {
            assertThat(platform().issue(ISSUE).labels()).containsExactlyInAnyOrder(BUG_LABEL, TRIGGER_LABEL);
        }
    }

    @Test
    void assigns() {
        given(Scenario.ASSIGN);
        platform().assign(OTHER_ISSUE, BOT);
        if (statefulWorld()) {
            assertThat(platform().issue(OTHER_ISSUE).assignees()).containsExactly(BOT);
        }
    }

    @Test
    void closesAnIssue() {
        given(Scenario.CLOSE_ISSUE);
        platform().closeIssue(OTHER_ISSUE);
        if (statefulWorld()) {
            assertThat(platform().issue(OTHER_ISSUE).open()).isFalse();
        }
    }

    @Test
    void reactsToACommentOrSaysItCannot() {
        given(Scenario.REACT);
        if (caps().has(Capability.REACTIONS)) {
            platform().react(ISSUE, NEW_COMMENT, Reaction.EYES);
        } else {
            assertKind(() -> platform().react(ISSUE, NEW_COMMENT, Reaction.EYES), Kind.UNSUPPORTED);
        }
    }

    @Test
    void readsReactionsSinceATimeOrSaysItCannot() {
        given(Scenario.REACTIONS_SINCE);
        if (!caps().has(Capability.REACTIONS)) {
            assertKind(() -> platform().reactionsSince(ISSUE, NEW_COMMENT, REACTIONS_SINCE), Kind.UNSUPPORTED);
            return;
        }
        assertThat(platform().reactionsSince(ISSUE, NEW_COMMENT, REACTIONS_SINCE))
                .containsExactly(new ReactionGiven(WRITER, Reaction.THUMBS_UP, THUMBS_UP_AT));
        assertThat(platform().reactionsSince(ISSUE, NEW_COMMENT, SINCE)).extracting(ReactionGiven::user)
                .containsExactly(STRANGER, WRITER);
    }

    @Test
    void opensADraftPullRequestOrAWipOneWhereDraftsAreNotNative() {
        given(Scenario.CREATE_DRAFT_PULL_REQUEST);
        NewPullRequest draft = new NewPullRequest(NEW_PR_TITLE, NEW_PR_BODY, NEW_HEAD, DEFAULT_BRANCH, true);
        PullRequest pr = platform().createPullRequest(draft.adaptedTo(caps()));
        assertThat(pr.number()).isPositive();
        assertThat(pr.head()).isEqualTo(NEW_HEAD);
        assertThat(pr.base()).isEqualTo(DEFAULT_BRANCH);
        assertThat(pr.body()).isEqualTo(NEW_PR_BODY);
        assertThat(pr.state()).isEqualTo(PullRequestState.OPEN);
        if (caps().nativeDrafts()) {
            assertThat(pr.draft()).isTrue();
            assertThat(pr.title()).isEqualTo(NEW_PR_TITLE);
        } else {
            assertThat(pr.title()).isEqualTo("WIP: " + NEW_PR_TITLE);
        }
        if (statefulWorld()) {
            assertThat(platform().findPullRequest(NEW_HEAD)).map(PullRequest::number).contains(pr.number());
        }
    }

    @Test
    void aPullRequestFromAMissingBranchIsInvalid() {
        given(Scenario.CREATE_PULL_REQUEST_FROM_MISSING_BRANCH);
        assertKind(() -> platform().createPullRequest(
                new NewPullRequest("Nothing", "", "no-such-branch", DEFAULT_BRANCH, false)), Kind.INVALID);
    }

    @Test
    void findsTheOpenPullRequestOfABranch() {
        given(Scenario.FIND_PULL_REQUEST);
        assertThat(platform().findPullRequest(HEAD)).map(PullRequest::number).contains(PR);
        assertThat(platform().findPullRequest("no-such-branch")).isEmpty();
    }

    @Test
    void readsAPullRequest() {
        given(Scenario.PULL_REQUEST);
        PullRequest pr = platform().pullRequest(PR);
        assertThat(pr.title()).isEqualTo(PR_TITLE);
        assertThat(pr.head()).isEqualTo(HEAD);
        assertThat(pr.base()).isEqualTo(DEFAULT_BRANCH);
        assertThat(pr.state()).isEqualTo(PullRequestState.OPEN);
        // Bitbucket Cloud names commits by a 12-digit prefix in pull requests
        assertThat(pr.headSha()).matches("[0-9a-f]{12,40}");
    }

    @Test
    void updatesAPullRequest() {
        given(Scenario.UPDATE_PULL_REQUEST);
        PullRequest pr = platform().updatePullRequest(PR, PullRequestUpdate.body("Plan v2\n\nCloses #7"));
        assertThat(pr.body()).isEqualTo("Plan v2\n\nCloses #7");
        assertThat(pr.title()).isEqualTo(PR_TITLE);
    }

    @Test
    void markingADraftReadyTakesItOutOfDraft() {
        given(Scenario.MARK_DRAFT_READY);
        platform().markReady(DRAFT_PR);
        if (statefulWorld()) {
            PullRequest pr = platform().pullRequest(DRAFT_PR);
            assertThat(pr.draft()).isFalse();
            assertThat(pr.title()).isEqualTo(DRAFT_PR_TITLE);
        }
    }

    /** Stubs allow only the read here: a write would be a request no stub matched. */
    @Test
    void markingAReadyPullRequestReadyChangesNothing() {
        given(Scenario.MARK_READY_PULL_REQUEST_READY);
        platform().markReady(PR);
        if (statefulWorld()) {
            PullRequest pr = platform().pullRequest(PR);
            assertThat(pr.draft()).isFalse();
            assertThat(pr.title()).isEqualTo(PR_TITLE);
        }
    }

    @Test
    void mergesWithASupportedMethodAndRefusesTheOthers() {
        given(Scenario.MERGE);
        for (MergeMethod method : MergeMethod.values()) {
            if (!caps().supports(method)) {
                assertKind(() -> platform().merge(PR, method), Kind.UNSUPPORTED);
            }
        }
        var result = platform().merge(PR, MergeMethod.MERGE);
        assertThat(result.sha()).matches("[0-9a-f]{40}");
        if (statefulWorld()) {
            assertThat(platform().pullRequest(PR).state()).isEqualTo(PullRequestState.MERGED);
            assertThat(platform().file(REVIEW_PATH, DEFAULT_BRANCH).map(b -> new String(b, StandardCharsets.UTF_8)))
                    .hasValueSatisfying(text -> assertThat(text).contains("bcrypt"));
        }
    }

    @Test
    void aConflictingMergeIsAConflict() {
        given(Scenario.MERGE_CONFLICT);
        assertKind(() -> platform().merge(CONFLICTING_PR, MergeMethod.MERGE), Kind.CONFLICT);
    }

    @Test
    void enablesAutoMergeOrSaysItCannot() {
        given(Scenario.AUTO_MERGE);
        if (caps().has(Capability.AUTO_MERGE)) {
            platform().enableAutoMerge(PR, MergeMethod.SQUASH);
        } else {
            assertKind(() -> platform().enableAutoMerge(PR, MergeMethod.SQUASH), Kind.UNSUPPORTED);
        }
    }

    @Test
    void closesAPullRequest() {
        given(Scenario.CLOSE_PULL_REQUEST);
        platform().closePullRequest(PR);
        if (statefulWorld()) {
            assertThat(platform().pullRequest(PR).state()).isEqualTo(PullRequestState.CLOSED);
            assertThat(platform().findPullRequest(HEAD)).isEmpty();
        }
    }

    @Test
    void readsReviewComments() {
        given(Scenario.REVIEW_COMMENTS);
        List<ReviewComment> comments = platform().reviewComments(PR);
        assertThat(comments).hasSize(1);
        ReviewComment c = comments.getFirst();
        assertThat(c.id()).isEqualTo(REVIEW_COMMENT);
        assertThat(c.author()).isEqualTo(WRITER);
        assertThat(c.body()).isEqualTo(REVIEW_BODY);
        assertThat(c.path()).isEqualTo(REVIEW_PATH);
        assertThat(c.line()).contains(REVIEW_LINE);
        assertThat(c.resolved()).isFalse();
    }

    @Test
    void repliesToAReviewCommentOrSaysItCannot() {
        given(Scenario.REPLY_TO_REVIEW_COMMENT);
        if (!caps().has(Capability.REVIEW_REPLIES)) {
            assertKind(() -> platform().replyToReviewComment(PR, REVIEW_COMMENT, "Fixed."), Kind.UNSUPPORTED);
            return;
        }
        ReviewComment reply = platform().replyToReviewComment(PR, REVIEW_COMMENT, "Fixed: no more truncation.");
        assertThat(reply.body()).isEqualTo("Fixed: no more truncation.");
        assertThat(reply.path()).isEqualTo(REVIEW_PATH);
        assertThat(reply.id()).isNotEqualTo(REVIEW_COMMENT);
        if (statefulWorld()) {
            assertThat(platform().reviewComments(PR)).extracting(ReviewComment::threadId).containsOnly(reply.threadId());
        }
    }

    @Test
    void resolvesAThreadOrSaysItCannot() {
        given(Scenario.RESOLVE_THREAD);
        String thread = platform().reviewComments(PR).getFirst().threadId();
        if (caps().has(Capability.THREAD_RESOLUTION)) {
            platform().resolveThread(PR, thread);
            if (statefulWorld()) {
                assertThat(platform().reviewComments(PR)).allMatch(ReviewComment::resolved);
            }
        } else {
            assertKind(() -> platform().resolveThread(PR, thread), Kind.UNSUPPORTED);
        }
    }

    @Test
    void combinesChecksIntoOneStatusNamingTheFailures() {
        given(Scenario.CI_STATUS);
        String sha = platform().pullRequest(PR).headSha();
        // PENDING until the checks end: Plain Git runs its check in the background, REST stubs answer at once
        CiStatus status = await().atMost(Duration.ofMinutes(1)).until(() -> platform().ciStatus(sha),
                s -> s.state() != CiState.PENDING);
        assertThat(status.sha()).isEqualTo(sha);
        assertThat(status.state()).isEqualTo(CiState.FAILURE);
        assertThat(status.failing()).isNotEmpty().allSatisfy(check -> {
            assertThat(check.name()).isNotBlank();
            assertThat(check.url()).isNotBlank();
            // where the platform has a log, its end; never more than asked for
            platform().checkLog(check, 200).ifPresent(log -> assertThat(log).isNotBlank().hasSizeLessThanOrEqualTo(200));
        });
    }

    @Test
    void tellsWhoMayCommandTamma() {
        given(Scenario.PERMISSION);
        assertThat(platform().permission(WRITER).canWrite()).isTrue();
        assertThat(platform().permission(STRANGER).canWrite()).isFalse();
    }

    @Test
    void readsAFileAtARef() {
        given(Scenario.FILE);
        assertThat(platform().file(CONFIG_PATH, DEFAULT_BRANCH))
                .hasValueSatisfying(bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(CONFIG));
    }

    @Test
    void aMissingFileIsEmpty() {
        given(Scenario.MISSING_FILE);
        assertThat(platform().file("no/such/file.txt", DEFAULT_BRANCH)).isEmpty();
    }

    @Test
    void registersAWebhookOrSaysItCannot() {
        given(Scenario.WEBHOOK);
        WebhookRequest hook = new WebhookRequest(URI.create("https://tamma.example/webhooks/" + platform().platformName()),
                Secret.of("hook-secret"), Set.of(WebhookRequest.WebhookEvent.ISSUE_COMMENTS,
                        WebhookRequest.WebhookEvent.PULL_REQUESTS));
        if (caps().has(Capability.WEBHOOK_REGISTRATION)) {
            assertThat(platform().registerWebhook(hook)).isNotBlank();
        } else {
            assertKind(() -> platform().registerWebhook(hook), Kind.UNSUPPORTED);
        }
    }
}
