package dev.tamma.platforms.github;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static dev.tamma.platforms.testing.Json.obj;
import static dev.tamma.platforms.testing.Json.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tamma.core.platform.PlatformException;
import dev.tamma.core.platform.RepositoryId;
import dev.tamma.core.platform.Secret;
import dev.tamma.platforms.contract.World;
import dev.tamma.platforms.http.Resilience;
import dev.tamma.platforms.http.ResilienceSettings;
import dev.tamma.platforms.testing.CapturedLogs;
import dev.tamma.platforms.testing.ClockScheduler;
import dev.tamma.platforms.testing.MutableClock;
import dev.tamma.platforms.testing.StubServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GitHub App sign-in: JWT, installation token cached until shortly before expiry, refreshed on 401. */
class GitHubAppAuthTest {

    private static final long APP_ID = 123;
    private static final long INSTALLATION = 99;
    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
    private static final String TOKENS = "/app/installations/" + INSTALLATION + "/access_tokens";
    private static final String ISSUE_PATH = GitHubContractTest.REPO_PATH + "/issues/" + World.ISSUE;
    private static KeyPair keys;

    private final MutableClock clock = new MutableClock(START);
    private final ClockScheduler scheduler = new ClockScheduler(clock);
    private StubServer stubs;
    private GitHubJson json;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    @BeforeEach
    void start() {
        stubs = new StubServer();
        json = new GitHubJson(stubs.baseUrl());
        stubs.wm().stubFor(get(urlPathEqualTo(GitHubContractTest.REPO_PATH)).willReturn(okJson(write(json.repository()))));
    }

    @AfterEach
    void stop() {
        stubs.close();
    }

    private GitHubPlatform app(String pem) {
        return GitHubPlatform.connect(URI.create(stubs.baseUrl()), new RepositoryId(World.OWNER, World.REPO),
                new GitHubAuth.App(APP_ID, INSTALLATION, Secret.of(pem)), clock,
                new Resilience(ResilienceSettings.DEFAULTS, clock, scheduler));
    }

    /** GitHub hands out PKCS#1 keys ("BEGIN RSA PRIVATE KEY"): the PKCS#8 encoding minus its 26-byte header. */
    private static String pkcs1Pem() {
        byte[] pkcs8 = keys.getPrivate().getEncoded();
        byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
        return "-----BEGIN RSA PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs1)
                + "\n-----END RSA PRIVATE KEY-----\n";
    }

    private static ResponseDefinitionBuilder token(String token, Instant expiresAt) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(write(obj("token", token, "expires_at", expiresAt.toString(),
                        "permissions", obj("issues", "write", "contents", "write", "pull_requests", "write"),
                        "repository_selection", "selected")));
    }

    private void tokens(String... tokens) {
        for (int i = 0; i < tokens.length; i++) {
            stubs.wm().stubFor(post(urlPathEqualTo(TOKENS)).withHeader("Authorization", matching("Bearer [\\w-]+\\.[\\w-]+\\.[\\w-]+"))
                    .inScenario("tokens").whenScenarioStateIs(i == 0 ? Scenario.STARTED : "token" + i)
                    .willSetStateTo("token" + (i + 1)).willReturn(token(tokens[i], START.plus(Duration.ofHours(i + 1)))));
        }
    }

    private void issueFor(String token) {
        stubs.wm().stubFor(get(urlPathEqualTo(ISSUE_PATH)).withHeader("Authorization", equalTo("token " + token))
                .willReturn(okJson(write(json.issue7()))));
    }

    @Test
    void signsAJwtWithTheAppsKeyAndCachesTheInstallationTokenUntilShortlyBeforeItExpires() throws Exception {
        tokens("ghs_first", "ghs_second");
        issueFor("ghs_first");
        issueFor("ghs_second");
        GitHubPlatform github = app(pkcs1Pem());

        github.issue(World.ISSUE);
        github.issue(World.ISSUE);
        clock.advance(Duration.ofMinutes(54));
        github.issue(World.ISSUE);
        assertThat(stubs.wm().findAll(postRequestedFor(urlPathEqualTo(TOKENS)))).hasSize(1);

        clock.advance(Duration.ofMinutes(1)); // 5 minutes before expiry: fetch a new one
        github.issue(World.ISSUE);

        assertThat(stubs.wm().findAll(postRequestedFor(urlPathEqualTo(TOKENS)))).hasSize(2);
        assertThat(stubs.wm().findAll(getRequestedFor(urlPathEqualTo(ISSUE_PATH))))
                .extracting(r -> r.getHeader("Authorization"))
                .containsExactly("token ghs_first", "token ghs_first", "token ghs_first", "token ghs_second");
        assertThat(github.gitCredentials().token().reveal()).isEqualTo("ghs_second");
        assertThat(github.gitCredentials().username()).isEqualTo("x-access-token");

        LoggedRequest first = stubs.wm().findAll(postRequestedFor(urlPathEqualTo(TOKENS))).getFirst();
        String[] jwt = first.getHeader("Authorization").substring("Bearer ".length()).split("\\.");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(keys.getPublic());
        rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(jwt[2]))).isTrue();
        assertThat(new String(Base64.getUrlDecoder().decode(jwt[0]), StandardCharsets.UTF_8))
                .isEqualTo("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        assertThat(new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8)).isEqualTo(
                "{\"iat\":" + (START.getEpochSecond() - 60) + ",\"exp\":" + (START.getEpochSecond() + 540) + ",\"iss\":\"123\"}");
    }

    @Test
    void aRefusedInstallationTokenIsReplacedOnceAndTheCallRepeated() {
        tokens("ghs_revoked", "ghs_fresh");
        stubs.wm().stubFor(get(urlPathEqualTo(ISSUE_PATH)).withHeader("Authorization", equalTo("token ghs_revoked"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody(write(obj("message", "Bad credentials", "documentation_url", "https://docs.github.com/rest")))));
        issueFor("ghs_fresh");
        String pkcs8 = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";

        assertThat(app(pkcs8).issue(World.ISSUE).title()).isEqualTo(World.ISSUE_TITLE);

        assertThat(stubs.wm().findAll(postRequestedFor(urlPathEqualTo(TOKENS)))).hasSize(2);
        assertThat(stubs.wm().findAll(getRequestedFor(urlPathEqualTo(ISSUE_PATH))))
                .extracting(r -> r.getHeader("Authorization")).containsExactly("token ghs_revoked", "token ghs_fresh");
    }

    @Test
    void aTokenRefusedTwiceIsUnauthorizedAndNeverShown() {
        tokens("ghs_secret_one", "ghs_secret_two");
        stubs.wm().stubFor(get(urlPathEqualTo(ISSUE_PATH)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody(write(obj("message", "Bad credentials")))));

        try (CapturedLogs logs = new CapturedLogs()) {
            assertThatThrownBy(() -> app(pkcs1Pem()).issue(World.ISSUE)).isInstanceOfSatisfying(PlatformException.class, e -> {
                assertThat(e.kind()).isEqualTo(PlatformException.Kind.UNAUTHORIZED);
                assertThat(e.getMessage()).doesNotContain("ghs_secret");
            });
            assertThat(logs.lines()).noneMatch(l -> l.contains("ghs_secret"));
        }
        assertThat(stubs.wm().findAll(postRequestedFor(urlPathEqualTo(TOKENS)))).hasSize(2);
    }

    @Test
    void anUnknownInstallationIsNotFound() {
        stubs.wm().stubFor(post(urlPathEqualTo(TOKENS)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(write(obj("message", "Not Found")))));
        assertThatThrownBy(() -> app(pkcs1Pem()).issue(World.ISSUE)).isInstanceOfSatisfying(PlatformException.class,
                e -> assertThat(e).hasMessageContaining("installation " + INSTALLATION).extracting(PlatformException::kind)
                        .isEqualTo(PlatformException.Kind.NOT_FOUND));
    }

    @Test
    void aKeyThatIsNotAPemIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> app("not a key")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a PEM");
        assertThatThrownBy(() -> app("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"))
                .hasMessage("the GitHub App private key is not a readable RSA key");
    }

    @Test
    void aSecondaryRateLimitIsWaitedOutForAsLongAsRetryAfterSays() {
        stubs.wm().stubFor(post(urlPathEqualTo(TOKENS)).willReturn(token("ghs_x", START.plus(Duration.ofHours(1)))));
        stubs.wm().stubFor(get(urlPathEqualTo(ISSUE_PATH)).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("lifted").willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withHeader("Retry-After", "30")
                .withBody(write(obj("message", "You have exceeded a secondary rate limit and have been temporarily "
                        + "blocked from content creation. Please retry your request again later.",
                        "documentation_url", "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api")))));

        stubs.wm().stubFor(get(urlPathEqualTo(ISSUE_PATH)).inScenario("limit").whenScenarioStateIs("lifted")
                .willReturn(okJson(write(json.issue7()))));

        assertThat(app(pkcs1Pem()).issue(World.ISSUE).number()).isEqualTo(World.ISSUE);

        assertThat(scheduler.waits()).containsExactly(Duration.ofSeconds(30));
        assertThat(stubs.wm().findAll(getRequestedFor(urlPathEqualTo(ISSUE_PATH)))).hasSize(2);
    }
}
