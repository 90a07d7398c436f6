package dev.tamma.orchestrator.platform.plaingit;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import dev.tamma.core.platform.GitPlatform;
import dev.tamma.core.platform.Issue;
import dev.tamma.core.platform.Permission;
import dev.tamma.core.platform.Workspace.Person;
import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.StepOutput;
import dev.tamma.core.workflow.WorkflowConfig;
import dev.tamma.core.workflow.WorkflowInput;
import dev.tamma.orchestrator.TammaProperties;
import dev.tamma.orchestrator.lease.LeaseCredentials;
import dev.tamma.orchestrator.platform.RepositoryPlatforms;
import dev.tamma.orchestrator.testdb.TammaSpringTest;
import dev.tamma.orchestrator.workflow.WorkflowEngine;
import dev.tamma.orchestrator.workflow.WorkflowReadModel;
import dev.tamma.platforms.plaingit.PlainGitPlatform;
import dev.tamma.platforms.testing.GitRepos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A plain-Git repository and an Azure DevOps one configured in {@code tamma.platforms.repositories}:
 * plain Git's records live in the database and its mirror under {@code tamma.home}, the workflow
 * speaks there, the configured writers command Tamma; Azure DevOps is reached under the
 * organization's URL with the configured token.
 */
@TammaSpringTest
class PlainGitWiringTest {

    private static final String PLAIN = "local/shop";
    private static final String AZURE = "storefront/shop";
    private static final String AZURE_TOKEN = "azure-pat-for-the-wiring-test";
    private static final Path ROOT;
    private static final WireMockServer AZURE_DEVOPS = new WireMockServer(options().dynamicPort());

    static {
        try {
            ROOT = Files.createTempDirectory("plain-git-wiring-");
            GitRepos.bareWith(ROOT.resolve("remotes"), "shop.git", Map.of("README.md", "# shop\n"));
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the test repository", e);
        }
        AZURE_DEVOPS.start();
        AZURE_DEVOPS.stubFor(get(urlPathEqualTo("/acme/storefront/_apis/git/repositories/shop"))
                .withQueryParam("api-version", equalTo("7.1"))
                .willReturn(okJson("{\"id\":\"5febef5a-833d-4e14-b9c0-14cb638f91e6\",\"name\":\"shop\","
                        + "\"defaultBranch\":\"refs/heads/main\",\"remoteUrl\":\"https://acme@dev.azure.com/acme/storefront/_git/shop\","
                        + "\"webUrl\":\"https://dev.azure.com/acme/storefront/_git/shop\"}")));
    }

    @DynamicPropertySource
    static void repositories(DynamicPropertyRegistry registry) {
        registry.add("tamma.home", () -> ROOT.resolve("home").toString());
        registry.add("tamma.platforms.repositories[0].name", () -> PLAIN);
        registry.add("tamma.platforms.repositories[0].platform", () -> "plain-git");
        registry.add("tamma.platforms.repositories[0].url", () -> ROOT.resolve("remotes/shop.git").toString());
        registry.add("tamma.platforms.repositories[0].check.command", () -> "test -f DONE");
        registry.add("tamma.platforms.repositories[0].check.timeout", () -> "1m");
        registry.add("tamma.platforms.repositories[0].writers[0]", () -> "carol");
        registry.add("tamma.platforms.repositories[1].name", () -> AZURE);
        registry.add("tamma.platforms.repositories[1].platform", () -> "azure");
        registry.add("tamma.platforms.repositories[1].url", () -> AZURE_DEVOPS.baseUrl() + "/acme");
        registry.add("tamma.platforms.repositories[1].token", () -> AZURE_TOKEN);
        registry.add("tamma.platforms.repositories[1].writers[0]", () -> "dana@example.com");
        registry.add("tamma.platforms.repositories[1].closed-state", () -> "Done");
    }

    @AfterAll
    static void cleanUp() throws IOException {
        AZURE_DEVOPS.stop();
        try (Stream<Path> paths = Files.walk(ROOT)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Autowired
    RepositoryPlatforms platforms;

    @Autowired
    LeaseCredentials credentials;

    @Autowired
    WorkflowEngine engine;

    @Autowired
    WorkflowReadModel readModel;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    TammaProperties tamma;

    private PlainGitPlatform plainGit() {
        return (PlainGitPlatform) platforms.forRepository(PLAIN).orElseThrow().platform();
    }

    @Test
    void plainGitKeepsItsRecordsInTheDatabaseAndItsMirrorUnderTammaHome() {
        Issue issue = plainGit().openIssue("Add a README section", "", List.of("tamma"), "carol");

        assertThat(plainGit().repository().defaultBranch()).isEqualTo("main");
        assertThat(tamma.home().resolve("plain-git/local/shop/mirror.git/HEAD")).exists();
        assertThat(jdbc.sql("SELECT title FROM plain_git_issue WHERE repository = ? AND number = ?")
                .params(PLAIN, issue.number()).query(String.class).single()).isEqualTo("Add a README section");
        // what a restarted service connects to: nothing of this instance, the same database
        var afterRestart = new PlainGitPlatforms(jdbc, transactions, tamma, Clock.systemUTC()).connect(
                plainGit().repository().id(), ROOT.resolve("remotes/shop.git").toString(), Optional.empty(),
                Optional.empty(), List.of(), new Person("Tamma", "tamma@localhost"));
        assertThat(afterRestart.issue(issue.number())).isEqualTo(issue);
    }

    @Test
    void theWorkflowSpeaksOnThePlainGitIssue() {
        Issue issue = plainGit().openIssue("Fix the footer", "", List.of("tamma"), "carol");
        String workflow = "workflow-" + UUID.randomUUID();
        engine.start(workflow, PLAIN + "#" + issue.number(), WorkflowConfig.defaults(Mode.BUSINESS));
        for (Step step : new Step[] {Step.ISSUE_ASSIGNED, Step.ANALYZE, Step.PLAN}) {
            var state = readModel.load(workflow).orElseThrow().state();
            engine.handle(workflow, new WorkflowInput.StepSucceeded(Instant.now(), step, state.attempt(),
                    step == Step.PLAN ? StepOutput.of("two options").withPlanOptions(2) : StepOutput.of("done")));
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(plainGit().issue(issue.number()).labels()).contains("tamma:working");
            assertThat(plainGit().commentsSince(issue.number(), Instant.EPOCH)).anySatisfy(c ->
                    assertThat(c.body()).containsPattern("<!-- tamma:[a-z0-9._:-]+ -->"));
        });
    }

    @Test
    void theConfiguredWritersCommandTammaAndALocalRemoteNeedsNoToken() {
        assertThat(plainGit().permission("carol")).isEqualTo(Permission.WRITE);
        assertThat(plainGit().permission("dave")).isEqualTo(Permission.NONE);
        assertThat(credentials.forRepository(PLAIN)).isEmpty();
    }

    @Test
    void azureDevOpsIsReachedUnderTheOrganizationWithItsToken() {
        GitPlatform azure = platforms.forRepository(AZURE).orElseThrow().platform();

        assertThat(azure.platformName()).isEqualTo("azure-devops");
        assertThat(azure.repository().id().fullName()).isEqualTo("acme/storefront/shop");
        AZURE_DEVOPS.verify(getRequestedFor(urlPathEqualTo("/acme/storefront/_apis/git/repositories/shop"))
                .withBasicAuth(new BasicCredentials("", AZURE_TOKEN)));
        assertThat(azure.permission("dana@example.com")).isEqualTo(Permission.WRITE);
        assertThat(azure.permission("erin@example.com")).isEqualTo(Permission.NONE);
        assertThat(credentials.forRepository(AZURE)).containsEntry("token", AZURE_TOKEN);
    }
}
