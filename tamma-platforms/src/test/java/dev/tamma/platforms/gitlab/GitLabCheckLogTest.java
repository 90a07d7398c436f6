package dev.tamma.platforms.gitlab;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static dev.tamma.platforms.contract.World.*;
import static dev.tamma.platforms.testing.Json.obj;
import static dev.tamma.platforms.testing.Json.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
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

/** A failing pipeline job's excerpt on GitLab: the end of its trace, as plain text without terminal codes. */
class GitLabCheckLogTest {

    private static final String TOKEN = "glpat-checkLogTestToken0123";
    private static final String PROJECT = "/api/v4/projects/" + OWNER + "%2F" + REPO;
    private static final long JOB = 94;

    private StubServer stubs;
    private GitLabPlatform gitlab;

    @BeforeEach
    void start() {
        stubs = new StubServer();
        MutableClock clock = new MutableClock(Instant.parse("2026-01-03T10:10:00Z"));
        gitlab = new GitLabPlatform(URI.create(stubs.baseUrl()), new RepositoryId(OWNER, REPO), Secret.of(TOKEN),
                new Resilience(ResilienceSettings.DEFAULTS, clock, new ClockScheduler(clock)), clock);
    }

    @AfterEach
    void stop() {
        try {
            stubs.verifyStrictly();
        } finally {
            stubs.close();
        }
    }

    private void trace(ResponseDefinitionBuilder response) {
        stubs.wm().stubFor(get(urlPathEqualTo(PROJECT + "/jobs/" + JOB + "/trace")).withHeader("PRIVATE-TOKEN", equalTo(TOKEN))
                .willReturn(response));
    }

    private static ResponseDefinitionBuilder text(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/plain").withBody(body);
    }

    private Check failedJob() {
        return new Check("test", CiState.FAILURE, stubs.baseUrl() + "/" + OWNER + "/" + REPO + "/-/jobs/" + JOB, Long.toString(JOB));
    }

    @Test
    void aFailedJobGivesItsTraceWithoutTerminalCodes() {
        trace(text("\u001B[0KRunning with gitlab-runner 17.5.0 (8ec04662)\n"
                + "section_start:1735898400:step_script\r\u001B[0K\u001B[0K\u001B[36;1mExecuting \"step_script\" stage\u001B[0;m\n"
                + "\u001B[32;1m$ mvn -B test\u001B[0;m\n"
                + "[\u001B[1;31mERROR\u001B[m] LoginTest.rejectsEmptyPassword:31 expected: <401> but was: <200>\n"
                + "echo " + TOKEN + "\n"
                + "section_end:1735898460:step_script\r\u001B[0K\u001B[31;1mERROR: Job failed: exit code 1\n\u001B[0;m\n"));

        String excerpt = gitlab.checkLog(failedJob(), 1000).orElseThrow();

        assertThat(excerpt).startsWith("Running with gitlab-runner 17.5.0 (8ec04662)\nExecuting \"step_script\" stage\n$ mvn -B test\n")
                .contains("[ERROR] LoginTest.rejectsEmptyPassword:31 expected: <401> but was: <200>\necho ***\n")
                .endsWith("ERROR: Job failed: exit code 1")
                .doesNotContain("\u001B", "section_", "\r", TOKEN);
    }

    @Test
    void aTraceLongerThanTheExcerptKeepsItsEnd() {
        trace(text(IntStream.rangeClosed(1, 20_000).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"))
                + "\nERROR: Job failed: exit code 1\n"));

        String excerpt = gitlab.checkLog(failedJob(), 300).orElseThrow();

        assertThat(excerpt).hasSizeLessThanOrEqualTo(300).endsWith("line 20000\nERROR: Job failed: exit code 1");
    }

    @Test
    void aTraceTheTokenMayNotReadIsLeftOutAndSaysWhy() {
        trace(aResponse().withStatus(403).withHeader("Content-Type", "application/json").withBody(write(obj("message", "403 Forbidden"))));

        try (CapturedLogs logs = new CapturedLogs()) {
            assertThat(gitlab.checkLog(failedJob(), 1000)).isEmpty();
            assertThat(logs.lines()).anySatisfy(line -> assertThat(line).contains("No trace of check 'test' (job 94)")
                    .contains("403").doesNotContain(TOKEN));
        }
    }

    @Test
    void anErasedTraceIsLeftOut() {
        trace(aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody(write(obj("message", "404 Not Found"))));

        assertThat(gitlab.checkLog(failedJob(), 1000)).isEmpty();
    }

    @Test
    void aStatusFromAnOutsideCiHasNoTraceHere() {
        Check external = new Check("deploy", CiState.FAILURE, "https://ci.example.com/builds/77", "95");

        assertThat(gitlab.checkLog(external, 1000)).isEmpty();
    }
}
