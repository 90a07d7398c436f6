package dev.tamma.platforms.github;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static dev.tamma.platforms.contract.World.*;
import static dev.tamma.platforms.testing.Json.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.platform.RepositoryId;
import dev.tamma.core.platform.Secret;
import dev.tamma.platforms.http.Resilience;
import dev.tamma.platforms.http.ResilienceSettings;
import dev.tamma.platforms.testing.ClockScheduler;
import dev.tamma.platforms.testing.MutableClock;
import dev.tamma.platforms.testing.StubServer;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Polling GitHub with ETags: an unchanged issue comes back as 304 and is served from what was kept. */
class GitHubConditionalRequestsTest {

    private static final String ISSUE_PATH = "/repos/" + OWNER + "/" + REPO + "/issues/" + ISSUE;
    private StubServer stubs;
    private GitHubPlatform github;

    @BeforeEach
    void start() {
        stubs = new StubServer();
        GitHubJson json = new GitHubJson(stubs.baseUrl());
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
        github = GitHubPlatform.connect(URI.create(stubs.baseUrl()), new RepositoryId(OWNER, REPO),
                new GitHubAuth.PersonalToken(Secret.of("ghp_etag")), clock,
                new Resilience(ResilienceSettings.DEFAULTS, clock, new ClockScheduler(clock)));
        stubs.wm().stubFor(get(urlPathEqualTo("/repos/" + OWNER + "/" + REPO)).willReturn(okJson(write(json.repository()))));
        stubs.wm().stubFor(get(urlPathEqualTo(ISSUE_PATH)).withHeader("If-None-Match", absent())
                .willReturn(okJson(write(json.issue7())).withHeader("ETag", "W/\"7a1c\"")));
        stubs.wm().stubFor(get(urlPathEqualTo(ISSUE_PATH)).withHeader("If-None-Match", equalTo("W/\"7a1c\""))
                .willReturn(aResponse().withStatus(304).withHeader("ETag", "W/\"7a1c\"")
                        .withHeader("X-RateLimit-Remaining", "4990").withHeader("X-RateLimit-Limit", "5000")
                        .withHeader("X-RateLimit-Reset", "1790000000")));
    }

    @AfterEach
    void stop() {
        stubs.close();
    }

    @Test
    void anUnchangedIssueIsServedFromTheKeptAnswer() {
        assertThat(github.issue(ISSUE).title()).isEqualTo(ISSUE_TITLE);
        assertThat(github.issue(ISSUE).title()).isEqualTo(ISSUE_TITLE);
        assertThat(github.issue(ISSUE).labels()).containsExactlyInAnyOrder(BUG_LABEL, TRIGGER_LABEL);

        assertThat(stubs.wm().findAll(getRequestedFor(urlPathEqualTo(ISSUE_PATH))))
                .extracting(r -> r.getHeader("If-None-Match")).containsExactly(null, "W/\"7a1c\"", "W/\"7a1c\"");
        stubs.verifyStrictly();
    }
}
