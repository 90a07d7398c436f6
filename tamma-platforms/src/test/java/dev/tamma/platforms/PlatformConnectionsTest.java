package dev.tamma.platforms;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tamma.core.platform.RepositoryInfo;
import dev.tamma.core.platform.Secret;
import dev.tamma.platforms.testing.StubServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One place turns an address and a token into a platform, for the orchestrator and for remote workers alike. */
class PlatformConnectionsTest {

    private static final Secret TOKEN = Secret.of("platform-token-0123456789");

    private final PlatformConnections connections = new PlatformConnections(Clock.systemUTC());
    private final StubServer stubs = new StubServer();

    @AfterEach
    void stop() {
        stubs.close();
    }

    private PlatformAddress address(String type, String url, String user) {
        return new PlatformAddress(type, url == null ? null : URI.create(url), "acme/shop", user, null);
    }

    @Test
    void eachTokenPlatformConnectsWithTheGitUserItExpectsBesideTheToken() {
        String api = stubs.baseUrl() + "/api/v1";
        assertThat(connections.connect(address("github", stubs.baseUrl(), null), TOKEN))
                .satisfies(c -> assertThat(c.platform().platformName()).isEqualTo("github"))
                .satisfies(c -> assertThat(c.gitCredentials().get().username()).isEqualTo("x-access-token"));
        assertThat(connections.connect(address("gitlab", stubs.baseUrl(), null), TOKEN))
                .satisfies(c -> assertThat(c.platform().platformName()).isEqualTo("gitlab"))
                .satisfies(c -> assertThat(c.gitCredentials().get().username()).isEqualTo("oauth2"));
        assertThat(connections.connect(address("gitea", api, "tamma-bot"), TOKEN))
                .satisfies(c -> assertThat(c.platform().platformName()).isEqualTo("gitea"))
                .satisfies(c -> assertThat(c.gitCredentials().get().username()).isEqualTo("tamma-bot"));
        assertThat(connections.connect(address("forgejo", api, "tamma-bot"), TOKEN))
                .satisfies(c -> assertThat(c.platform().platformName()).isEqualTo("forgejo"));
        assertThat(connections.connect(address("bitbucket", stubs.baseUrl(), null), TOKEN))
                .satisfies(c -> assertThat(c.platform().platformName()).isEqualTo("bitbucket"))
                .satisfies(c -> assertThat(c.gitCredentials().get().username()).isEqualTo("x-token-auth"));
        assertThat(connections.connect(address("azure", stubs.baseUrl() + "/contoso", null), TOKEN))
                .satisfies(c -> assertThat(c.platform().platformName()).isEqualTo("azure-devops"));
        assertThat(connections.connect(address("gitea", api, "tamma-bot"), TOKEN).gitCredentials().get().token())
                .isEqualTo(TOKEN);
    }

    @Test
    void theAddressesOfPublicServicesDefaultToThem() {
        assertThat(address("github", null, null).url()).isEqualTo(URI.create("https://api.github.com"));
        assertThat(address("gitlab", null, null).url()).isEqualTo(URI.create("https://gitlab.com"));
        assertThat(address("bitbucket", null, null).url()).hasHost("api.bitbucket.org");
        assertThat(address("gitea", null, "tamma-bot").url()).isNull();
    }

    @Test
    void giteaIsAskedAtTheAddressWithTheToken() {
        stubs.wm().stubFor(get(urlEqualTo("/api/v1/repos/acme/shop")).willReturn(okJson(
                "{\"default_branch\":\"trunk\",\"clone_url\":\"https://git.example/acme/shop.git\","
                        + "\"html_url\":\"https://git.example/acme/shop\"}")));

        RepositoryInfo repository = connections.connect(address("gitea", stubs.baseUrl() + "/api/v1", "tamma-bot"), TOKEN)
                .platform().repository();

        assertThat(repository.defaultBranch()).isEqualTo("trunk");
        stubs.wm().verify(getRequestedFor(urlEqualTo("/api/v1/repos/acme/shop"))
                .withHeader("Authorization", equalTo("token " + TOKEN.reveal())));
        stubs.verifyStrictly();
    }

    @Test
    void gitHubOnALeasesTokenSignsEachCallAndGitWithTheTokenOfTheMoment() {
        stubs.wm().stubFor(get(urlEqualTo("/repos/acme/shop")).willReturn(okJson("""
                {"id": 7, "name": "shop", "full_name": "acme/shop", "owner": {"login": "acme"},
                 "default_branch": "main", "clone_url": "https://github.example/acme/shop.git",
                 "html_url": "https://github.example/acme/shop"}""")));
        stubs.wm().stubFor(get(urlEqualTo("/repos/acme/shop/issues/3")).willReturn(okJson("""
                {"id": 103, "number": 3, "title": "Fix the login", "body": "", "state": "open",
                 "labels": [], "assignees": [], "user": {"login": "carol"},
                 "html_url": "https://github.example/acme/shop/issues/3"}""")));
        AtomicReference<Secret> current = new AtomicReference<>(Secret.of("ghs_granted_1111"));
        PlatformConnections.Connection connection = connections.connect(address("github", stubs.baseUrl(), null),
                current::get);

        connection.platform().issue(3);
        current.set(Secret.of("ghs_renewed_2222")); // the lease's heartbeat brought a new installation token
        connection.platform().issue(3);

        stubs.wm().verify(1, getRequestedFor(urlEqualTo("/repos/acme/shop/issues/3"))
                .withHeader("Authorization", equalTo("token ghs_granted_1111")));
        stubs.wm().verify(1, getRequestedFor(urlEqualTo("/repos/acme/shop/issues/3"))
                .withHeader("Authorization", equalTo("token ghs_renewed_2222")));
        assertThat(connection.gitCredentials().get().token().reveal()).isEqualTo("ghs_renewed_2222");
    }

    @Test
    void azureTakesTheOrganizationFromItsUrlAndClosesWorkItemsWithTheConfiguredState() {
        String basic = "Basic " + Base64.getEncoder().encodeToString((":" + TOKEN.reveal()).getBytes(StandardCharsets.UTF_8));
        stubs.wm().stubFor(patch(urlPathEqualTo("/contoso/acme/_apis/wit/workitems/7")).willReturn(okJson("{\"id\":7}")));
        PlatformAddress address = new PlatformAddress("azure", URI.create(stubs.baseUrl() + "/contoso/"), "acme/shop",
                null, "Done");

        connections.connect(address, TOKEN).platform().closeIssue(7);

        stubs.wm().verify(patchRequestedFor(urlPathEqualTo("/contoso/acme/_apis/wit/workitems/7"))
                .withHeader("Authorization", equalTo(basic))
                .withRequestBody(equalToJson("[{\"op\":\"add\",\"path\":\"/fields/System.State\",\"value\":\"Done\"}]")));
        stubs.verifyStrictly();
    }

    @Test
    void plainGitIsRefusedBecauseItsRecordsAreTheOrchestrators() {
        assertThatThrownBy(() -> connections.connect(address("plain-git", null, null), TOKEN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plain-git repository acme/shop")
                .hasMessageContaining("orchestrator's database");
    }

    @Test
    void badAddressesAreRefusedNamingWhatIsWrong() {
        assertThatThrownBy(() -> connections.connect(address("sourcehut", null, null), TOKEN))
                .hasMessage("platform type 'sourcehut' of acme/shop is not one of github, gitlab, gitea, forgejo,"
                        + " bitbucket, azure, plain-git");
        assertThatThrownBy(() -> connections.connect(address("gitea", stubs.baseUrl(), null), TOKEN))
                .hasMessageContaining("gitea repository acme/shop needs its API URL").hasMessageContaining("user");
        assertThatThrownBy(() -> connections.connect(address("azure", "https://dev.azure.com", null), TOKEN))
                .hasMessageContaining("azure repository acme/shop needs the organization's URL");
        assertThatThrownBy(() -> connections.connect(new PlatformAddress("gitlab", null, "shop", null, null), TOKEN))
                .hasMessage("repository must be owner/name, was shop");
    }
}
