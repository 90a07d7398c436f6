package dev.tamma.webhooks.azure;

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
import dev.tamma.webhooks.Crypto;
import dev.tamma.webhooks.Deliveries;
import dev.tamma.webhooks.PayloadException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Payloads follow the shapes in Azure DevOps' "Service hooks events" reference. */
class AzureDevOpsNormaliserTest {

    private static final String EVENT_ID = "03c164c2-8912-4d5e-8009-3707d5f83734";
    private static final String REPO = "\"repository\":{\"id\":\"278d5cd2-584d-4b63-824a-2ba458937249\",\"name\":\"Fabrikam\","
            + "\"project\":{\"id\":\"6ce954b1\",\"name\":\"Fabrikam-Fiber-Git\"}}";
    private static final String FULL_NAME = "Fabrikam-Fiber-Git/Fabrikam";
    private static final String JAMAL = "{\"displayName\":\"Jamal Hartnett\",\"uniqueName\":\"fabrikamfiber4@hotmail.com\"}";
    private static final Delivery BY_JAMAL =
            new Delivery(Platform.AZURE_DEVOPS, EVENT_ID, FULL_NAME, Actor.user("fabrikamfiber4@hotmail.com"));

    private final AzureDevOpsNormaliser normaliser = new AzureDevOpsNormaliser();

    private static String envelope(String eventType, String resource) {
        return "{\"subscriptionId\":\"00000000-0000-0000-0000-000000000000\",\"notificationId\":3,\"id\":\"" + EVENT_ID
                + "\",\"eventType\":\"" + eventType + "\",\"publisherId\":\"tfs\",\"message\":{\"text\":\"...\"},"
                + "\"resource\":" + resource + ",\"resourceVersion\":\"1.0\",\"createdDate\":\"2026-11-20T09:00:00Z\"}";
    }

    private List<WebhookEvent> events(String eventType, String resource) {
        Normalisation result = normaliser.normalise(Deliveries.json(envelope(eventType, resource)));
        assertThat(result).isInstanceOf(Normalised.class);
        assertThat(result.deliveryId()).isEqualTo(EVENT_ID);
        return ((Normalised) result).events();
    }

    @Test
    void push() {
        String resource = "{\"refUpdates\":[{\"name\":\"refs/heads/main\",\"oldObjectId\":\"aad331d8d3b131fa9ae03cf5e53965b51942618a\","
                + "\"newObjectId\":\"33b55f7cb7e7e245323987634f960cf4a6e6bc74\"}]," + REPO + ",\"pushedBy\":" + JAMAL + ",\"pushId\":14}";

        assertThat(events("git.push", resource)).containsExactly(new Push(BY_JAMAL, "refs/heads/main",
                "aad331d8d3b131fa9ae03cf5e53965b51942618a", "33b55f7cb7e7e245323987634f960cf4a6e6bc74"));
    }

    private static String pr(String status, String extra) {
        return "{" + REPO + ",\"pullRequestId\":1,\"status\":\"" + status + "\",\"createdBy\":" + JAMAL
                + ",\"title\":\"my first pull request\",\"sourceRefName\":\"refs/heads/mytopic\",\"targetRefName\":\"refs/heads/main\","
                + "\"mergeStatus\":\"succeeded\",\"lastMergeSourceCommit\":{\"commitId\":\"53d54ac915144006c2c9e90d2c7d3880920db49c\"},"
                + "\"lastMergeCommit\":{\"commitId\":\"eef717f69257a6333f221566c1c987dc94cc0d72\"}" + extra + "}";
    }

    @Test
    void pullRequestCreatedFromTheRepositoryAndFromAFork() {
        assertThat(events("git.pullrequest.created", pr("active", ""))).containsExactly(new PullRequestOpened(BY_JAMAL, 1,
                "53d54ac915144006c2c9e90d2c7d3880920db49c", "mytopic", "main", false,
                Actor.user("fabrikamfiber4@hotmail.com")));
        assertThat(((PullRequestOpened) events("git.pullrequest.created",
                pr("active", ",\"forkSource\":{\"name\":\"refs/heads/mytopic\"}")).getFirst()).fromFork()).isTrue();
    }

    @Test
    void pullRequestUpdatedByStatus() {
        assertThat(events("git.pullrequest.updated", pr("active", ""))).containsExactly(
                new PullRequestSynchronized(BY_JAMAL, 1, "53d54ac915144006c2c9e90d2c7d3880920db49c", false));
        assertThat(events("git.pullrequest.updated", pr("completed", ""))).containsExactly(new PullRequestMerged(BY_JAMAL, 1,
                "53d54ac915144006c2c9e90d2c7d3880920db49c", "eef717f69257a6333f221566c1c987dc94cc0d72"));
        assertThat(events("git.pullrequest.updated", pr("abandoned", ""))).containsExactly(
                new PullRequestClosed(BY_JAMAL, 1, "53d54ac915144006c2c9e90d2c7d3880920db49c"));
    }

    @Test
    void aMergeAttemptCountsOnlyOnceCompleted() {
        assertThat(normaliser.normalise(Deliveries.json(envelope("git.pullrequest.merged", pr("active", "")))))
                .isEqualTo(new Ignored(EVENT_ID, "git.pullrequest.merged", "change not used by Tamma"));
        assertThat(events("git.pullrequest.merged", pr("completed", ""))).singleElement().isInstanceOf(PullRequestMerged.class);
    }

    private static String comment(String published, String updated, String type) {
        return "{\"comment\":{\"id\":2,\"parentCommentId\":1,\"author\":" + JAMAL + ",\"content\":\"/tamma approve\","
                + "\"publishedDate\":\"" + published + "\",\"lastUpdatedDate\":\"" + updated + "\",\"lastContentUpdatedDate\":\""
                + updated + "\",\"commentType\":\"" + type + "\"},\"pullRequest\":" + pr("active", "") + "}";
    }

    @Test
    void pullRequestCommentCreatedAndEdited() {
        assertThat(events("ms.vss-code.git-pullrequest-comment-event",
                comment("2026-11-20T09:00:00.0Z", "2026-11-20T09:00:00.0Z", "text"))).containsExactly(
                new IssueCommentCreated(BY_JAMAL, 1, true, "2", "/tamma approve", Actor.user("fabrikamfiber4@hotmail.com")));
        assertThat(normaliser.normalise(Deliveries.json(envelope("ms.vss-code.git-pullrequest-comment-event",
                comment("2026-11-20T09:00:00.0Z", "2026-11-20T09:05:00.0Z", "text"))))).isInstanceOf(Ignored.class);
        assertThat(normaliser.normalise(Deliveries.json(envelope("ms.vss-code.git-pullrequest-comment-event",
                comment("2026-11-20T09:00:00.0Z", "2026-11-20T09:00:00.0Z", "system"))))).isInstanceOf(Ignored.class);
    }

    private static String workItem(String changes) {
        return "{\"id\":2,\"workItemId\":5,\"rev\":2,\"revisedBy\":" + JAMAL + ",\"fields\":{" + changes + "},"
                + "\"revision\":{\"id\":5,\"rev\":2,\"fields\":{\"System.TeamProject\":\"Fabrikam-Fiber-Git\","
                + "\"System.State\":\"Active\",\"System.Tags\":\"tamma; ui\"}}}";
    }

    @Test
    void workItemAssignedTaggedAndClosed() {
        Delivery byJamalInProject = new Delivery(Platform.AZURE_DEVOPS, EVENT_ID, "Fabrikam-Fiber-Git",
                Actor.user("fabrikamfiber4@hotmail.com"));

        assertThat(events("workitem.updated", workItem("\"System.AssignedTo\":{\"oldValue\":\"\",\"newValue\":"
                + "\"Tamma Bot <tamma@fabrikam.com>\"}"))).containsExactly(
                new IssueAssigned(byJamalInProject, 5, "tamma@fabrikam.com", List.of("tamma@fabrikam.com"), List.of("tamma", "ui")));
        assertThat(events("workitem.updated", workItem("\"System.Tags\":{\"oldValue\":\"ui; old\",\"newValue\":\"tamma; ui\"}")))
                .containsExactly(new IssueLabeled(byJamalInProject, 5, "tamma", List.of("tamma", "ui")),
                        new IssueUnlabeled(byJamalInProject, 5, "old", List.of("tamma", "ui")));
        assertThat(events("workitem.updated", workItem("\"System.State\":{\"oldValue\":\"Active\",\"newValue\":\"Closed\"}")))
                .containsExactly(new IssueClosed(byJamalInProject, 5));
    }

    @Test
    void identitiesMayBeObjects() {
        List<WebhookEvent> events = events("workitem.updated", workItem("\"System.AssignedTo\":{\"newValue\":"
                + "{\"displayName\":\"Tamma Bot\",\"uniqueName\":\"tamma@fabrikam.com\"}}"));

        assertThat(((IssueAssigned) events.getFirst()).assignee()).isEqualTo("tamma@fabrikam.com");
    }

    @Test
    void workItemCommented() {
        String resource = "{\"id\":5,\"rev\":3,\"fields\":{\"System.TeamProject\":\"Fabrikam-Fiber-Git\","
                + "\"System.History\":\"/tamma retry\",\"System.ChangedBy\":\"Jamal Hartnett <fabrikamfiber4@hotmail.com>\"}}";

        assertThat(events("workitem.commented", resource)).containsExactly(new IssueCommentCreated(
                new Delivery(Platform.AZURE_DEVOPS, EVENT_ID, "Fabrikam-Fiber-Git", Actor.user("fabrikamfiber4@hotmail.com")),
                5, false, "3", "/tamma retry", Actor.user("fabrikamfiber4@hotmail.com")));
    }

    @Test
    void buildComplete() {
        String resource = "{\"id\":2,\"buildNumber\":\"ConsumerAddressModule_20150407.2\",\"status\":\"completed\","
                + "\"result\":\"failed\",\"sourceBranch\":\"refs/heads/main\",\"sourceVersion\":\"53d54ac915144006c2c9e90d2c7d3880920db49c\","
                + "\"definition\":{\"id\":1,\"name\":\"ConsumerAddressModule\"},\"project\":{\"name\":\"Fabrikam-Fiber-Git\"},"
                + "\"repository\":{\"id\":\"278d5cd2\",\"type\":\"TfsGit\",\"name\":\"Fabrikam\"},\"requestedFor\":" + JAMAL
                + ",\"_links\":{\"web\":{\"href\":\"https://dev.azure.com/fabrikam/_build/results?buildId=2\"}}}";

        assertThat(events("build.complete", resource)).containsExactly(new CiFinished(BY_JAMAL, CiKind.PIPELINE,
                "53d54ac915144006c2c9e90d2c7d3880920db49c", CiStatus.FAILURE, "ConsumerAddressModule",
                "https://dev.azure.com/fabrikam/_build/results?buildId=2"));
    }

    @Test
    void unknownEventTypesAreIgnoredAndTheDeliveryIdFallsBackToTheBodyHash() {
        String body = "{\"eventType\":\"tfvc.checkin\",\"resource\":{}}";

        Normalisation result = normaliser.normalise(Deliveries.json(body));

        assertThat(result).isEqualTo(new Ignored("sha256:" + Crypto.sha256Hex(body.getBytes(StandardCharsets.UTF_8)),
                "tfvc.checkin", "event type not used by Tamma"));
    }

    @Test
    void aBodyWithoutEventTypeIsMalformed() {
        assertThatThrownBy(() -> normaliser.normalise(Deliveries.json("{\"id\":\"x\"}")))
                .isInstanceOf(PayloadException.class)
                .hasMessage("an Azure DevOps delivery has no eventType");
    }
}
