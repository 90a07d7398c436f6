package dev.tamma.webhooks.gitea;

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
import dev.tamma.core.webhook.WebhookEvent.ReviewSubmitted;
import dev.tamma.webhooks.Deliveries;
import dev.tamma.webhooks.Headers;
import dev.tamma.webhooks.PayloadException;
import dev.tamma.webhooks.WebhookRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Payloads follow the shapes in Gitea's webhook documentation and its api structs. */
class GiteaNormaliserTest {

    private static final String DELIVERY_ID = "f6266f16-1bf3-46a5-9ea4-602e06ead473";
    private static final String REPO = "\"repository\":{\"id\":140,\"full_name\":\"gitea/webhooks\"}";
    private static final String SENDER = "\"sender\":{\"id\":1,\"login\":\"maria\",\"username\":\"maria\"}";
    private static final Delivery BY_MARIA = new Delivery(Platform.GITEA, DELIVERY_ID, "gitea/webhooks", Actor.user("maria"));

    private final GiteaNormaliser normaliser = GiteaNormaliser.gitea();

    private static WebhookRequest delivery(String event, String eventType, String body) {
        return Deliveries.json(body, "X-Gitea-Event", event, "X-Gitea-Event-Type", eventType,
                "X-Gitea-Delivery", DELIVERY_ID, "X-GitHub-Event", event);
    }

    private WebhookEvent single(String event, String eventType, String body) {
        Normalisation result = normaliser.normalise(delivery(event, eventType, body));
        assertThat(result).isInstanceOf(Normalised.class);
        return ((Normalised) result).events().getFirst();
    }

    private static String issuePayload(String action, String labels, String assignees) {
        return "{\"action\":\"" + action + "\",\"number\":12,\"issue\":{\"id\":88,\"number\":12,\"title\":\"Crash\","
                + "\"user\":{\"login\":\"jonas\"},\"labels\":[" + labels + "],\"assignees\":[" + assignees
                + "],\"state\":\"open\"}," + REPO + "," + SENDER + "}";
    }

    @Test
    void issueAssignedCarriesTheResultingAssignees() {
        WebhookEvent event = single("issues", "issue_assign", issuePayload("assigned", "{\"name\":\"tamma\"}",
                "{\"login\":\"jonas\"},{\"login\":\"tamma-bot\"}"));

        assertThat(event).isEqualTo(new IssueAssigned(BY_MARIA, 12, "", List.of("jonas", "tamma-bot"), List.of("tamma")));
        assertThat(((IssueAssigned) event).isAssignedTo("tamma-bot")).isTrue();
    }

    @Test
    void labelUpdatedAndClearedCarryTheResultingSet() {
        WebhookEvent updated = single("issues", "issue_label", issuePayload("label_updated", "{\"name\":\"tamma\"}", ""));
        WebhookEvent cleared = single("issues", "issue_label", issuePayload("label_cleared", "", ""));

        assertThat(updated).isEqualTo(new IssueLabeled(BY_MARIA, 12, "", List.of("tamma")));
        assertThat(((IssueLabeled) updated).mayHaveAdded("tamma")).isTrue();
        assertThat(cleared).isEqualTo(new IssueUnlabeled(BY_MARIA, 12, "", List.of()));
    }

    @Test
    void issueClosedAndOtherActionsIgnored() {
        assertThat(single("issues", "issues", issuePayload("closed", "", ""))).isEqualTo(new IssueClosed(BY_MARIA, 12));
        assertThat(normaliser.normalise(delivery("issues", "issues", issuePayload("edited", "", ""))))
                .isEqualTo(new Ignored(DELIVERY_ID, "issues.edited", "action not used by Tamma"));
    }

    @Test
    void commentsOnIssuesAndPullRequests() {
        String comment = ",\"comment\":{\"id\":501,\"body\":\"/tamma retry\",\"user\":{\"login\":\"maria\"}},";
        WebhookEvent onIssue = single("issue_comment", "issue_comment", "{\"action\":\"created\",\"issue\":{\"number\":12}"
                + comment + REPO + "," + SENDER + ",\"is_pull\":false}");
        WebhookEvent onPull = single("issue_comment", "pull_request_comment", "{\"action\":\"created\",\"issue\":{\"number\":3,"
                + "\"pull_request\":{\"merged\":false}}" + comment + REPO + "," + SENDER + ",\"is_pull\":true}");

        assertThat(onIssue).isEqualTo(new IssueCommentCreated(BY_MARIA, 12, false, "501", "/tamma retry", Actor.user("maria")));
        assertThat(((IssueCommentCreated) onPull).onPullRequest()).isTrue();
        assertThat(normaliser.normalise(delivery("issue_comment", "issue_comment", "{\"action\":\"edited\",\"issue\":"
                + "{\"number\":12}" + comment + REPO + "," + SENDER + "}"))).isInstanceOf(Ignored.class);
    }

    private static String pull(String action, boolean merged, String headRepo) {
        return "{\"action\":\"" + action + "\",\"number\":3,\"pull_request\":{\"id\":9,\"number\":3,\"user\":{\"login\":\"jonas\"},"
                + "\"merged\":" + merged + ",\"merge_commit_sha\":" + (merged ? "\"8d1b7c8e\"" : "null")
                + ",\"head\":{\"ref\":\"fix-crash\",\"sha\":\"28e1879d029cb852e4844d9c718537df08844e03\",\"repo\":{\"full_name\":\""
                + headRepo + "\"}},\"base\":{\"ref\":\"main\",\"sha\":\"bffeb742\",\"repo\":{\"full_name\":\"gitea/webhooks\"}}},"
                + REPO + "," + SENDER + "}";
    }

    @Test
    void pullRequestLifecycle() {
        assertThat(single("pull_request", "pull_request", pull("opened", false, "jonas/webhooks")))
                .isEqualTo(new PullRequestOpened(BY_MARIA, 3, "28e1879d029cb852e4844d9c718537df08844e03", "fix-crash", "main",
                        true, Actor.user("jonas")));
        assertThat(single("pull_request", "pull_request_sync", pull("synchronized", false, "gitea/webhooks")))
                .isEqualTo(new PullRequestSynchronized(BY_MARIA, 3, "28e1879d029cb852e4844d9c718537df08844e03", false));
        assertThat(single("pull_request", "pull_request", pull("closed", true, "gitea/webhooks")))
                .isEqualTo(new PullRequestMerged(BY_MARIA, 3, "28e1879d029cb852e4844d9c718537df08844e03", "8d1b7c8e"));
        assertThat(single("pull_request", "pull_request", pull("closed", false, "gitea/webhooks")))
                .isEqualTo(new PullRequestClosed(BY_MARIA, 3, "28e1879d029cb852e4844d9c718537df08844e03"));
    }

    @Test
    void reviewsArriveAsTheirOwnEventTypes() {
        String review = pull("reviewed", false, "gitea/webhooks").replace(",\"repository\"",
                ",\"review\":{\"type\":\"pull_request_review_rejected\",\"content\":\"Needs a test\"},\"repository\"");

        assertThat(single("pull_request_rejected", "pull_request_review_rejected", review)).isEqualTo(
                new ReviewSubmitted(BY_MARIA, 3, ReviewVerdict.CHANGES_REQUESTED, "Needs a test", Actor.user("maria")));
        assertThat(((ReviewSubmitted) single("pull_request_approved", "pull_request_review_approved", review)).verdict())
                .isEqualTo(ReviewVerdict.APPROVED);
    }

    @Test
    void commitStatus() {
        String body = "{\"sha\":\"28e1879d029cb852e4844d9c718537df08844e03\",\"state\":\"failure\",\"context\":\"ci/woodpecker\","
                + "\"target_url\":\"https://ci.example.com/3\",\"description\":\"failed\"," + REPO + "," + SENDER + "}";

        assertThat(single("status", "status", body)).isEqualTo(new CiFinished(BY_MARIA, CiKind.COMMIT_STATUS,
                "28e1879d029cb852e4844d9c718537df08844e03", CiStatus.FAILURE, "ci/woodpecker", "https://ci.example.com/3"));
        assertThat(normaliser.normalise(delivery("status", "status", body.replace("failure", "pending"))))
                .isInstanceOf(Ignored.class);
    }

    @Test
    void push() {
        String body = "{\"ref\":\"refs/heads/develop\",\"before\":\"28e1879d029cb852e4844d9c718537df08844e03\","
                + "\"after\":\"bffeb74224043ba2feb48d137756c8a9331c449a\",\"commits\":[]," + REPO + ",\"pusher\":{\"login\":\"maria\"},"
                + SENDER + "}";

        assertThat(single("push", "push", body)).isEqualTo(new Push(BY_MARIA, "refs/heads/develop",
                "28e1879d029cb852e4844d9c718537df08844e03", "bffeb74224043ba2feb48d137756c8a9331c449a"));
    }

    @Test
    void forgejoHeadersAreReadFirst() {
        String body = issuePayload("closed", "", "");
        WebhookRequest request = Deliveries.json(body, "X-Forgejo-Event", "issues", "X-Forgejo-Delivery", "fj-1",
                "X-Gitea-Event", "issues", "X-Gitea-Delivery", "gt-1");

        Normalisation result = GiteaNormaliser.forgejo().normalise(request);

        assertThat(result).isEqualTo(new Normalised("fj-1", List.of(new IssueClosed(
                new Delivery(Platform.FORGEJO, "fj-1", "gitea/webhooks", Actor.user("maria")), 12))));
    }

    @Test
    void unknownEventsAreIgnoredAndAMissingEventHeaderIsMalformed() {
        assertThat(normaliser.normalise(delivery("release", "release", "{\"action\":\"published\"," + REPO + "}")))
                .isEqualTo(new Ignored(DELIVERY_ID, "release.published", "event type not used by Tamma"));
        assertThatThrownBy(() -> normaliser.normalise(Deliveries.json("{}")))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("X-Gitea-Event");
    }

    @Test
    void aFormEncodedDeliveryIsReadFromItsPayloadField() {
        String form = "payload=" + URLEncoder.encode(issuePayload("closed", "", ""), StandardCharsets.UTF_8);
        WebhookRequest request = new WebhookRequest(form.getBytes(StandardCharsets.UTF_8), Headers.of(
                "Content-Type", "application/x-www-form-urlencoded", "X-Gitea-Event", "issues", "X-Gitea-Delivery", DELIVERY_ID));

        assertThat(normaliser.normalise(request)).isEqualTo(new Normalised(DELIVERY_ID, List.of(new IssueClosed(BY_MARIA, 12))));
    }

    @Test
    void normalisingIsPureSoTheInboxCanDoItAgain() {
        WebhookRequest request = delivery("issues", "issue_label", issuePayload("label_updated", "{\"name\":\"tamma\"}", ""));

        assertThat(normaliser.normalise(request)).isEqualTo(GiteaNormaliser.gitea().normalise(request));
    }
}
