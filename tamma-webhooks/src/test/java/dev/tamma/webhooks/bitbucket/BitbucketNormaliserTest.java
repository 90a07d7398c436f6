package dev.tamma.webhooks.bitbucket;

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
import dev.tamma.core.webhook.WebhookEvent.PullRequestClosed;
import dev.tamma.core.webhook.WebhookEvent.PullRequestMerged;
import dev.tamma.core.webhook.WebhookEvent.PullRequestOpened;
import dev.tamma.core.webhook.WebhookEvent.PullRequestSynchronized;
import dev.tamma.core.webhook.WebhookEvent.Push;
import dev.tamma.core.webhook.WebhookEvent.ReviewCommentCreated;
import dev.tamma.core.webhook.WebhookEvent.ReviewSubmitted;
import dev.tamma.webhooks.Deliveries;
import dev.tamma.webhooks.PayloadException;
import dev.tamma.webhooks.WebhookRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Payloads follow the shapes in Bitbucket Cloud's "Event payloads" page. */
class BitbucketNormaliserTest {

    private static final String REQUEST_UUID = "4f1a2b3c-5d6e-4f70-8a9b-0c1d2e3f4a5b";
    private static final String REPO = "\"repository\":{\"type\":\"repository\",\"full_name\":\"acme/widgets\",\"name\":\"widgets\"}";
    private static final String ACTOR = "\"actor\":{\"type\":\"user\",\"display_name\":\"Maria Silva\",\"nickname\":\"maria\","
            + "\"account_id\":\"557058:1a2b\",\"uuid\":\"{d301aafa-d676-4ee0-88be-962be7417567}\"}";
    private static final Delivery BY_MARIA = new Delivery(Platform.BITBUCKET, REQUEST_UUID, "acme/widgets", Actor.user("maria"));

    private final BitbucketNormaliser normaliser = new BitbucketNormaliser();

    private static WebhookRequest delivery(String eventKey, String body) {
        return Deliveries.json(body, "X-Event-Key", eventKey, "X-Request-UUID", REQUEST_UUID,
                "X-Hook-UUID", "{0c1d2e3f-0000-4000-8000-000000000002}", "X-Attempt-Number", "1");
    }

    private List<WebhookEvent> events(String eventKey, String body) {
        Normalisation result = normaliser.normalise(delivery(eventKey, body));
        assertThat(result).isInstanceOf(Normalised.class);
        return ((Normalised) result).events();
    }

    private static String pr(String sourceRepo, String extra) {
        return "\"pullrequest\":{\"id\":17,\"title\":\"Fix crash\",\"state\":\"OPEN\","
                + "\"author\":{\"type\":\"user\",\"nickname\":\"jonas\",\"account_id\":\"557058:9f\"},"
                + "\"source\":{\"branch\":{\"name\":\"fix-crash\"},\"commit\":{\"hash\":\"d3adb33fd3ad\"},\"repository\":{\"full_name\":\""
                + sourceRepo + "\"}},\"destination\":{\"branch\":{\"name\":\"main\"},\"commit\":{\"hash\":\"ce5965ddd289\"},"
                + "\"repository\":{\"full_name\":\"acme/widgets\"}}" + extra + "}";
    }

    @Test
    void push() {
        String body = "{" + ACTOR + "," + REPO + ",\"push\":{\"changes\":[{\"new\":{\"type\":\"branch\",\"name\":\"main\","
                + "\"target\":{\"type\":\"commit\",\"hash\":\"709d658dc5b6d6afcd46049c2f332ee3f515a67d\"}},"
                + "\"old\":{\"type\":\"branch\",\"name\":\"main\",\"target\":{\"hash\":\"1e65c05c1d5171631d92438a13901ca7dae9618c\"}},"
                + "\"created\":false,\"closed\":false},{\"new\":null,\"old\":{\"type\":\"branch\",\"name\":\"old-work\","
                + "\"target\":{\"hash\":\"aa11\"}},\"closed\":true}]}}";

        assertThat(events("repo:push", body)).containsExactly(
                new Push(BY_MARIA, "refs/heads/main", "1e65c05c1d5171631d92438a13901ca7dae9618c",
                        "709d658dc5b6d6afcd46049c2f332ee3f515a67d"),
                new Push(BY_MARIA, "refs/heads/old-work", "aa11", ""));
    }

    @Test
    void pullRequestLifecycle() {
        assertThat(events("pullrequest:created", "{" + ACTOR + "," + REPO + "," + pr("acme/widgets", "") + "}"))
                .containsExactly(new PullRequestOpened(BY_MARIA, 17, "d3adb33fd3ad", "fix-crash", "main", false,
                        Actor.user("jonas")));
        assertThat(events("pullrequest:updated", "{" + ACTOR + "," + REPO + "," + pr("jonas/widgets", "") + "}"))
                .containsExactly(new PullRequestSynchronized(BY_MARIA, 17, "d3adb33fd3ad", true));
        assertThat(events("pullrequest:fulfilled", "{" + ACTOR + "," + REPO + "," + pr("acme/widgets",
                ",\"merge_commit\":{\"hash\":\"764413d85e29\"}") + "}"))
                .containsExactly(new PullRequestMerged(BY_MARIA, 17, "d3adb33fd3ad", "764413d85e29"));
        assertThat(events("pullrequest:rejected", "{" + ACTOR + "," + REPO + "," + pr("acme/widgets", "") + "}"))
                .containsExactly(new PullRequestClosed(BY_MARIA, 17, "d3adb33fd3ad"));
    }

    @Test
    void approvalsAndChangeRequestsAreReviews() {
        String approval = "{" + ACTOR + "," + REPO + "," + pr("acme/widgets", "") + ",\"approval\":{\"date\":\"2026-11-20T10:00:00Z\","
                + "\"user\":{\"type\":\"user\",\"nickname\":\"maria\"}}}";
        String changes = "{" + ACTOR + "," + REPO + "," + pr("acme/widgets", "") + ",\"changes_request\":{\"date\":\"2026-11-20\","
                + "\"user\":{\"type\":\"user\",\"nickname\":\"maria\"}}}";

        assertThat(events("pullrequest:approved", approval)).containsExactly(
                new ReviewSubmitted(BY_MARIA, 17, ReviewVerdict.APPROVED, "", Actor.user("maria")));
        assertThat(events("pullrequest:changes_request_created", changes)).containsExactly(
                new ReviewSubmitted(BY_MARIA, 17, ReviewVerdict.CHANGES_REQUESTED, "", Actor.user("maria")));
    }

    @Test
    void pullRequestCommentsInlineOrNot() {
        String comment = ",\"comment\":{\"id\":301,\"content\":{\"raw\":\"/tamma approve merge\",\"markup\":\"markdown\"},"
                + "\"user\":{\"type\":\"user\",\"nickname\":\"maria\"}";
        String general = "{" + ACTOR + "," + REPO + "," + pr("acme/widgets", "") + comment + "}}";
        String inline = "{" + ACTOR + "," + REPO + "," + pr("acme/widgets", "") + comment
                + ",\"inline\":{\"path\":\"src/app.py\",\"from\":null,\"to\":14}}}";

        assertThat(events("pullrequest:comment_created", general)).containsExactly(
                new IssueCommentCreated(BY_MARIA, 17, true, "301", "/tamma approve merge", Actor.user("maria")));
        assertThat(events("pullrequest:comment_created", inline)).containsExactly(
                new ReviewCommentCreated(BY_MARIA, 17, "301", "src/app.py", "/tamma approve merge", Actor.user("maria")));
    }

    @Test
    void appUsersAreBots() {
        String body = "{" + ACTOR + "," + REPO + "," + pr("acme/widgets", "") + ",\"comment\":{\"id\":302,\"content\":"
                + "{\"raw\":\"Plan posted\"},\"user\":{\"type\":\"app_user\",\"display_name\":\"Tamma\",\"account_id\":\"app:77\"}}}";

        IssueCommentCreated comment = (IssueCommentCreated) events("pullrequest:comment_created", body).getFirst();

        assertThat(comment.author()).isEqualTo(new Actor("app:77", true));
    }

    private static String issue(String changes) {
        return "{" + ACTOR + "," + REPO + ",\"issue\":{\"id\":5,\"title\":\"Crash\",\"state\":\"resolved\",\"kind\":\"bug\","
                + "\"assignee\":{\"type\":\"user\",\"nickname\":\"tamma-bot\"}},\"changes\":{" + changes + "}}";
    }

    @Test
    void issueUpdatedAssignedAndResolved() {
        assertThat(events("issue:updated", issue("\"assignee\":{\"old\":null,\"new\":{\"nickname\":\"tamma-bot\"}}")))
                .containsExactly(new IssueAssigned(BY_MARIA, 5, "tamma-bot", List.of("tamma-bot"), List.of()));
        assertThat(events("issue:updated", issue("\"status\":{\"old\":\"open\",\"new\":\"resolved\"}")))
                .containsExactly(new IssueClosed(BY_MARIA, 5));
        assertThat(normaliser.normalise(delivery("issue:updated", issue("\"title\":{\"old\":\"a\",\"new\":\"b\"}"))))
                .isEqualTo(new Ignored(REQUEST_UUID, "issue:updated", "change not used by Tamma"));
    }

    @Test
    void issueCommentCreated() {
        String body = "{" + ACTOR + "," + REPO + ",\"issue\":{\"id\":5},\"comment\":{\"id\":88,\"content\":{\"raw\":\"/tamma status\"},"
                + "\"user\":{\"type\":\"user\",\"nickname\":\"maria\"}}}";

        assertThat(events("issue:comment_created", body)).containsExactly(
                new IssueCommentCreated(BY_MARIA, 5, false, "88", "/tamma status", Actor.user("maria")));
    }

    @Test
    void commitStatusFinished() {
        String body = "{" + ACTOR + "," + REPO + ",\"commit_status\":{\"name\":\"Pipeline #42\",\"key\":\"pipelines\","
                + "\"state\":\"FAILED\",\"url\":\"https://bitbucket.org/acme/widgets/pipelines/results/42\","
                + "\"commit\":{\"hash\":\"d3adb33fd3ad\"}}}";

        assertThat(events("repo:commit_status_updated", body)).containsExactly(new CiFinished(BY_MARIA,
                CiKind.COMMIT_STATUS, "d3adb33fd3ad", CiStatus.FAILURE, "Pipeline #42",
                "https://bitbucket.org/acme/widgets/pipelines/results/42"));
        assertThat(normaliser.normalise(delivery("repo:commit_status_created", body.replace("FAILED", "INPROGRESS"))))
                .isInstanceOf(Ignored.class);
    }

    @Test
    void unknownEventsAreIgnoredAndAMissingEventKeyIsMalformed() {
        assertThat(normaliser.normalise(delivery("repo:fork", "{" + ACTOR + "," + REPO + "}")))
                .isEqualTo(new Ignored(REQUEST_UUID, "repo:fork", "event type not used by Tamma"));
        assertThatThrownBy(() -> normaliser.normalise(Deliveries.json("{}")))
                .isInstanceOf(PayloadException.class)
                .hasMessage("missing header X-Event-Key");
    }
}
