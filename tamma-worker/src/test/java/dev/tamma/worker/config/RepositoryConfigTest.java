package dev.tamma.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.ai.Budget;
import dev.tamma.core.platform.MergeMethod;
import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.WorkflowConfig;
import dev.tamma.providers.routing.RepositoryProviders;
import dev.tamma.providers.routing.Route;
import dev.tamma.providers.routing.RoutingTable;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RepositoryConfigTest {

    private static final String EVERY_KEY = """
            mode: business
            commands:
              setup: npm ci
              build: npm run build
              test: npm test
              lint: npm run lint
            network: true
            providers:
              default: {provider: anthropic, model: claude-sonnet-4-5}
              steps:
                review: {provider: openai, model: gpt-5}
              budget: {workflow: 2.50, steps: {implement: 1.00}}
            protectedPaths: [.ci/**, '**/db/migration/**', pom.xml]
            approvers: [alice, Bob]
            trigger:
              label: autopilot
            autoNext:
              enabled: false
              priorityLabels: [p1, p2]
            attempts:
              default: 4
              build: 5
              ci-checks: 2
            deadlines:
              implement: 3h
              test: PT45M
              humanWait: 2d
              reminderBefore: 12h
              escalation: 1d
            merge:
              method: rebase
              deleteBranch: false
            review:
              deletionThreshold: 200
            forks:
              allowed: true
            mergeApproval:
              allowAuthor: true
            """;

    @Test
    void everyKeyIsReadBack() {
        RepositoryConfig config = RepositoryConfig.parse(EVERY_KEY, ".tamma.yml");

        assertThat(config.mode()).isEqualTo(Mode.BUSINESS);
        assertThat(config.commands().setup()).contains("npm ci");
        assertThat(config.commands().build()).contains("npm run build");
        assertThat(config.commands().test()).contains("npm test");
        assertThat(config.commands().lint()).contains("npm run lint");
        assertThat(config.network()).isTrue();
        RoutingTable operator = RoutingTable.of(new Route("ollama", "qwen3"));
        assertThat(config.providers().over(operator).chain(Step.PLAN))
                .containsExactly(new Route("anthropic", "claude-sonnet-4-5"));
        assertThat(config.providers().over(operator).chain(Step.REVIEW)).containsExactly(new Route("openai", "gpt-5"));
        Budget budget = config.providers().within(Budget.DEFAULT);
        assertThat(budget.perWorkflowUsd()).isEqualByComparingTo("2.50");
        assertThat(budget.stepLimit(Step.IMPLEMENT)).hasValueSatisfying(
                limit -> assertThat(limit).isEqualByComparingTo(new BigDecimal("1.00")));
        assertThat(config.protectedPaths()).extracting(PathGlob::pattern)
                .containsExactly(".ci/**", "**/db/migration/**", "pom.xml");
        assertThat(config.approvers()).containsExactly("alice", "Bob");
        assertThat(config.trigger().label()).isEqualTo("autopilot");
        assertThat(config.autoNext().enabled()).isFalse();
        assertThat(config.autoNext().priorityLabels()).containsExactly("p1", "p2");
        assertThat(config.attempts().limit(Step.BUILD)).isEqualTo(5);
        assertThat(config.attempts().limit(Step.CI_CHECKS)).isEqualTo(2);
        assertThat(config.attempts().limit(Step.TEST)).isEqualTo(4);
        assertThat(config.deadlines().perStep()).containsOnly(
                Map.entry(Step.IMPLEMENT, Duration.ofHours(3)), Map.entry(Step.TEST, Duration.ofMinutes(45)));
        assertThat(config.deadlines().humanWait()).isEqualTo(Duration.ofDays(2));
        assertThat(config.deadlines().reminderBefore()).isEqualTo(Duration.ofHours(12));
        assertThat(config.deadlines().escalation()).isEqualTo(Duration.ofDays(1));
        assertThat(config.merge()).isEqualTo(new RepositoryConfig.Merge(MergeMethod.REBASE, false));
        assertThat(config.review().deletionThreshold()).isEqualTo(200);
        assertThat(config.forks().allowed()).isTrue();
        assertThat(config.mergeApproval().allowAuthor()).isTrue();
    }

    @Test
    void theWorkflowSettingsFollowTheFileAndKeepTheCoreDefaultsElsewhere() {
        WorkflowConfig workflow = RepositoryConfig.parse(EVERY_KEY, ".tamma.yml").workflowConfig();
        WorkflowConfig core = WorkflowConfig.defaults(Mode.BUSINESS);

        assertThat(workflow.mode()).isEqualTo(Mode.BUSINESS);
        assertThat(workflow.maxAttempts(Step.BUILD)).isEqualTo(5);
        assertThat(workflow.maxAttempts(Step.CI_CHECKS)).isEqualTo(2);
        assertThat(workflow.maxAttempts(Step.MERGE)).isEqualTo(4);
        assertThat(workflow.stepTimeout(Step.IMPLEMENT)).isEqualTo(Duration.ofHours(3));
        assertThat(workflow.stepTimeout(Step.TEST)).isEqualTo(Duration.ofMinutes(45));
        assertThat(workflow.stepTimeout(Step.CI_CHECKS)).isEqualTo(core.stepTimeout(Step.CI_CHECKS));
        assertThat(workflow.stepTimeout(Step.PLAN)).isEqualTo(WorkflowConfig.DEFAULT_STEP_TIMEOUT);
        assertThat(workflow.humanWaitTimeout()).isEqualTo(Duration.ofDays(2));
        assertThat(workflow.reminderBeforeTimeout()).isEqualTo(Duration.ofHours(12));
        assertThat(workflow.escalationTimeout()).isEqualTo(Duration.ofDays(1));
        assertThat(workflow.deletionThreshold()).isEqualTo(200);
        assertThat(workflow.backoffBase()).isEqualTo(core.backoffBase());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "# nothing set yet\n", "---\n", "~\n"})
    void anEmptyFileMeansEveryDefault(String yaml) {
        assertThat(RepositoryConfig.parse(yaml, ".tamma.yml")).isEqualTo(RepositoryConfig.DEFAULTS);
    }

    @Test
    void theDefaults() {
        RepositoryConfig config = RepositoryConfig.DEFAULTS;

        assertThat(config.mode()).isEqualTo(Mode.DEV);
        assertThat(config.commands()).isEqualTo(RepositoryConfig.Commands.DETECT);
        assertThat(config.network()).isFalse();
        assertThat(config.providers()).isEqualTo(RepositoryProviders.NONE);
        assertThat(config.protectedPaths()).isEmpty();
        assertThat(config.approvers()).isEmpty();
        assertThat(config.trigger().label()).isEqualTo("tamma");
        assertThat(config.autoNext()).isEqualTo(new RepositoryConfig.AutoNext(true, List.of()));
        assertThat(config.attempts().limit(Step.TEST)).isEqualTo(3);
        assertThat(config.merge()).isEqualTo(new RepositoryConfig.Merge(MergeMethod.SQUASH, true));
        assertThat(config.review().deletionThreshold()).isEqualTo(500);
        assertThat(config.forks().allowed()).isFalse();
        assertThat(config.mergeApproval().allowAuthor()).isFalse();
        assertThat(config.workflowConfig()).isEqualTo(WorkflowConfig.defaults(Mode.DEV));
    }

    @Test
    void sectionsLeftEmptyOrPartlyFilledKeepTheirOtherDefaults() {
        RepositoryConfig config = RepositoryConfig.parse("""
                commands:
                approvers:
                merge: {method: merge}
                deadlines: {humanWait: 5d}
                """, ".tamma.yml");

        assertThat(config.commands()).isEqualTo(RepositoryConfig.Commands.DETECT);
        assertThat(config.approvers()).isEmpty();
        assertThat(config.merge()).isEqualTo(new RepositoryConfig.Merge(MergeMethod.MERGE, true));
        assertThat(config.deadlines().humanWait()).isEqualTo(Duration.ofDays(5));
        assertThat(config.deadlines().reminderBefore()).isEqualTo(RepositoryConfig.DEFAULTS.deadlines().reminderBefore());
    }

    @ParameterizedTest
    @ValueSource(strings = {"30m", "PT30M", "pt30m", "1800s", "0h30m"})
    void durationsMayBeShortOrIso(String written) {
        RepositoryConfig config = RepositoryConfig.parse("deadlines: {build: " + written + "}", ".tamma.yml");

        assertThat(config.deadlines().perStep()).containsEntry(Step.BUILD, Duration.ofMinutes(30));
    }

    @Test
    void longerDurationsAddUp() {
        RepositoryConfig config = RepositoryConfig.parse("deadlines: {implement: 1h30m, humanWait: P2D, escalation: 10d}",
                ".tamma.yml");

        assertThat(config.deadlines().perStep()).containsEntry(Step.IMPLEMENT, Duration.ofMinutes(90));
        assertThat(config.deadlines().humanWait()).isEqualTo(Duration.ofDays(2));
        assertThat(config.deadlines().escalation()).isEqualTo(Duration.ofDays(10));
    }

    @Test
    void stepsMayBeNamedAsPeopleTypeThem() {
        RepositoryConfig config = RepositoryConfig.parse("attempts: {ci_checks: 4, ADDRESS-COMMENTS: 2}", ".tamma.yml");

        assertThat(config.attempts().limit(Step.CI_CHECKS)).isEqualTo(4);
        assertThat(config.attempts().limit(Step.ADDRESS_COMMENTS)).isEqualTo(2);
    }

    @Test
    void protectedPathsTouchedAreThoseAPatternMatches() {
        RepositoryConfig config = RepositoryConfig.parse(EVERY_KEY, ".tamma.yml");

        assertThat(config.protectedPathsTouched(List.of("README.md", "pom.xml", "tamma-core/pom.xml",
                "tamma-orchestrator/src/main/resources/db/migration/V9__x.sql", ".ci/run")))
                .containsExactly("pom.xml", "tamma-orchestrator/src/main/resources/db/migration/V9__x.sql", ".ci/run");
    }

    @Test
    void approversAreComparedIgnoringCase() {
        RepositoryConfig config = RepositoryConfig.parse(EVERY_KEY, ".tamma.yml");

        assertThat(config.isApprover("ALICE")).isTrue();
        assertThat(config.isApprover("bob")).isTrue();
        assertThat(config.isApprover("mallory")).isFalse();
        assertThat(config.isApprover(null)).isFalse();
    }

    @Test
    void readingARepositoryWithoutTheFileGivesTheDefaults(@TempDir Path repository) {
        assertThat(RepositoryConfig.read(repository)).isEqualTo(RepositoryConfig.DEFAULTS);
    }

    @Test
    void readingARepositoryWithTheFileParsesIt(@TempDir Path repository) throws Exception {
        Files.writeString(repository.resolve(".tamma.yml"), "mode: business\n");

        assertThat(RepositoryConfig.read(repository).mode()).isEqualTo(Mode.BUSINESS);
    }

    @Test
    void configuredCommandsNeedNoDetection(@TempDir Path emptyWorkspace) {
        RepositoryConfig config = RepositoryConfig.parse(EVERY_KEY, ".tamma.yml");

        assertThat(config.commands().resolve(emptyWorkspace)).isEqualTo(new BuildDetection.Found(
                Optional.of("npm ci"), "npm run build", "npm test", Optional.of("npm run lint"),
                "build and test from .tamma.yml"));
    }
}
