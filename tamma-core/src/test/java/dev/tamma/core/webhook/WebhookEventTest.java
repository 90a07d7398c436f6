package dev.tamma.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tamma.core.webhook.Normalisation.Ignored;
import dev.tamma.core.webhook.Normalisation.Normalised;
import dev.tamma.core.webhook.WebhookEvent.CiFinished;
import dev.tamma.core.webhook.WebhookEvent.IssueAssigned;
import dev.tamma.core.webhook.WebhookEvent.IssueClosed;
import dev.tamma.core.webhook.WebhookEvent.IssueCommentCreated;
import dev.tamma.core.webhook.WebhookEvent.IssueLabeled;
import dev.tamma.core.webhook.WebhookEvent.Push;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookEventTest {

    private static final Delivery DELIVERY =
            new Delivery(Platform.GITHUB, "72d3162e-cc78-11e3-81ab-4c9367dc0958", "octo/hello", Actor.user("maria"));

    @Test
    void aDeliveryNeedsAnId() {
        assertThatThrownBy(() -> new Delivery(Platform.GITLAB, " ", "group/app", Actor.UNKNOWN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deliveryId");
        assertThat(new Delivery(Platform.GITLAB, "d1", null, null).actor()).isEqualTo(Actor.UNKNOWN);
    }

    @Test
    void onlyPullRequestsFromForksSayTheyComeFromAFork() {
        assertThat(new WebhookEvent.PullRequestOpened(DELIVERY, 9, "f00d", "patch-1", "main", true, Actor.user("x"))
                .fromFork()).isTrue();
        assertThat(new WebhookEvent.PullRequestSynchronized(DELIVERY, 9, "f00e", true).fromFork()).isTrue();
        assertThat(new WebhookEvent.PullRequestSynchronized(DELIVERY, 9, "f00e", false).fromFork()).isFalse();
        assertThat(new IssueClosed(DELIVERY, 9).fromFork()).isFalse();
    }

    @Test
    void numbersArePositive() {
        assertThatThrownBy(() -> new IssueClosed(DELIVERY, 0)).hasMessageContaining("positive");
    }

    @Test
    void labelListsAreCopiedSoLaterChangesDoNotLeakIn() {
        List<String> labels = new ArrayList<>(List.of("tamma"));
        IssueLabeled event = new IssueLabeled(DELIVERY, 7, "tamma", labels);
        labels.add("bug");

        assertThat(event.labels()).containsExactly("tamma");
        assertThatThrownBy(() -> event.labels().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aLabelEventWithoutANamedLabelMayHaveAddedAnyLabelNowPresent() {
        IssueLabeled named = new IssueLabeled(DELIVERY, 7, "bug", List.of("bug", "tamma"));
        IssueLabeled unnamed = new IssueLabeled(DELIVERY, 7, "", List.of("bug", "Tamma"));

        assertThat(named.mayHaveAdded("tamma")).isFalse();
        assertThat(named.mayHaveAdded("bug")).isTrue();
        assertThat(unnamed.mayHaveAdded("tamma")).isTrue();
        assertThat(unnamed.mayHaveAdded("docs")).isFalse();
    }

    @Test
    void assignmentIsCheckedAgainstTheNamedAssigneeAndTheResultingSet() {
        assertThat(new IssueAssigned(DELIVERY, 3, "tamma-bot", List.of(), List.of()).isAssignedTo("Tamma-Bot")).isTrue();
        assertThat(new IssueAssigned(DELIVERY, 3, "", List.of("maria", "tamma-bot"), List.of()).isAssignedTo("tamma-bot"))
                .isTrue();
        assertThat(new IssueAssigned(DELIVERY, 3, "maria", List.of("maria"), List.of()).isAssignedTo("tamma-bot"))
                .isFalse();
    }

    @Test
    void aPushToAllZerosDeletesTheRef() {
        assertThat(new Push(DELIVERY, "refs/heads/x", "a1", "0000000000000000000000000000000000000000").deletesRef())
                .isTrue();
        assertThat(new Push(DELIVERY, "refs/heads/x", "a1", "b2").deletesRef()).isFalse();
    }

    @Test
    void ciResultsNeedACommit() {
        assertThatThrownBy(() -> new CiFinished(DELIVERY, CiKind.CHECK_RUN, "", CiStatus.SUCCESS, "build", ""))
                .hasMessageContaining("sha");
    }

    @Test
    void aNormalisedDeliveryHasEventsAndAnEmptyOneIsIgnoredInstead() {
        IssueCommentCreated comment = new IssueCommentCreated(DELIVERY, 3, false, "11", "/tamma help", Actor.user("maria"));
        assertThat(new Normalised("d", List.of(comment)).events()).containsExactly(comment);
        assertThatThrownBy(() -> new Normalised("d", List.of())).hasMessageContaining("Ignored");
        assertThat(new Ignored("d", null, null).eventType()).isEmpty();
    }

    @Test
    void platformsAreFoundByTheirPathSegment() {
        assertThat(Platform.fromId("Azure")).contains(Platform.AZURE_DEVOPS);
        assertThat(Platform.fromId("forgejo")).contains(Platform.FORGEJO);
        assertThat(Platform.fromId("svn")).isEmpty();
        assertThat(Platform.fromId(null)).isEmpty();
    }
}
