package dev.tamma.orchestrator.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.StepOutput;
import dev.tamma.core.workflow.WorkflowConfig;
import dev.tamma.core.workflow.WorkflowInput;
import dev.tamma.orchestrator.testdb.ApiClient;
import dev.tamma.orchestrator.testdb.TammaSpringTest;
import dev.tamma.orchestrator.workflow.WorkflowEngine;
import dev.tamma.orchestrator.workflow.WorkflowReadModel;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * OIDC against a provider on loopback. The dashboard, driven like a browser: nothing without
 * signing in, the provider's round trip (authorization code with PKCE), the page after it, 403 for
 * someone outside the allowed groups, signing out. The API: the provider's bearer JWTs, checked for
 * signature, expiry and audience. The admin token keeps working beside both.
 */
@TammaSpringTest
@TestPropertySource(properties = {
    "tamma.auth.oidc.client-id=" + LocalOidcProvider.CLIENT_ID,
    "tamma.auth.oidc.client-secret=" + LocalOidcProvider.CLIENT_SECRET,
    "tamma.auth.oidc.allowed-groups[0]=tamma-operators",
    "tamma.auth.oidc.display-name=Local provider",
    "tamma.triggers.approvers[0]=alice"})
@ExtendWith(OutputCaptureExtension.class)
class OidcSignInTest {

    static final LocalOidcProvider PROVIDER = new LocalOidcProvider();
    static final LocalOidcProvider.Person ALICE =
            new LocalOidcProvider.Person("alice", "alice@example.com", List.of("staff", "tamma-operators"));
    static final LocalOidcProvider.Person MALLORY =
            new LocalOidcProvider.Person("mallory", "mallory@example.com", List.of("contractors"));

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("tamma.auth.oidc.issuer-uri", PROVIDER::issuer);
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    WorkflowEngine engine;

    @Autowired
    WorkflowReadModel readModel;

    private String owner;

    @BeforeEach
    void newOwner() {
        owner = "oidctest-" + UUID.randomUUID().toString().substring(0, 8);
        PROVIDER.signInAs(ALICE);
    }

    private String atDesignApproval() {
        String workflow = "workflow-" + UUID.randomUUID();
        engine.start(workflow, owner + "/shop#1", WorkflowConfig.defaults(Mode.BUSINESS));
        for (Step step : new Step[] {Step.ISSUE_ASSIGNED, Step.ANALYZE, Step.PLAN}) {
            engine.handle(workflow, new WorkflowInput.StepSucceeded(Instant.now(), step,
                    readModel.load(workflow).orElseThrow().state().attempt(), StepOutput.of("done")));
        }
        return workflow;
    }

    @Test
    void aPageSendsAStrangerToTheProviderAndShowsItselfAfterTheSignIn() throws Exception {
        String workflow = atDesignApproval();
        Browser browser = new Browser(port);
        String page = "/?repository=" + owner + "/*";

        HttpResponse<String> stranger = browser.step(page);
        assertThat(stranger.statusCode()).isEqualTo(302);
        assertThat(stranger.body()).doesNotContain(owner);
        assertThat(Browser.location(stranger)).endsWith("/oauth2/authorization/oidc");
        HttpResponse<String> toProvider = browser.step(Browser.location(stranger));
        assertThat(toProvider.statusCode()).isEqualTo(302);
        String authorization = URLDecoder.decode(Browser.location(toProvider), StandardCharsets.UTF_8);
        assertThat(authorization).startsWith(PROVIDER.issuer() + "/protocol/openid-connect/auth?")
                .contains("client_id=" + LocalOidcProvider.CLIENT_ID, "scope=openid profile email",
                        "code_challenge_method=S256", "code_challenge=", "nonce=", "state=",
                        "redirect_uri=http://localhost:" + port + "/login/oauth2/code/oidc");
        int exchanged = PROVIDER.exchanged();

        HttpResponse<String> signedIn = browser.open(page);

        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(signedIn.uri().getPath() + "?" + signedIn.uri().getQuery())
                .as("back on the page asked for").isEqualTo(page);
        assertThat(PROVIDER.exchanged()).as("one code exchanged, with its PKCE verifier").isEqualTo(exchanged + 1);
        Document list = Jsoup.parse(signedIn.body());
        assertThat(list.select("table.workflows tbody tr a").eachAttr("href")).containsExactly("/workflows/" + workflow);
        assertThat(browser.step("/workflows/" + workflow).statusCode()).isEqualTo(200);
    }

    @Test
    void anOidcUserApprovesAsTheLoginTheirClaimNames() throws Exception {
        String workflow = atDesignApproval();
        Browser browser = new Browser(port);
        assertThat(browser.open("/").statusCode()).isEqualTo(200);

        HttpResponse<String> approved = browser.submit("/workflows/" + workflow + "/approve", "");

        assertThat(approved.statusCode()).isEqualTo(303);
        Document after = Jsoup.parse(browser.step(Browser.location(approved)).body());
        assertThat(after.select(".ok").text()).isEqualTo("Done: /tamma approve as alice");
        assertThat(readModel.load(workflow).orElseThrow().state().step()).isEqualTo(Step.CREATE_PR);
    }

    @Test
    void someoneOutsideTheAllowedGroupsIsSignedInButRefused() throws Exception {
        atDesignApproval();
        PROVIDER.signInAs(MALLORY);
        Browser browser = new Browser(port);

        HttpResponse<String> refused = browser.open("/?repository=" + owner + "/*");

        assertThat(refused.statusCode()).isEqualTo(403);
        Document page = Jsoup.parse(refused.body());
        assertThat(page.select("[role=alert]").text()).startsWith("mallory is signed in but may not use Tamma")
                .contains("[contractors]", "tamma.auth.oidc.allowed-groups");
        assertThat(refused.body()).doesNotContain(owner);
        assertThat(page.select("form[action=/logout] button").text()).isEqualTo("Sign out");
        assertThat(browser.submit("/workflows/any/stop", "").statusCode()).isEqualTo(403);
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        Browser browser = new Browser(port);
        assertThat(browser.open("/").statusCode()).isEqualTo(200);

        HttpResponse<String> out = browser.submit("/logout", "");

        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(Browser.location(out)).isEqualTo("/login");
        HttpResponse<String> again = browser.step("/");
        assertThat(again.statusCode()).as("signed out: to the provider again").isEqualTo(302);
        assertThat(Browser.location(again)).endsWith("/oauth2/authorization/oidc");
        assertThat(browser.step("/events/stream").statusCode()).isEqualTo(401);
    }

    @Test
    void aSignInTheProviderFailsEndsOnTheSignInPageSayingWhy() throws Exception {
        PROVIDER.refuseNextExchange();
        Browser browser = new Browser(port);

        HttpResponse<String> failed = browser.open("/");

        assertThat(failed.uri().getPath()).isEqualTo("/login");
        assertThat(failed.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(failed.body()).select("[role=alert]").text())
                .startsWith("Signing in through Local provider failed:").contains("invalid_grant");
        assertThat(browser.step("/").statusCode()).as("still not signed in").isEqualTo(302);
    }

    @Test
    void theSignInPageOffersTheProviderAndTheAdminTokenStillSignsIn() throws Exception {
        Browser browser = new Browser(port);

        Document login = Jsoup.parse(browser.step("/login").body());

        assertThat(login.select("a[href=/oauth2/authorization/oidc]").text()).isEqualTo("Sign in with Local provider");
        assertThat(login.select("form[action=/login] input[name=token]")).hasSize(1);
        HttpResponse<String> admin = browser.submit("/login", "next=%2F&token=" + ApiClient.ADMIN_TOKEN);
        assertThat(admin.statusCode()).isEqualTo(303);
        assertThat(browser.step("/").statusCode()).isEqualTo(200);
    }

    @Test
    void theApiAcceptsTheProvidersTokensAndTheAdminToken(CapturedOutput output) throws Exception {
        String workflow = atDesignApproval();
        String token = PROVIDER.token(ALICE, Map.of());
        ApiClient alice = ApiClient.admin(port).withToken(token);

        ApiClient.Reply list = alice.get("/api/v1/workflows?repository=" + owner + "/*");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("workflows").get(0).path("id").asString()).isEqualTo(workflow);
        ApiClient.Reply stopped = alice.post("/api/v1/workflows/" + workflow + "/stop", null);
        assertThat(stopped.status()).isEqualTo(200);
        assertThat(stopped.json().path("actor").asString()).as("the command is alice's").isEqualTo("alice");
        assertThat(ApiClient.admin(port).get("/api/v1/workflows").status()).isEqualTo(200);
        assertThat(ApiClient.admin(port).get("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(output.getAll()).doesNotContain(token).doesNotContain(ApiClient.ADMIN_TOKEN);
    }

    @Test
    void theApiRefusesTokensThatAreExpiredForAnotherAudienceOrSignedElsewhere(CapturedOutput output)
            throws Exception {
        long anHourAgo = Instant.now().minusSeconds(3600).getEpochSecond();
        String expired = PROVIDER.token(ALICE, Map.of("iat", anHourAgo - 300, "exp", anHourAgo));
        String otherAudience = PROVIDER.token(ALICE, Map.of("aud", "another-client", "azp", "another-client"));
        String forged = PROVIDER.tokenSignedElsewhere(ALICE);
        String otherIssuer = PROVIDER.token(ALICE, Map.of("iss", "https://elsewhere.example/realms/tamma"));

        for (String token : List.of(expired, otherAudience, forged, otherIssuer)) {
            ApiClient.Reply refused = ApiClient.admin(port).withToken(token).get("/api/v1/workflows");
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.json().path("error").asString()).startsWith("the bearer token was refused")
                    .contains(PROVIDER.issuer(), "the admin token");
        }
        assertThat(ApiClient.admin(port).withToken(expired).get("/api/v1/workflows").json().path("error").asString())
                .contains("expired");
        assertThat(ApiClient.admin(port).withToken(otherAudience).get("/api/v1/workflows").json().path("error")
                .asString()).contains("aud");
        ApiClient.Reply anonymous = ApiClient.admin(port).withToken(null).get("/api/v1/workflows");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().path("error").asString()).startsWith("a token is required")
                .contains(PROVIDER.issuer());
        assertThat(output.getAll()).doesNotContain(expired).doesNotContain(forged);
    }

    @Test
    void aTokenOfSomeoneOutsideTheAllowedGroupsIsForbidden() throws Exception {
        ApiClient.Reply refused = ApiClient.admin(port).withToken(PROVIDER.token(MALLORY, Map.of()))
                .get("/api/v1/workflows");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("error").asString()).startsWith("mallory is signed in but may not use Tamma");
    }
}
