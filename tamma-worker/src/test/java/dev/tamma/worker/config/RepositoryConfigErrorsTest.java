package dev.tamma.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RepositoryConfigErrorsTest {

    private static RepositoryConfigException errors(String yaml) {
        return catchThrowableOfType(RepositoryConfigException.class, () -> RepositoryConfig.parse(yaml, ".tamma.yml"));
    }

    private static List<String> lines(String yaml) {
        return errors(yaml).problems().stream().map(ConfigProblem::describe).toList();
    }

    @Test
    void anAttemptLimitOutOfRangeNamesTheKeyLineAndColumn() {
        RepositoryConfigException error = errors("""
                mode: dev
                attempts:
                  default: 3
                  build: 12
                """);

        assertThat(error).hasMessage(".tamma.yml line 4, column 10: attempts.build must be between 1 and 10, was 12");
        assertThat(error.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("attempts.build");
            assertThat(problem.line()).isEqualTo(4);
            assertThat(problem.column()).isEqualTo(10);
            assertThat(problem.lineText()).isEqualTo("  build: 12");
        });
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        RepositoryConfigException error = errors("""
                mode: prod
                network: yes
                attempts:
                  build: 0
                deadlines:
                  test: soon
                merge:
                  method: fast-forward
                """);

        assertThat(error.problems()).extracting(ConfigProblem::describe).containsExactly(
                "line 1, column 7: mode must be dev or business, was 'prod'",
                "line 2, column 10: network must be true or false, was 'yes'",
                "line 4, column 10: attempts.build must be between 1 and 10, was 0",
                "line 6, column 9: deadlines.test must be a duration like 30m, 2h, 1h30m, 3d or PT30M, was 'soon'",
                "line 8, column 11: merge.method must be merge, squash or rebase, was 'fast-forward'");
        assertThat(error.getMessage().lines()).hasSize(5).allMatch(line -> line.startsWith(".tamma.yml line "));
    }

    @Test
    void anUnknownKeySuggestsTheNearestKnownOne() {
        assertThat(lines("""
                mode: dev
                protected_paths: [pom.xml]
                autoNext:
                  enable: true
                """)).containsExactly(
                "line 2, column 1: protected_paths is not a known key; did you mean protectedPaths?",
                "line 4, column 3: autoNext.enable is not a known key; did you mean enabled?");
    }

    @Test
    void anUnknownKeyFarFromAnyListsTheKnownOnes() {
        assertThat(lines("merge:\n  strategy: squash\n")).containsExactly(
                "line 2, column 3: merge.strategy is not a known key; known keys are deleteBranch, method");
    }

    @Test
    void aStepThatDoesNotExistIsNamed() {
        assertThat(lines("attempts:\n  biuld: 4\ndeadlines:\n  deploy: 1h\n")).containsExactly(
                "line 2, column 3: attempts.biuld is not a step; did you mean build?",
                "line 4, column 3: deadlines.deploy is not a step; known keys are address-comments, analyze, build, "
                        + "ci-checks, completion-check, create-pr, escalation, humanWait, implement, issue-assigned, "
                        + "merge, plan, push, reminderBefore, review, test");
    }

    @Test
    void theDesignCheckpointHasNoAttemptsOrDeadline() {
        assertThat(lines("attempts:\n  design-approval: 2\ndeadlines:\n  design-approval: 1h\n")).containsExactly(
                "line 2, column 3: attempts.design-approval is a checkpoint that waits for people and has no attempts",
                "line 4, column 3: deadlines.design-approval is a checkpoint that waits for people and has no "
                        + "deadline of its own; its wait is deadlines.humanWait");
    }

    @Test
    void wrongTypesSayWhatWasExpected() {
        assertThat(lines("""
                approvers: alice
                commands: make
                review:
                  deletionThreshold: lots
                autoNext:
                  enabled: {really: true}
                trigger:
                  label: [a, b]
                """)).containsExactly(
                "line 1, column 12: approvers must be a list, like [alice, bob], was 'alice'",
                "line 2, column 11: commands must be a map of keys, like {build: make, test: make test}, was 'make'",
                "line 4, column 22: review.deletionThreshold must be a whole number, was 'lots'",
                "line 6, column 12: autoNext.enabled must be true or false, was a map",
                "line 8, column 10: trigger.label must be a text, was a list");
    }

    @Test
    void aNegativeThresholdAndAZeroDurationAreRefused() {
        assertThat(lines("review: {deletionThreshold: -1}\ndeadlines: {build: 0m}\n")).containsExactly(
                "line 1, column 29: review.deletionThreshold must be 0 or more, was -1",
                "line 2, column 20: deadlines.build must be longer than zero, was '0m'");
    }

    @Test
    void badGlobsAreNamedByTheirPlaceInTheList() {
        assertThat(lines("""
                protectedPaths:
                  - src/**
                  - 'src/[main'
                  - 'docs/{a,b'
                  - ''
                """)).containsExactly(
                "line 3, column 5: protectedPaths[1] has a '[' that is never closed",
                "line 4, column 5: protectedPaths[2] has a '{' that is never closed",
                "line 5, column 5: protectedPaths[3] must be a text, was ''");
    }

    @Test
    void aKeyGivenTwiceIsReportedWithTheFirstPlace() {
        assertThat(lines("mode: dev\nnetwork: false\nmode: business\n")).containsExactly(
                "line 3, column 1: mode is given twice; the first is on line 1");
    }

    @Test
    void aReminderNotShorterThanTheWaitIsRefused() {
        assertThat(lines("deadlines:\n  humanWait: 12h\n  reminderBefore: 1d\n")).containsExactly(
                "line 3, column 3: deadlines.reminderBefore (1d) must be shorter than deadlines.humanWait (12h) "
                        + "and deadlines.escalation (7d)");
    }

    @Test
    void aWaitShorterThanTheDefaultReminderIsBlamedWhereItIsWritten() {
        assertThat(lines("deadlines:\n  escalation: 2h\n")).containsExactly(
                "line 2, column 3: deadlines.reminderBefore (1d) must be shorter than deadlines.humanWait (3d) "
                        + "and deadlines.escalation (2h)");
    }

    @Test
    void brokenYamlIsReportedWhereTheParserStopped() {
        RepositoryConfigException error = errors("mode: dev\ncommands:\n  build: [make\n  test: make test\n");

        assertThat(error.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(4);
            assertThat(problem.message()).isEqualTo("the file is not valid YAML: expected ',' or ']', but got :");
        });
    }

    @Test
    void anUnquotedDoubleStarGetsAHint() {
        assertThat(errors("protectedPaths:\n  - **/db/migration/**\n").problems()).singleElement()
                .satisfies(problem -> {
                    assertThat(problem.line()).isEqualTo(2);
                    assertThat(problem.message()).contains("must be quoted");
                });
    }

    @Test
    void aSecondDocumentInTheFileIsRefused() {
        assertThat(errors("mode: dev\n---\nmode: business\n").problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(2);
            assertThat(problem.message()).startsWith("the file is not valid YAML: ");
        });
    }

    @Test
    void keysThatAreNotNamesAndValuesTaggedAgainstTheirTextAreRefused() {
        assertThat(lines("? [a, b]\n: 1\nreview: {deletionThreshold: !!int many}\nnetwork: !!bool maybe\n"))
                .containsExactly(
                        "line 1, column 3: the file has a key that is not a name",
                        "line 3, column 29: review.deletionThreshold must be a whole number, was 'many'",
                        "line 4, column 10: network must be true or false, was 'maybe'");
    }

    @Test
    void aFileThatIsNotAMapIsRefused() {
        assertThat(lines("- mode: dev\n")).containsExactly(
                "line 1, column 1: the file must be a map of keys, like mode: dev, was a list");
    }

    @Test
    void providerErrorsArePlacedOnTheKeyTheyName() {
        assertThat(lines("""
                mode: dev
                providers:
                  default: {provider: anthropic, model: claude-sonnet-4-5}
                  steps:
                    reveiw: {provider: openai, model: gpt-5}
                """)).singleElement().asString()
                .startsWith("line 5, column 5: providers.steps.reveiw is not a step");
    }

    @Test
    void providerErrorsComeWithTheOthers() {
        assertThat(lines("""
                mode: sometimes
                providers:
                  steps:
                    plan: {provider: openai}
                """)).containsExactly(
                "line 1, column 7: mode must be dev or business, was 'sometimes'",
                "line 4, column 5: providers.steps.plan.model is required");
    }

    @Test
    void aProviderTheServerDoesNotConfigureIsRefusedAtItsLine() {
        RepositoryConfigException error = catchThrowableOfType(RepositoryConfigException.class, () ->
                RepositoryConfig.parse("""
                        mode: dev
                        providers:
                          default: {provider: anthropic, model: claude-sonnet-4-5}
                          steps:
                            review:
                              provider: openai
                              model: gpt-5
                              fallback: [{provider: my-own-endpoint, model: m}]
                        """, ".tamma.yml", Set.of("anthropic", "openai")));

        assertThat(error.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("providers.steps.review.fallback[0].provider");
            assertThat(problem.line()).isEqualTo(8);
            assertThat(problem.describe()).isEqualTo("line 8, column 19: providers.steps.review.fallback[0].provider"
                    + " is 'my-own-endpoint', which is not one of the server's providers; it has [anthropic, openai]");
        });
        assertThat(error.toMarkdown()).contains("8 |       fallback: [{provider: my-own-endpoint, model: m}]");
        assertThat(RepositoryConfig.parse("providers:\n  default: {provider: openai, model: gpt-5}\n", ".tamma.yml",
                Set.of("anthropic", "openai")).providers().providerKeys()).containsValue("openai");
    }

    @Test
    void aRepositoryCannotSetTheServersResilience() {
        assertThat(lines("""
                providers:
                  resilience:
                    anthropic: {retry: {maxAttempts: 20}}
                """)).singleElement().asString().startsWith(
                "line 2, column 3: providers.resilience belongs to the server's model file");
    }

    @Test
    void theMarkdownShowsEachProblemUnderItsLine() {
        String markdown = errors("""
                mode: dev
                attempts:
                  build: 12
                approvers: [alice, '@bob']
                network: maybe
                """).toMarkdown();

        assertThat(markdown).isEqualTo("""
                **Tamma cannot use `.tamma.yml`**: 2 problems.

                ```text
                line 3, column 10: attempts.build must be between 1 and 10, was 12
                  3 |   build: 12
                    |          ^
                line 5, column 10: network must be true or false, was 'maybe'
                  5 | network: maybe
                    |          ^
                ```

                Every key, its default and an example are described in Tamma's `docs/configuration.md`, \
                section "Repository configuration: .tamma.yml".
                """);
    }

    @Test
    void theMarkdownFenceIsLongerThanAnyBackticksFromTheFile() {
        String markdown = errors("trigger:\n  label: ['```']\n").toMarkdown();

        assertThat(markdown).contains("\n````text\n").contains("label: ['```']").endsWith(
                "````\n\nEvery key, its default and an example are described in Tamma's `docs/configuration.md`, "
                        + "section \"Repository configuration: .tamma.yml\".\n");
    }
}
