package dev.tamma.platforms.http;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.tamma.core.platform.PlatformException;
import dev.tamma.core.platform.PlatformException.Kind;
import dev.tamma.platforms.testing.ClockScheduler;
import dev.tamma.platforms.testing.MutableClock;
import dev.tamma.platforms.testing.StubServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestClientTest {

    private static final String TOKEN = "rest_token_5e1d";
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final ClockScheduler scheduler = new ClockScheduler(clock);
    private StubServer stubs;
    private RestClient client;

    @BeforeEach
    void start() {
        stubs = new StubServer();
        client = new RestClient("test", URI.create(stubs.baseUrl() + "/api/v1/"), () -> "token " + TOKEN,
                HttpClient.newHttpClient(), new Resilience(ResilienceSettings.DEFAULTS, clock, scheduler), clock);
    }

    @AfterEach
    void stop() {
        stubs.close();
    }

    @Test
    void pollsConditionallyWithTheETagAndServesTheKeptBodyOn304() {
        stubs.wm().stubFor(get("/api/v1/repos/acme/shop/issues/7").withHeader("If-None-Match", absent())
                .willReturn(okJson("{\"number\":7,\"title\":\"first\"}").withHeader("ETag", "W/\"abc\"")));
        stubs.wm().stubFor(get("/api/v1/repos/acme/shop/issues/7").withHeader("If-None-Match", equalTo("W/\"abc\""))
                .willReturn(aResponse().withStatus(304)));

        assertThat(client.get("/repos/acme/shop/issues/7").path("title").asString()).isEqualTo("first");
        assertThat(client.get("/repos/acme/shop/issues/7").path("title").asString()).isEqualTo("first");

        assertThat(stubs.wm().findAll(getRequestedFor(urlEqualTo("/api/v1/repos/acme/shop/issues/7"))))
                .extracting(r -> r.getHeader("If-None-Match")).containsExactly(null, "W/\"abc\"");
        stubs.verifyStrictly();
    }

    @Test
    void retriesAServerErrorWithBackoffOnTheFakeClock() {
        stubs.wm().stubFor(get("/api/v1/x").inScenario("s").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("up")
                .willReturn(aResponse().withStatus(502).withBody("Bad Gateway")));
        stubs.wm().stubFor(get("/api/v1/x").inScenario("s").whenScenarioStateIs("up").willReturn(okJson("{\"ok\":true}")));

        assertThat(client.get("/x").path("ok").asBoolean()).isTrue();
        assertThat(scheduler.waits()).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void aGitLabStyle429WithRateLimitResetIsWaitedOut() {
        stubs.wm().stubFor(get("/api/v1/x").inScenario("s").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("ok")
                .willReturn(aResponse().withStatus(429).withHeader("RateLimit-Reset", Long.toString(T0.getEpochSecond() + 20))
                        .withBody("{\"message\":\"429 Too Many Requests\"}")));
        stubs.wm().stubFor(get("/api/v1/x").inScenario("s").whenScenarioStateIs("ok").willReturn(okJson("{}")));

        client.get("/x");
        assertThat(scheduler.waits()).containsExactly(Duration.ofSeconds(20));
    }

    @Test
    void anHttpDateRetryAfterIsUnderstood() {
        stubs.wm().stubFor(get("/api/v1/x").willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "Sun, 01 Mar 2026 13:00:00 GMT")));
        assertThatThrownBy(() -> client.get("/x")).isInstanceOfSatisfying(PlatformException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
            assertThat(e.retryAt()).contains(Instant.parse("2026-03-01T13:00:00Z"));
        });
        assertThat(scheduler.waits()).isEmpty();
    }

    @Test
    void a403WithoutRateLimitHeadersIsForbiddenAndNamesTheCallNotTheToken() {
        stubs.wm().stubFor(post("/api/v1/repos/acme/shop/hooks").willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Must have admin rights to Repository.\"}")));
        assertThatThrownBy(() -> client.post("/repos/acme/shop/hooks", Map.of("type", "gitea")))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.FORBIDDEN);
                    assertThat(e).hasMessage("test: POST /repos/acme/shop/hooks answered 403: Must have admin rights to Repository.");
                    assertThat(e.getMessage()).doesNotContain(TOKEN);
                });
    }

    @Test
    void aFailedWriteIsNotRepeated() {
        stubs.wm().stubFor(post("/api/v1/comments").willReturn(aResponse().withStatus(502)));
        assertThatThrownBy(() -> client.post("/comments", Map.of("body", "hi")))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
        assertThat(stubs.wm().findAll(postRequestedFor(urlEqualTo("/api/v1/comments")))).hasSize(1);
    }

    @Test
    void aSignInPageInsteadOfJsonIsARefusedToken() {
        stubs.wm().stubFor(get("/api/v1/x").willReturn(aResponse().withStatus(203)
                .withHeader("Content-Type", "text/html; charset=utf-8").withBody("<html>Sign in to your account</html>")));
        assertThatThrownBy(() -> client.get("/x")).isInstanceOfSatisfying(PlatformException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED));
    }

    @Test
    void segmentsArePercentEncoded() {
        assertThat(RestClient.segment("tamma:working label")).isEqualTo("tamma%3Aworking%20label");
    }
}
