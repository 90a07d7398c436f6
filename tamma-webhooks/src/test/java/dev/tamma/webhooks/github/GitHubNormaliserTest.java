package dev.tamma.webhooks.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tamma.core.webhook.Actor;
import dev.tamma.core.webhook.CiKind;
import dev.tamma.core.webhook.CiStatus;
import dev.tamma.core.webhook.Delivery;
import dev.tamma.core.webhook.Normalisation;
import dev.tamma.core.webhook.Normalisation.Ignored;
import dev.tamma.core.webhook.Normalisation.Normalised;
import dev.tamma.core.webhook.Platform;
import dev.tamma.core.webhook.ReviewVerdict;
import dev.tamma.core.webhook.WebhookEvent;
import dev.tamma.core.webhook.WebhookEvent.CiFinished;
import dev.tamma.core.webhook.WebhookEvent.IssueAssigned;
import dev.tamma.core.webhook.WebhookEvent.IssueClosed;
import dev.tamma.core.webhook.WebhookEvent.IssueCommentCreated;
import dev.tamma.core.webhook.WebhookEvent.IssueLabeled;
import dev.tamma.core.webhook.WebhookEvent.IssueUnlabeled;
import dev.tamma.core.webhook.WebhookEvent.PullRequestClosed;
import dev.tamma.core.webhook.WebhookEvent.PullRequestMerged;
import dev.tamma.core.webhook.WebhookEvent.PullRequestOpened;
import dev.tamma.core.webhook.WebhookEvent.PullRequestSynchronized;
import dev.tamma.core.webhook.WebhookEvent.Push;
import dev.tamma.core.webhook.WebhookEvent.ReviewCommentCreated;
import dev.tamma.core.webhook.WebhookEvent.ReviewSubmitted;
import dev.tamma.webhooks.Crypto;
import dev.tamma.webhooks.Deliveries;
import dev.tamma.webhooks.PayloadException;
import dev.tamma.webhooks.Refusal;
import dev.tamma.webhooks.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Payloads follow the shapes in GitHub's "Webhook events and payloads" reference. */
class GitHubNormaliserTest {

    private static final String DELIVERY_ID = "d3b07384-d113-11ee-9b4a-0242ac120002";
    private static final String REPO = "\"repository\":{\"full_name\":\"octo-org/hello-world\",\"fork\":false}";
    private static final String SENDER = "\"sender\":{\"login\":\"maria\",\"type\":\"User\"}";
    private static final Delivery BY_MARIA =
            new Delivery(Platform.GITHUB, DELIVERY_ID, "octo-org/hello-world", Actor.user("maria"));

    private final GitHubNormaliser normaliser = new GitHubNormaliser();

    private static WebhookRequest delivery(String event, String body) {
        return Deliveries.json(body, "X-GitHub-Event", event, "X-GitHub-Delivery", DELIVERY_ID);
    }

    private WebhookEvent single(String event, String body) {
        Normalisation result = normaliser.normalise(delivery(event, body));
        assertThat(result).isInstanceOf(Normalised.class);
        assertThat(result.deliveryId()).isEqualTo(DELIVERY_ID);
        return ((Normalised) result).events().getFirst();
    }

    private static String issue(int number, String labels, String assignees) {
        return "\"issue\":{\"number\":" + number + ",\"title\":\"Crash on start\",\"state\":\"open\",\"labels\":[" + labels
                + "],\"assignees\":[" + assignees + "],\"user\":{\"login\":\"maria\",\"type\":\"User\"}}";
    }

    @Test
    void issueAssigned() {
        WebhookEvent event = single("issues", "{\"action\":\"assigned\"," + issue(42, "{\"name\":\"bug\"}",
                "{\"login\":\"tamma-bot\"}") + ",\"assignee\":{\"login\":\"tamma-bot\",\"type\":\"User\"}," + REPO + ","
                + SENDER + "}");

        assertThat(event).isEqualTo(new IssueAssigned(BY_MARIA, 42, "tamma-bot", List.of("tamma-bot"), List.of("bug")));
    }

    @Test
    void issueLabeledAndUnlabeled() {
        WebhookEvent labeled = single("issues", "{\"action\":\"labeled\"," + issue(42, "{\"name\":\"bug\"},{\"name\":\"tamma\"}", "")
                + ",\"label\":{\"name\":\"tamma\",\"color\":\"ededed\"}," + REPO + "," + SENDER + "}");
        WebhookEvent unlabeled = single("issues", "{\"action\":\"unlabeled\"," + issue(42, "{\"name\":\"bug\"}", "")
                + ",\"label\":{\"name\":\"tamma\"}," + REPO + "," + SENDER + "}");

        assertThat(labeled).isEqualTo(new IssueLabeled(BY_MARIA, 42, "tamma", List.of("bug", "tamma")));
        assertThat(unlabeled).isEqualTo(new IssueUnlabeled(BY_MARIA, 42, "tamma", List.of("bug")));
    }

    @Test
    void issueClosed() {
        assertThat(single("issues", "{\"action\":\"closed\"," + issue(42, "", "") + "," + REPO + "," + SENDER + "}"))
                .isEqualTo(new IssueClosed(BY_MARIA, 42));
    }

    @Test
    void otherIssueActionsAreIgnoredByName() {
        Normalisation result = normaliser.normalise(delivery("issues",
                "{\"action\":\"opened\"," + issue(42, "", "") + "," + REPO + "," + SENDER + "}"));

        assertThat(result).isEqualTo(new Ignored(DELIVERY_ID, "issues.opened", "action not used by Tamma"));
    }

    @Test
    void commentOnAnIssueAndOnAPullRequest() {
        String comment = ",\"comment\":{\"id\":1362,\"body\":\"/tamma approve\",\"user\":{\"login\":\"maria\",\"type\":\"User\"}},";
        WebhookEvent onIssue = single("issue_comment", "{\"action\":\"created\"," + issue(42, "", "") + comment + REPO
                + "," + SENDER + "}");
        WebhookEvent onPull = single("issue_comment", "{\"action\":\"created\",\"issue\":{\"number\":7,\"pull_request\":"
                + "{\"url\":\"https://api.github.com/repos/octo-org/hello-world/pulls/7\"}}" + comment + REPO + "," + SENDER + "}");

        assertThat(onIssue).isEqualTo(new IssueCommentCreated(BY_MARIA, 42, false, "1362", "/tamma approve",
                Actor.user("maria")));
        assertThat(onPull).isInstanceOfSatisfying(IssueCommentCreated.class, c -> {
            assertThat(c.onPullRequest()).isTrue();
            assertThat(c.number()).isEqualTo(7);
        });
    }

    @Test
    void aBotsCommentIsMarkedAsABot() {
        WebhookEvent event = single("issue_comment", "{\"action\":\"created\"," + issue(42, "", "")
                + ",\"comment\":{\"id\":9,\"body\":\"Plan posted\",\"user\":{\"login\":\"tamma-app[bot]\",\"type\":\"Bot\"}},"
                + REPO + ",\"sender\":{\"login\":\"tamma-app[bot]\",\"type\":\"Bot\"}}");

        assertThat(((IssueCommentCreated) event).author()).isEqualTo(new Actor("tamma-app[bot]", true));
        assertThat(event.actor().bot()).isTrue();
    }

    @Test
    void anEditedCommentIsNotAnEvent() {
        Normalisation result = normaliser.normalise(delivery("issue_comment", "{\"action\":\"edited\"," + issue(42, "", "")
                + ",\"comment\":{\"id\":1,\"body\":\"/tamma stop\"},\"changes\":{\"body\":{\"from\":\"hi\"}}," + REPO + ","
                + SENDER + "}"));

        assertThat(result).isInstanceOfSatisfying(Ignored.class, i -> assertThat(i.eventType()).isEqualTo("issue_comment.edited"));
    }

    private static String pull(int number, String headRepo, boolean merged) {
        return "\"number\":" + number + ",\"pull_request\":{\"number\":" + number + ",\"state\":\"open\",\"merged\":" + merged
                + ",\"merge_commit_sha\":" + (merged ? "\"e5bd3914e2e596debea16f433f57875b5b90bcd6\"" : "null")
                + ",\"user\":{\"login\":\"jonas\",\"type\":\"User\"}"
                + ",\"head\":{\"ref\":\"fix-crash\",\"sha\":\"6dcb09b5b57875f334f61aebed695e2e4193db5e\",\"repo\":"
                + (headRepo == null ? "null" : "{\"full_name\":\"" + headRepo + "\"}") + "}"
                + ",\"base\":{\"ref\":\"main\",\"sha\":\"9049f1265b7d61be4a8904a9a27120d2064dab3b\",\"repo\":{\"full_name\":\"octo-org/hello-world\"}}}";
    }

    @Test
    void pullRequestOpenedFromTheSameRepositoryAndFromAFork() {
        WebhookEvent same = single("pull_request", "{\"action\":\"opened\"," + pull(7, "octo-org/hello-world", false) + ","
                + REPO + "," + SENDER + "}");
        WebhookEvent fork = single("pull_request", "{\"action\":\"opened\"," + pull(8, "jonas/hello-world", false) + ","
                + REPO + "," + SENDER + "}");

        assertThat(same).isEqualTo(new PullRequestOpened(BY_MARIA, 7, "6dcb09b5b57875f334f61aebed695e2e4193db5e",
                "fix-crash", "main", false, Actor.user("jonas")));
        assertThat(((PullRequestOpened) fork).fromFork()).isTrue();
    }

    @Test
    void pullRequestClosedMergedOrNot() {
        WebhookEvent merged = single("pull_request", "{\"action\":\"closed\"," + pull(7, "octo-org/hello-world", true) + ","
                + REPO + "," + SENDER + "}");
        WebhookEvent closed = single("pull_request", "{\"action\":\"closed\"," + pull(7, "octo-org/hello-world", false) + ","
                + REPO + "," + SENDER + "}");

        assertThat(merged).isEqualTo(new PullRequestMerged(BY_MARIA, 7, "6dcb09b5b57875f334f61aebed695e2e4193db5e",
                "e5bd3914e2e596debea16f433f57875b5b90bcd6"));
        assertThat(closed).isEqualTo(new PullRequestClosed(BY_MARIA, 7, "6dcb09b5b57875f334f61aebed695e2e4193db5e"));
    }

    @Test
    void pullRequestSynchronizeFromADeletedFork() {
        WebhookEvent event = single("pull_request", "{\"action\":\"synchronize\",\"before\":\"9049f12\",\"after\":"
                + "\"6dcb09b5b57875f334f61aebed695e2e4193db5e\"," + pull(7, null, false) + "," + REPO + "," + SENDER + "}");

        assertThat(event).isEqualTo(new PullRequestSynchronized(BY_MARIA, 7, "6dcb09b5b57875f334f61aebed695e2e4193db5e", true));
    }

    @Test
    void reviewSubmitted() {
        WebhookEvent event = single("pull_request_review", "{\"action\":\"submitted\",\"review\":{\"id\":80,\"state\":"
                + "\"changes_requested\",\"body\":\"Please add a test\",\"user\":{\"login\":\"maria\",\"type\":\"User\"}},"
                + pull(7, "octo-org/hello-world", false) + "," + REPO + "," + SENDER + "}");

        assertThat(event).isEqualTo(new ReviewSubmitted(BY_MARIA, 7, ReviewVerdict.CHANGES_REQUESTED, "Please add a test",
                Actor.user("maria")));
    }

    @Test
    void reviewCommentCreated() {
        WebhookEvent event = single("pull_request_review_comment", "{\"action\":\"created\",\"comment\":{\"id\":2001,"
                + "\"path\":\"src/main/App.java\",\"line\":12,\"body\":\"Off by one\",\"user\":{\"login\":\"maria\",\"type\":\"User\"}},"
                + pull(7, "octo-org/hello-world", false) + "," + REPO + "," + SENDER + "}");

        assertThat(event).isEqualTo(new ReviewCommentCreated(BY_MARIA, 7, "2001", "src/main/App.java", "Off by one",
                Actor.user("maria")));
    }

    @Test
    void checkSuiteAndCheckRunCompleted() {
        WebhookEvent suite = single("check_suite", "{\"action\":\"completed\",\"check_suite\":{\"id\":5,\"head_branch\":\"fix-crash\","
                + "\"head_sha\":\"6dcb09b5b57875f334f61aebed695e2e4193db5e\",\"status\":\"completed\",\"conclusion\":\"failure\","
                + "\"app\":{\"name\":\"GitHub Actions\"}},"
                + REPO + "," + SENDER + "}");
        WebhookEvent run = single("check_run", "{\"action\":\"completed\",\"check_run\":{\"id\":4,\"name\":\"build\","
                + "\"head_sha\":\"6dcb09b5b57875f334f61aebed695e2e4193db5e\",\"status\":\"completed\",\"conclusion\":\"success\","
                + "\"html_url\":\"https://github.com/octo-org/hello-world/runs/4\"}," + REPO + "," + SENDER + "}");

        assertThat(suite).isInstanceOfSatisfying(CiFinished.class, c -> {
            assertThat(c.kind()).isEqualTo(CiKind.CHECK_SUITE);
            assertThat(c.status()).isEqualTo(CiStatus.FAILURE);
            assertThat(c.name()).isEqualTo("GitHub Actions");
        });
        assertThat(run).isEqualTo(new CiFinished(BY_MARIA, CiKind.CHECK_RUN, "6dcb09b5b57875f334f61aebed695e2e4193db5e",
                CiStatus.SUCCESS, "build", "https://github.com/octo-org/hello-world/runs/4"));
    }

    @Test
    void conclusionsMapToStatuses() {
        assertThat(GitHubNormaliser.conclusion("cancelled")).isEqualTo(CiStatus.CANCELLED);
        assertThat(GitHubNormaliser.conclusion("skipped")).isEqualTo(CiStatus.NEUTRAL);
        assertThat(GitHubNormaliser.conclusion("timed_out")).isEqualTo(CiStatus.FAILURE);
    }

    @Test
    void aCheckRunStillInProgressIsIgnored() {
        Normalisation result = normaliser.normalise(delivery("check_run", "{\"action\":\"created\",\"check_run\":"
                + "{\"head_sha\":\"6dcb09b5\",\"status\":\"in_progress\"}," + REPO + "," + SENDER + "}"));

        assertThat(result).isInstanceOf(Ignored.class);
    }

    @Test
    void commitStatusFinishedAndPending() {
        String base = "\"sha\":\"6dcb09b5b57875f334f61aebed695e2e4193db5e\",\"context\":\"ci/jenkins\","
                + "\"target_url\":\"https://ci.example.com/job/7\"," + REPO + "," + SENDER + "}";
        WebhookEvent error = single("status", "{\"id\":1,\"state\":\"error\"," + base);
        Normalisation pending = normaliser.normalise(delivery("status", "{\"id\":2,\"state\":\"pending\"," + base));

        assertThat(error).isEqualTo(new CiFinished(BY_MARIA, CiKind.COMMIT_STATUS, "6dcb09b5b57875f334f61aebed695e2e4193db5e",
                CiStatus.FAILURE, "ci/jenkins", "https://ci.example.com/job/7"));
        assertThat(pending).isInstanceOfSatisfying(Ignored.class, i -> assertThat(i.eventType()).isEqualTo("status"));
    }

    @Test
    void push() {
        WebhookEvent event = single("push", "{\"ref\":\"refs/heads/main\",\"before\":\"9049f1265b7d61be4a8904a9a27120d2064dab3b\","
                + "\"after\":\"6dcb09b5b57875f334f61aebed695e2e4193db5e\",\"pusher\":{\"name\":\"maria\"},\"commits\":[],"
                + REPO + "," + SENDER + "}");

        assertThat(event).isEqualTo(new Push(BY_MARIA, "refs/heads/main", "9049f1265b7d61be4a8904a9a27120d2064dab3b",
                "6dcb09b5b57875f334f61aebed695e2e4193db5e"));
    }

    @Test
    void unknownEventTypesAreIgnoredWithTheirName() {
        Normalisation result = normaliser.normalise(delivery("star", "{\"action\":\"created\"," + REPO + "," + SENDER + "}"));

        assertThat(result).isEqualTo(new Ignored(DELIVERY_ID, "star.created", "event type not used by Tamma"));
    }

    @Test
    void withoutADeliveryHeaderTheIdIsTheBodyHash() {
        String body = "{\"action\":\"closed\"," + issue(42, "", "") + "," + REPO + "," + SENDER + "}";
        Normalisation result = normaliser.normalise(Deliveries.json(body, "X-GitHub-Event", "issues"));

        assertThat(result.deliveryId()).isEqualTo("sha256:" + Crypto.sha256Hex(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aDeliveryWithoutTheEventHeaderOrTheRepositoryIsMalformed() {
        assertThatThrownBy(() -> normaliser.normalise(Deliveries.json("{}", "X-GitHub-Delivery", DELIVERY_ID)))
                .isInstanceOfSatisfying(PayloadException.class, e -> {
                    assertThat(e.refusal()).isEqualTo(Refusal.MALFORMED_PAYLOAD);
                    assertThat(e.getMessage()).isEqualTo("missing header X-GitHub-Event");
                });
        assertThatThrownBy(() -> normaliser.normalise(delivery("issues", "{\"action\":\"closed\"," + issue(1, "", "") + "}")))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("repository.full_name");
    }
}
