package dev.tamma.webhooks.gitlab;

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
import dev.tamma.webhooks.Deliveries;
import dev.tamma.webhooks.PayloadException;
import dev.tamma.webhooks.WebhookRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Payloads follow the shapes in GitLab's "Webhook events" reference. */
class GitLabNormaliserTest {

    private static final String IDEMPOTENCY_KEY = "f3b4a5c6-1d2e-4f80-9a1b-2c3d4e5f6a7b";
    private static final String PROJECT = "\"project\":{\"id\":15,\"path_with_namespace\":\"platform/backend/api\","
            + "\"web_url\":\"https://gitlab.example.com/platform/backend/api\"}";
    private static final String USER = "\"user\":{\"id\":1,\"name\":\"Maria Silva\",\"username\":\"maria\"}";
    private static final Delivery BY_MARIA =
            new Delivery(Platform.GITLAB, IDEMPOTENCY_KEY, "platform/backend/api", Actor.user("maria"));

    private final GitLabNormaliser normaliser = new GitLabNormaliser();

    private static WebhookRequest delivery(String event, String body) {
        return Deliveries.json(body, "X-Gitlab-Event", event, "Idempotency-Key", IDEMPOTENCY_KEY,
                "X-Gitlab-Event-UUID", "7a1b2c3d-0000-4000-8000-000000000001");
    }

    private List<WebhookEvent> events(String event, String body) {
        Normalisation result = normaliser.normalise(delivery(event, body));
        assertThat(result).isInstanceOf(Normalised.class);
        return ((Normalised) result).events();
    }

    private static String issue(String action, String changes) {
        return "{\"object_kind\":\"issue\",\"event_type\":\"issue\"," + USER + "," + PROJECT
                + ",\"object_attributes\":{\"id\":301,\"iid\":23,\"title\":\"Crash on start\",\"state\":\"opened\",\"action\":\""
                + action + "\"},\"labels\":[{\"id\":206,\"title\":\"tamma\"}],\"assignees\":[{\"username\":\"tamma-bot\"}]"
                + ",\"changes\":{" + changes + "}}";
    }

    @Test
    void issueUpdateWithLabelChangesGivesOneEventPerLabelAddedOrRemoved() {
        List<WebhookEvent> events = events("Issue Hook", issue("update",
                "\"labels\":{\"previous\":[{\"title\":\"bug\"}],\"current\":[{\"title\":\"tamma\"}]}"));

        assertThat(events).containsExactly(
                new IssueLabeled(BY_MARIA, 23, "tamma", List.of("tamma")),
                new IssueUnlabeled(BY_MARIA, 23, "bug", List.of("tamma")));
    }

    @Test
    void issueAssigned() {
        List<WebhookEvent> events = events("Issue Hook", issue("update",
                "\"assignees\":{\"previous\":[],\"current\":[{\"username\":\"tamma-bot\",\"name\":\"Tamma\"}]}"));

        assertThat(events).containsExactly(
                new IssueAssigned(BY_MARIA, 23, "tamma-bot", List.of("tamma-bot"), List.of("tamma")));
    }

    @Test
    void issueClosed() {
        assertThat(events("Issue Hook", issue("close", ""))).containsExactly(new IssueClosed(BY_MARIA, 23));
    }

    @Test
    void anIssueUpdateWithoutALabelOrAssigneeChangeIsIgnored() {
        Normalisation result = normaliser.normalise(delivery("Issue Hook", issue("update",
                "\"title\":{\"previous\":\"Crash\",\"current\":\"Crash on start\"}")));

        assertThat(result).isEqualTo(new Ignored(IDEMPOTENCY_KEY, "Issue Hook.update", "action or change not used by Tamma"));
    }

    private static String note(String noteable, String extra, String target) {
        return "{\"object_kind\":\"note\",\"event_type\":\"note\"," + USER + "," + PROJECT
                + ",\"object_attributes\":{\"id\":1244,\"note\":\"/tamma approve\",\"noteable_type\":\"" + noteable + "\"" + extra
                + "}," + target + "}";
    }

    @Test
    void commentOnAnIssueAndOnAMergeRequest() {
        List<WebhookEvent> onIssue = events("Note Hook", note("Issue", ",\"action\":\"create\"",
                "\"issue\":{\"iid\":23,\"title\":\"Crash on start\"}"));
        List<WebhookEvent> onMr = events("Note Hook", note("MergeRequest", "", "\"merge_request\":{\"iid\":5}"));

        assertThat(onIssue).containsExactly(new IssueCommentCreated(BY_MARIA, 23, false, "1244", "/tamma approve",
                Actor.user("maria")));
        assertThat(onMr).containsExactly(new IssueCommentCreated(BY_MARIA, 5, true, "1244", "/tamma approve",
                Actor.user("maria")));
    }

    @Test
    void aDiffNoteIsAReviewComment() {
        List<WebhookEvent> events = events("Note Hook", note("MergeRequest", ",\"type\":\"DiffNote\",\"position\":"
                + "{\"old_path\":\"app/models/user.rb\",\"new_path\":\"app/models/user.rb\",\"new_line\":12}",
                "\"merge_request\":{\"iid\":5}"));

        assertThat(events).containsExactly(new ReviewCommentCreated(BY_MARIA, 5, "1244", "app/models/user.rb",
                "/tamma approve", Actor.user("maria")));
    }

    @Test
    void anEditedCommentAndACommitCommentAreIgnored() {
        assertThat(normaliser.normalise(delivery("Note Hook", note("Issue", ",\"action\":\"update\"",
                "\"issue\":{\"iid\":23}")))).isInstanceOf(Ignored.class);
        assertThat(normaliser.normalise(delivery("Note Hook", note("Commit", "",
                "\"commit\":{\"id\":\"cfe32cf61b73a0d5e9f13e774abde7ff789b1660\"}")))).isInstanceOf(Ignored.class);
    }

    @Test
    void accessTokenBotsAreBots() {
        String body = note("Issue", "", "\"issue\":{\"iid\":23}")
                .replace(USER, "\"user\":{\"id\":77,\"name\":\"tamma\",\"username\":\"project_15_bot_3f2a9c\"}");

        IssueCommentCreated comment = (IssueCommentCreated) events("Note Hook", body).getFirst();

        assertThat(comment.author().bot()).isTrue();
    }

    private static String mergeRequest(String action, String extra, int sourceProject) {
        return "{\"object_kind\":\"merge_request\",\"event_type\":\"merge_request\"," + USER + "," + PROJECT
                + ",\"object_attributes\":{\"id\":99,\"iid\":5,\"action\":\"" + action + "\",\"state\":\"opened\","
                + "\"source_branch\":\"fix-crash\",\"target_branch\":\"main\",\"source_project_id\":" + sourceProject
                + ",\"target_project_id\":15,\"merge_commit_sha\":null,"
                + "\"last_commit\":{\"id\":\"da1560886d4f094c3e6c9ef40349f7d38b5d27d7\",\"message\":\"fix\"}" + extra + "}}";
    }

    @Test
    void mergeRequestOpenedFromTheProjectAndFromAFork() {
        assertThat(events("Merge Request Hook", mergeRequest("open", "", 15))).containsExactly(new PullRequestOpened(
                BY_MARIA, 5, "da1560886d4f094c3e6c9ef40349f7d38b5d27d7", "fix-crash", "main", false, Actor.user("maria")));
        assertThat(((PullRequestOpened) events("Merge Request Hook", mergeRequest("open", "", 16)).getFirst()).fromFork())
                .isTrue();
    }

    @Test
    void mergeRequestUpdatedWithNewCommitsIsASynchronisation() {
        assertThat(events("Merge Request Hook", mergeRequest("update", ",\"oldrev\":\"8d3a1b7a0a9e1e0c1c2b3a4f5e6d7c8b9a0f1e2d\"", 15)))
                .containsExactly(new PullRequestSynchronized(BY_MARIA, 5, "da1560886d4f094c3e6c9ef40349f7d38b5d27d7", false));
        assertThat(normaliser.normalise(delivery("Merge Request Hook", mergeRequest("update", "", 15))))
                .isInstanceOf(Ignored.class);
    }

    @Test
    void mergeRequestMergedClosedAndApproved() {
        assertThat(events("Merge Request Hook", mergeRequest("merge", "", 15).replace("\"merge_commit_sha\":null",
                "\"merge_commit_sha\":\"0a1b2c3d\""))).containsExactly(
                new PullRequestMerged(BY_MARIA, 5, "da1560886d4f094c3e6c9ef40349f7d38b5d27d7", "0a1b2c3d"));
        assertThat(events("Merge Request Hook", mergeRequest("close", "", 15))).containsExactly(
                new PullRequestClosed(BY_MARIA, 5, "da1560886d4f094c3e6c9ef40349f7d38b5d27d7"));
        assertThat(events("Merge Request Hook", mergeRequest("approved", "", 15))).containsExactly(
                new ReviewSubmitted(BY_MARIA, 5, ReviewVerdict.APPROVED, "", Actor.user("maria")));
    }

    private static String pipeline(String status, String url) {
        return "{\"object_kind\":\"pipeline\"," + USER + "," + PROJECT + ",\"object_attributes\":{\"id\":31,\"iid\":3,"
                + "\"ref\":\"fix-crash\",\"sha\":\"bcbb5ec396a2c0f828686f14fac9b80b780504f2\",\"status\":\"" + status
                + "\",\"stages\":[\"build\",\"test\"]" + url + "},\"builds\":[]}";
    }

    @Test
    void pipelineFinished() {
        assertThat(events("Pipeline Hook", pipeline("failed", ""))).containsExactly(new CiFinished(BY_MARIA,
                CiKind.PIPELINE, "bcbb5ec396a2c0f828686f14fac9b80b780504f2", CiStatus.FAILURE, "pipeline 31",
                "https://gitlab.example.com/platform/backend/api/-/pipelines/31"));
        assertThat(((CiFinished) events("Pipeline Hook", pipeline("success",
                ",\"url\":\"https://gitlab.example.com/p/31\"")).getFirst()).url())
                .isEqualTo("https://gitlab.example.com/p/31");
        assertThat(normaliser.normalise(delivery("Pipeline Hook", pipeline("running", "")))).isInstanceOf(Ignored.class);
    }

    @Test
    void push() {
        String body = "{\"object_kind\":\"push\",\"event_name\":\"push\",\"before\":\"95790bf891e76fee5e1747ab589903a6a1f80f22\","
                + "\"after\":\"da1560886d4f094c3e6c9ef40349f7d38b5d27d7\",\"ref\":\"refs/heads/main\",\"user_username\":\"maria\","
                + PROJECT + ",\"commits\":[],\"total_commits_count\":0}";

        assertThat(events("Push Hook", body)).containsExactly(new Push(BY_MARIA, "refs/heads/main",
                "95790bf891e76fee5e1747ab589903a6a1f80f22", "da1560886d4f094c3e6c9ef40349f7d38b5d27d7"));
    }

    @Test
    void unknownEventTypesAreIgnoredWithTheirName() {
        Normalisation result = normaliser.normalise(delivery("Wiki Page Hook",
                "{\"object_kind\":\"wiki_page\"," + USER + "," + PROJECT + ",\"object_attributes\":{\"action\":\"create\"}}"));

        assertThat(result).isEqualTo(new Ignored(IDEMPOTENCY_KEY, "Wiki Page Hook.create", "event type not used by Tamma"));
    }

    @Test
    void theEventUuidIsTheDeliveryIdWhenThereIsNoIdempotencyKey() {
        WebhookRequest older = Deliveries.json(issue("close", ""), "X-Gitlab-Event", "Issue Hook",
                "X-Gitlab-Event-UUID", "7a1b2c3d-0000-4000-8000-000000000001");

        assertThat(normaliser.deliveryId(older)).isEqualTo("7a1b2c3d-0000-4000-8000-000000000001");
    }

    @Test
    void withoutTheEventHeaderTheDeliveryIsMalformed() {
        assertThatThrownBy(() -> normaliser.normalise(Deliveries.json(issue("close", ""))))
                .isInstanceOf(PayloadException.class)
                .hasMessage("missing header X-Gitlab-Event");
    }
}
