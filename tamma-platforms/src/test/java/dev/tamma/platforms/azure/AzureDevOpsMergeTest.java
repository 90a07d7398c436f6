package dev.tamma.platforms.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static dev.tamma.platforms.azure.AzureDevOpsContractTest.BASIC;
import static dev.tamma.platforms.azure.AzureDevOpsContractTest.REPO_PATH;
import static dev.tamma.platforms.azure.AzureDevOpsContractTest.TOKEN;
import static dev.tamma.platforms.contract.World.*;
import static dev.tamma.platforms.testing.Json.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.tamma.core.platform.MergeMethod;
import dev.tamma.core.platform.PlatformException;
import dev.tamma.core.platform.PlatformException.Kind;
import dev.tamma.core.platform.RepositoryId;
import dev.tamma.core.platform.Secret;
import dev.tamma.core.workflow.FailureCause;
import dev.tamma.platforms.http.Resilience;
import dev.tamma.platforms.http.ResilienceSettings;
import dev.tamma.platforms.testing.ClockScheduler;
import dev.tamma.platforms.testing.MutableClock;
import dev.tamma.platforms.testing.StubServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Completing an Azure DevOps pull request that the service queues: Tamma asks again, on the
 * scheduler's clock, until it completes, fails, or the polls run out (a transient failure).
 */
class AzureDevOpsMergeTest {

    private static final String PR_PATH = REPO_PATH + "/pullrequests/" + PR;

    private StubServer stubs;
    private AzureDevOpsJson json;
    private ClockScheduler scheduler;
    private AzureDevOpsPlatform platform;

    @BeforeEach
    void start() {
        stubs = new StubServer();
        json = new AzureDevOpsJson(stubs.baseUrl());
        MutableClock clock = new MutableClock(Instant.parse("2026-01-04T09:00:00Z"));
        scheduler = new ClockScheduler(clock);
        platform = new AzureDevOpsPlatform(URI.create(stubs.baseUrl()),
                new RepositoryId(OWNER + "/" + AzureDevOpsJson.PROJECT, REPO), Secret.of(TOKEN),
                new AzureDevOpsSettings("Done", Map.of()), new Resilience(ResilienceSettings.DEFAULTS, clock, scheduler),
                clock);
    }

    @AfterEach
    void stop() {
        try {
            stubs.verifyStrictly();
        } finally {
            stubs.close();
        }
    }

    private Map<String, Object> pr(String status, String mergeStatus) {
        Map<String, Object> pr = json.pullRequest(PR, PR_TITLE, "Closes #7", HEAD, status, false);
        pr.put("mergeStatus", mergeStatus);
        return pr;
    }

    /** The first GET (before completing) answers the open pull request; the completion is answered queued. */
    private void completionQueued() {
        stubs.wm().stubFor(get(urlPathEqualTo(PR_PATH)).inScenario("merge").whenScenarioStateIs(Scenario.STARTED)
                .withHeader("Authorization", equalTo(BASIC)).willReturn(okJson(write(json.pr12()))));
        stubs.wm().stubFor(patch(urlPathEqualTo(PR_PATH)).inScenario("merge").whenScenarioStateIs(Scenario.STARTED)
                .withHeader("Authorization", equalTo(BASIC))
                .withRequestBody(matchingJsonPath("$.status", equalTo("completed")))
                .withRequestBody(matchingJsonPath("$.completionOptions.mergeStrategy", equalTo("squash")))
                .willReturn(okJson(write(pr("active", "queued")))).willSetStateTo("queued 1"));
    }

    private void pollAnswers(String state, Map<String, Object> body, String next) {
        stubs.wm().stubFor(get(urlPathEqualTo(PR_PATH)).inScenario("merge").whenScenarioStateIs(state)
                .withHeader("Authorization", equalTo(BASIC)).willReturn(okJson(write(body))).willSetStateTo(next));
    }

    @Test
    void aQueuedCompletionIsPolledUntilItCompletes() {
        completionQueued();
        pollAnswers("queued 1", pr("active", "queued"), "queued 2");
        pollAnswers("queued 2", json.pullRequest(PR, PR_TITLE, "Closes #7", HEAD, "completed", false), "done");

        assertThat(platform.merge(PR, MergeMethod.SQUASH).sha()).isEqualTo(AzureDevOpsJson.MERGE_SHA);
        assertThat(scheduler.waits()).containsExactly(AzureDevOpsPlatform.MERGE_POLL, AzureDevOpsPlatform.MERGE_POLL);
    }

    @Test
    void aQueuedCompletionThatPoliciesRejectIsAConflict() {
        completionQueued();
        pollAnswers("queued 1", pr("active", "rejectedByPolicy"), "done");

        assertThatThrownBy(() -> platform.merge(PR, MergeMethod.SQUASH)).isInstanceOfSatisfying(PlatformException.class,
                e -> {
                    assertThat(e.kind()).isEqualTo(Kind.CONFLICT);
                    assertThat(e.getMessage()).contains("rejectedByPolicy");
                });
    }

    @Test
    void aCompletionStillQueuedWhenThePollsRunOutIsTransient() {
        completionQueued();
        pollAnswers("queued 1", pr("active", "queued"), "queued 1");

        assertThatThrownBy(() -> platform.merge(PR, MergeMethod.SQUASH)).isInstanceOfSatisfying(PlatformException.class,
                e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
                    assertThat(e.failureCause()).isEqualTo(FailureCause.TRANSIENT);
                    assertThat(e.getMessage()).contains("still queued");
                });
        assertThat(scheduler.waits()).isEqualTo(Collections.nCopies(AzureDevOpsPlatform.MERGE_POLLS,
                AzureDevOpsPlatform.MERGE_POLL));
        stubs.wm().verify(AzureDevOpsPlatform.MERGE_POLLS + 1, getRequestedFor(urlPathEqualTo(PR_PATH)));
    }
}
