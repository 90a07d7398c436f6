package dev.tamma.platforms.github;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static dev.tamma.platforms.contract.World.*;
import static dev.tamma.platforms.testing.Json.arr;
import static dev.tamma.platforms.testing.Json.obj;
import static dev.tamma.platforms.testing.Json.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tamma.core.platform.PlatformException;
import dev.tamma.core.platform.RepositoryId;
import dev.tamma.core.platform.ReviewComment;
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

/** Review threads through GraphQL on GitHub Enterprise Server's layout ({@code /api/v3} and {@code /api/graphql}). */
class GitHubReviewThreadsTest {

    private static final String TOKEN = "ghp_threadsTestToken";
    private StubServer stubs;
    private GitHubJson json;
    private GitHubPlatform github;

    @BeforeEach
    void start() {
        stubs = new StubServer();
        json = new GitHubJson(stubs.baseUrl() + "/api/v3");
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
        github = GitHubPlatform.connect(URI.create(stubs.baseUrl() + "/api/v3"), new RepositoryId(OWNER, REPO),
                new GitHubAuth.PersonalToken(Secret.of(TOKEN)), clock,
                new Resilience(ResilienceSettings.DEFAULTS, clock, new ClockScheduler(clock)));
        stubs.wm().stubFor(get(urlPathEqualTo("/api/v3/repos/" + OWNER + "/" + REPO)).willReturn(okJson(write(json.repository()))));
        stubs.wm().stubFor(get(urlPathEqualTo("/api/v3/repos/" + OWNER + "/" + REPO + "/pulls/" + PR))
                .willReturn(okJson(write(json.pr12(true)))));
        stubs.wm().stubFor(get(urlPathEqualTo("/api/v3/users/" + WRITER)).willReturn(okJson(write(json.user(WRITER)))));
        stubs.wm().stubFor(get(urlPathEqualTo("/api/v3/repos/" + OWNER + "/" + REPO + "/pulls/" + PR + "/comments"))
                .willReturn(okJson(write(arr(json.reviewComment(REVIEW_COMMENT, null, WRITER, REVIEW_BODY))))));
    }

    @AfterEach
    void stop() {
        stubs.close();
    }

    @Test
    void aThreadResolvedOnGitHubIsReportedResolved() {
        stubs.wm().stubFor(post(urlPathEqualTo("/api/graphql")).withHeader("Authorization", equalTo("token " + TOKEN))
                .willReturn(okJson(write(obj("data", obj("repository", obj("pullRequest", obj("reviewThreads", obj(
                        "nodes", arr(obj("id", "PRRT_1", "isResolved", true, "comments",
                                obj("nodes", arr(obj("databaseId", REVIEW_COMMENT))))),
                        "pageInfo", obj("hasNextPage", false, "endCursor", null))))))))));

        assertThat(github.reviewComments(PR)).extracting(ReviewComment::resolved).containsExactly(true);
        stubs.verifyStrictly();
    }

    @Test
    void aGraphQlErrorBecomesThePortsError() {
        stubs.wm().stubFor(post(urlPathEqualTo("/api/graphql")).willReturn(okJson(write(obj("data", null, "errors", arr(
                obj("type", "NOT_FOUND", "path", arr("repository"),
                        "message", "Could not resolve to a Repository with the name 'acme/shop'.")))))));

        assertThatThrownBy(() -> github.resolveThread(PR, Long.toString(REVIEW_COMMENT)))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.kind()).isEqualTo(PlatformException.Kind.NOT_FOUND);
                    assertThat(e).hasMessageContaining("Could not resolve to a Repository");
                });
    }

    @Test
    void aThreadIsNamedByItsFirstCommentsId() {
        assertThatThrownBy(() -> github.resolveThread(PR, "PRRT_1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("first comment's id, got: PRRT_1");
    }
}
