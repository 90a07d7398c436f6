package dev.tamma.platforms.github;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static dev.tamma.platforms.contract.World.*;
import static dev.tamma.platforms.testing.Json.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tamma.core.platform.Check;
import dev.tamma.core.platform.CiState;
import dev.tamma.core.platform.RepositoryId;
import dev.tamma.core.platform.Secret;
import dev.tamma.platforms.http.Resilience;
import dev.tamma.platforms.http.ResilienceSettings;
import dev.tamma.platforms.testing.CapturedLogs;
import dev.tamma.platforms.testing.ClockScheduler;
import dev.tamma.platforms.testing.MutableClock;
import dev.tamma.platforms.testing.StubServer;
import java.net.URI;
import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A failing check's excerpt on GitHub: the check run's output, and for an Actions job the end of its
 * log, which GitHub serves by redirecting to a short-lived URL on another host (here a second server,
 * reached by another host name) that must not receive the token.
 */
class GitHubCheckLogTest {

    private static final String TOKEN = "ghp_checkLogTestToken0123456789abcdef";
    private static final String REPO_PATH = "/repos/" + OWNER + "/" + REPO;
    private static final long JOB = 399444496L;
    private static final String JOB_URL = "https://github.com/" + OWNER + "/" + REPO + "/actions/runs/29679449/job/" + JOB;

    private StubServer api;
    private StubServer downloads;
    private GitHubJson json;
    private GitHubPlatform github;

    @BeforeEach
    void start() {
        api = new StubServer();
        downloads = new StubServer();
        json = new GitHubJson(api.baseUrl());
        MutableClock clock = new MutableClock(Instant.parse("2026-01-03T10:10:00Z"));
        github = GitHubPlatform.connect(URI.create(api.baseUrl()), new RepositoryId(OWNER, REPO),
                new GitHubAuth.PersonalToken(Secret.of(TOKEN)), clock,
                new Resilience(ResilienceSettings.DEFAULTS, clock, new ClockScheduler(clock)));
    }

    @AfterEach
    void stop() {
        try {
            api.verifyStrictly();
            downloads.verifyStrictly();
        } finally {
            api.close();
            downloads.close();
        }
    }

    private void stub(MappingBuilder request, ResponseDefinitionBuilder response) {
        api.wm().stubFor(request.withHeader("Authorization", equalTo("token " + TOKEN)).willReturn(response));
    }

    private static ResponseDefinitionBuilder json(int status, Object body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("X-RateLimit-Limit", "5000").withHeader("X-RateLimit-Remaining", "4999")
                .withHeader("X-RateLimit-Reset", "1790000000").withHeader("X-RateLimit-Resource", "core")
                .withBody(write(body));
    }

    /** The Actions job {@link #JOB}: its check run, the job, and its log behind a redirect to the download host. */
    private String actionsJobWithLog(String log) {
        return actionsJob("", aResponse().withStatus(200).withHeader("Content-Type", "text/plain").withBody(log));
    }

    private String actionsJob(String summary, ResponseDefinitionBuilder download) {
        stub(get(urlPathEqualTo(REPO_PATH + "/check-runs/" + JOB)),
                json(200, json.checkRun(JOB, "test", "github-actions", summary.isEmpty() ? "" : "Tests failed", summary, "")));
        stub(get(urlPathEqualTo(REPO_PATH)), json(200, json.repository()));
        stub(get(urlPathEqualTo(REPO_PATH + "/actions/jobs/" + JOB)), json(200, json.job(JOB, "test")));
        // 127.0.0.1 where the API is localhost: another host, as GitHub's log storage is
        String url = downloads.baseUrl().replace("localhost", "127.0.0.1") + "/logs/" + JOB + "?sig=s3cr3tSignature";
        stub(get(urlPathEqualTo(REPO_PATH + "/actions/jobs/" + JOB + "/logs")),
                aResponse().withStatus(302).withHeader("Location", url));
        downloads.wm().stubFor(get(urlPathEqualTo("/logs/" + JOB)).withQueryParam("sig", equalTo("s3cr3tSignature"))
                .willReturn(download));
        return url;
    }

    private static Check failed(long id, String url) {
        return new Check("test", CiState.FAILURE, url, Long.toString(id));
    }

    @Test
    void aFailedCheckRunGivesItsOutput() {
        stub(get(urlPathEqualTo(REPO_PATH + "/check-runs/5")), json(200, json.checkRun(5, "lint", "super-linter",
                "2 errors", "Lint found 2 problems", "src/Login.java:12: unused import\nsrc/Login.java:40: line too long")));

        assertThat(github.checkLog(failed(5, "https://github.com/" + OWNER + "/" + REPO + "/runs/5"), 1000))
                .contains("2 errors\nLint found 2 problems\nsrc/Login.java:12: unused import\nsrc/Login.java:40: line too long");
    }

    @Test
    void anActionsJobGivesTheEndOfItsLogFetchedWithoutTheTokenFromTheDownloadHost() {
        actionsJobWithLog("2026-01-03T10:00:01.0000000Z ##[group]Run ./gradlew test\n"
                + "2026-01-03T10:04:59.0000000Z \u001B[31mLoginTest > rejectsEmptyPassword FAILED\u001B[0m\n"
                + "2026-01-03T10:05:00.0000000Z \u001B[1;31m##[error]Process completed with exit code 1.\u001B[0m\n"
                + "2026-01-03T10:05:00.0000000Z echo " + TOKEN + "\n");

        String excerpt = github.checkLog(failed(JOB, JOB_URL), 1000).orElseThrow();

        assertThat(excerpt).contains("LoginTest > rejectsEmptyPassword FAILED\n")
                .endsWith("##[error]Process completed with exit code 1.\n2026-01-03T10:05:00.0000000Z echo ***")
                .doesNotContain("\u001B", TOKEN);
        assertThat(downloads.wm().findAll(getRequestedFor(urlPathEqualTo("/logs/" + JOB))))
                .hasSize(1).allSatisfy(r -> assertThat(r.containsHeader("Authorization")).isFalse());
    }

    @Test
    void aLogLongerThanTheExcerptKeepsItsEnd() {
        String log = IntStream.rangeClosed(1, 20_000).mapToObj(i -> "line " + i).collect(Collectors.joining("\n")) + "\n";
        actionsJobWithLog(log);

        String excerpt = github.checkLog(failed(JOB, JOB_URL), 500).orElseThrow();

        assertThat(excerpt).hasSizeLessThanOrEqualTo(500).endsWith("line 19999\nline 20000").doesNotContain("line 1\n");
    }

    @Test
    void aJobLogTheTokenMayNotReadIsLeftOutAndSaysWhy() {
        stub(get(urlPathEqualTo(REPO_PATH + "/check-runs/" + JOB)),
                json(200, json.checkRun(JOB, "test", "github-actions", "", "", "")));
        stub(get(urlPathEqualTo(REPO_PATH)), json(200, json.repository()));
        stub(get(urlPathEqualTo(REPO_PATH + "/actions/jobs/" + JOB)), json(403, json.error(
                "Resource not accessible by personal access token",
                "https://docs.github.com/rest/actions/workflow-jobs#get-a-job-for-a-workflow-run")));

        try (CapturedLogs logs = new CapturedLogs()) {
            assertThat(github.checkLog(failed(JOB, JOB_URL), 1000)).isEmpty();
            assertThat(logs.lines()).anySatisfy(line -> assertThat(line).contains("No log of check 'test' (job " + JOB + ")")
                    .contains("403").doesNotContain(TOKEN));
        }
    }

    @Test
    void anExpiredDownloadIsLeftOutButTheOutputStays() {
        String download = actionsJob("1 failing test", aResponse().withStatus(403).withHeader("Content-Type", "application/xml")
                .withBody("<Error><Code>AuthenticationFailed</Code><Message>Signature not valid in the specified time frame"
                        + "</Message></Error>"));

        assertThat(github.checkLog(failed(JOB, JOB_URL), 1000)).contains("Tests failed\n1 failing test");
        assertThat(downloads.wm().findAll(getRequestedFor(anyUrl()))).extracting(LoggedRequest::getAbsoluteUrl)
                .containsExactly(download);
    }

    @Test
    void aCommitStatusHasNoLog() {
        Check status = new Check("deploy/preview", CiState.FAILURE, "https://ci.example.com/deploy/preview/11");

        assertThat(github.checkLog(status, 1000)).isEmpty();
    }
}
