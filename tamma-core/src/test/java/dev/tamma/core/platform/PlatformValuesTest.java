package dev.tamma.core.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tamma.core.workflow.FailureCause;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlatformValuesTest {

    private static final Capabilities NO_DRAFTS = new Capabilities(Set.of(), Set.of(MergeMethod.MERGE), false);
    private static final Capabilities DRAFTS =
            new Capabilities(Set.of(Capability.NATIVE_DRAFTS), Set.of(MergeMethod.MERGE), false);

    @Test
    void aDraftBecomesAWipTitleWhereDraftsAreNotNative() {
        NewPullRequest draft = new NewPullRequest("Fix login", "body", "tamma/7-fix", "main", true);

        assertThat(draft.adaptedTo(DRAFTS)).isEqualTo(draft);
        NewPullRequest adapted = draft.adaptedTo(NO_DRAFTS);
        assertThat(adapted.title()).isEqualTo("WIP: Fix login");
        assertThat(adapted.draft()).isFalse();
        assertThat(adapted.adaptedTo(NO_DRAFTS).title()).isEqualTo("WIP: Fix login");
    }

    @Test
    void aReadyPullRequestIsNeverRetitled() {
        NewPullRequest ready = new NewPullRequest("Fix login", "", "tamma/7-fix", "main", false);
        assertThat(ready.adaptedTo(NO_DRAFTS)).isEqualTo(ready);
    }

    @Test
    void aPullRequestFromABranchIntoItselfIsRefused() {
        assertThatThrownBy(() -> new NewPullRequest("t", "", "main", "main", false))
                .hasMessageContaining("head and base branch are both 'main'");
    }

    @Test
    void ciCombinesChecksFailureFirstThenPending() {
        Check green = new Check("build", CiState.SUCCESS, "https://ci/1");
        Check running = new Check("lint", CiState.PENDING, "");
        Check red = new Check("test", CiState.FAILURE, "https://ci/3");

        assertThat(CiStatus.combine("abc", List.of(green, running, red)).state()).isEqualTo(CiState.FAILURE);
        assertThat(CiStatus.combine("abc", List.of(green, running, red)).failing()).containsExactly(red);
        assertThat(CiStatus.combine("abc", List.of(green, running)).state()).isEqualTo(CiState.PENDING);
        assertThat(CiStatus.combine("abc", List.of(green)).state()).isEqualTo(CiState.SUCCESS);
        assertThat(CiStatus.combine("abc", List.of()).state()).isEqualTo(CiState.PENDING);
    }

    @Test
    void aMarkerIsAddedOnceAndFound() {
        CommentMarker marker = new CommentMarker("plan");
        String once = marker.mark("The plan");
        String twice = marker.mark(once + "\nmore");

        assertThat(once).isEqualTo("The plan\n\n<!-- tamma:plan -->");
        assertThat(twice.split("tamma:plan", -1)).hasSize(2);
        assertThat(marker.isIn(twice)).isTrue();
        assertThat(new CommentMarker("status").isIn(twice)).isFalse();
        assertThatThrownBy(() -> new CommentMarker("Plan -->")).hasMessageContaining("marker key");
    }

    @Test
    void repositoryIdsParseNestedOwners() {
        assertThat(RepositoryId.parse("group/sub/repo")).isEqualTo(new RepositoryId("group/sub", "repo"));
        assertThatThrownBy(() -> RepositoryId.parse("repo")).hasMessageContaining("owner/name, got: 'repo'");
        assertThatThrownBy(() -> RepositoryId.parse("owner/")).hasMessageContaining("owner/name");
    }

    @Test
    void askingForAMissingCapabilityIsAStructuralFailureNamingIt() {
        assertThatThrownBy(() -> NO_DRAFTS.require(Capability.THREAD_RESOLUTION, "gitea"))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.kind()).isEqualTo(PlatformException.Kind.UNSUPPORTED);
                    assertThat(e.failureCause()).isEqualTo(FailureCause.STRUCTURAL);
                    assertThat(e).hasMessage("gitea does not support thread resolution");
                });
        assertThatThrownBy(() -> NO_DRAFTS.require(MergeMethod.SQUASH, "plain-git"))
                .hasMessage("plain-git does not support merge method squash");
    }

    @Test
    void aRateLimitIsTransientAndSaysWhenToRetry() {
        Instant reset = Instant.parse("2026-11-21T13:00:00Z");
        PlatformException e = new PlatformException(PlatformException.Kind.RATE_LIMITED, 403, "rate limited", reset, null);
        assertThat(e.failureCause()).isEqualTo(FailureCause.TRANSIENT);
        assertThat(e.retryAt()).contains(reset);
    }

    @Test
    void secretsNeverShowInText() {
        Secret token = Secret.of("ghp_very_secret");
        assertThat(token.toString()).isEqualTo("***");
        assertThat(String.valueOf(new WebhookRequest(java.net.URI.create("https://tamma.example/hook"), token,
                Set.of(WebhookRequest.WebhookEvent.ISSUES)))).doesNotContain("ghp_very_secret");
        assertThat(token.reveal()).isEqualTo("ghp_very_secret");
    }

    @Test
    void filtersMatchOpenIssuesByLabelAndAssignee() {
        Issue issue = new Issue(7, "t", "", true, List.of("tamma"), List.of("alice"), "bob", "");
        Issue closed = new Issue(8, "t", "", false, List.of("tamma"), List.of(), "bob", "");
        assertThat(IssueFilter.labelled("tamma").accepts(issue)).isTrue();
        assertThat(IssueFilter.labelled("tamma").accepts(closed)).isFalse();
        assertThat(IssueFilter.assignedTo("carol").accepts(issue)).isFalse();
        assertThat(new IssueFilter(Optional.of("tamma"), Optional.of("alice")).accepts(issue)).isTrue();
    }

    @Test
    void gitIdentitiesAreChecked() {
        assertThat(new Workspace.Person("Tamma", "tamma@tamma.dev").ident()).isEqualTo("Tamma <tamma@tamma.dev>");
        assertThatThrownBy(() -> new Workspace.Person("x", "no-at-sign")).hasMessageContaining("not a valid git identity");
    }
}
