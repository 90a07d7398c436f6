package dev.tamma.platforms.plaingit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.tamma.core.platform.Check;
import dev.tamma.core.platform.CiState;
import dev.tamma.core.platform.CiStatus;
import dev.tamma.core.platform.PlatformException;
import dev.tamma.core.platform.RepositoryId;
import dev.tamma.platforms.testing.GitRepos;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain Git's CI: the check runs in the background, once per commit, and ciStatus says PENDING until it ends. */
class PlainGitChecksTest {

    @TempDir
    Path tmp;
    private Path bare;
    private Path runs;
    private String red;
    private String green;

    /** Holds the tasks it is given until the test releases them. */
    private final List<Runnable> held = new ArrayList<>();

    @BeforeEach
    void repository() throws Exception {
        bare = GitRepos.bareWith(tmp.resolve("remotes"), "app.git", Map.of("README.md", "# app\n", "FAILING", "red\n"));
        red = GitRepos.commitOn(bare, "main", Map.of("NOTES.md", "still red\n"), "Notes");
        green = GitRepos.commitOn(bare, "main", Collections.singletonMap("FAILING", null), "Fix");
        runs = tmp.resolve("runs.txt");
    }

    private PlainGitPlatform platform(String command, Duration timeout, Executor executor) {
        return new PlainGitPlatform(new PlainGitSettings(RepositoryId.parse("local/app"), GitRepos.fileUrl(bare),
                Optional.empty(), tmp.resolve("cache"), Optional.of(new CheckCommand("verify", command, timeout)), Map.of(),
                PlainGitWorld.TAMMA, Clock.systemUTC()), new InMemoryPlainGitRecords(), executor);
    }

    private PlainGitPlatform countingRuns(Executor executor) {
        return platform("echo ran >> '" + runs + "'; echo checking the build; test ! -e FAILING", Duration.ofMinutes(1),
                executor);
    }

    private void release() {
        List<Runnable> tasks = List.copyOf(held);
        held.clear();
        tasks.forEach(Runnable::run);
    }

    private long runCount() throws Exception {
        return Files.exists(runs) ? Files.readAllLines(runs).size() : 0;
    }

    @Test
    void theFirstQuestionStartsTheCheckAndEveryQuestionIsPendingUntilItEnds() throws Exception {
        PlainGitPlatform git = countingRuns(held::add);

        CiStatus first = git.ciStatus(red);
        CiStatus second = git.ciStatus(red);

        assertThat(first.state()).isEqualTo(CiState.PENDING);
        assertThat(first.checks()).extracting(Check::name, Check::state).containsExactly(
                tuple("verify", CiState.PENDING));
        assertThat(second.state()).isEqualTo(CiState.PENDING);
        assertThat(held).as("one run started for two questions").hasSize(1);
        assertThat(runCount()).isZero();

        release();
        CiStatus done = git.ciStatus(red);

        assertThat(done.state()).isEqualTo(CiState.FAILURE);
        assertThat(done.failing()).singleElement().satisfies(check -> {
            assertThat(check.name()).isEqualTo("verify");
            assertThat(Files.readString(Path.of(URI.create(check.url())))).contains("checking the build");
            assertThat(git.checkLog(check, 1000)).hasValueSatisfying(log -> assertThat(log).contains("checking the build"));
        });
        assertThat(git.ciStatus(red)).isEqualTo(done);
        assertThat(held).as("a finished check is not run again").isEmpty();
        assertThat(runCount()).isEqualTo(1);
        try (Stream<Path> left = Files.walk(tmp.resolve("cache/checks"))) {
            assertThat(left.filter(p -> p.getFileName().toString().equals("tree"))).as("the checkout is removed").isEmpty();
        }
    }

    @Test
    void eachCommitHasItsOwnRun() {
        PlainGitPlatform git = countingRuns(held::add);
        git.ciStatus(red);
        git.ciStatus(green);
        assertThat(held).hasSize(2);

        release();

        assertThat(git.ciStatus(red).state()).isEqualTo(CiState.FAILURE);
        assertThat(git.ciStatus(green).state()).isEqualTo(CiState.SUCCESS);
    }

    @Test
    void manyQuestionsAtOnceStartOneRun() throws Exception {
        PlainGitPlatform git = countingRuns(task -> Thread.ofVirtual().start(task));
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService askers = Executors.newFixedThreadPool(8)) {
            List<Future<CiStatus>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(askers.submit(() -> {
                    go.await();
                    return git.ciStatus(green);
                }));
            }
            go.countDown();
            for (Future<CiStatus> answer : answers) {
                assertThat(answer.get().state()).isIn(CiState.PENDING, CiState.SUCCESS);
            }
        }

        await().atMost(Duration.ofMinutes(1)).until(() -> git.ciStatus(green).state() == CiState.SUCCESS);
        assertThat(runCount()).isEqualTo(1);
    }

    @Test
    void aCheckStillRunningAtItsTimeoutFails() {
        PlainGitPlatform git = platform("sleep 30", Duration.ofMillis(300), held::add);
        git.ciStatus(green);

        release();

        assertThat(git.ciStatus(green).state()).isEqualTo(CiState.FAILURE);
    }

    @Test
    void theCheckRunsWithoutTheSecretsInTammasEnvironment() throws Exception {
        assertThat(System.getenv("DEPLOY_TOKEN")).as("set by the build for this test").isNotBlank();
        PlainGitPlatform git = platform("env > '" + runs + "'", Duration.ofMinutes(1), held::add);
        git.ciStatus(green);

        release();

        assertThat(git.ciStatus(green).state()).isEqualTo(CiState.SUCCESS);
        assertThat(Files.readString(runs)).contains("PATH=").doesNotContain("DEPLOY_TOKEN")
                .doesNotContain(System.getenv("DEPLOY_TOKEN"));
    }

    @Test
    void theCheckGetsNoneOfTammasSettingsNorAnythingNamedLikeASecret() {
        assertThat(Stream.of("TAMMA_DATABASE_PASSWORD", "TAMMA_HOME", "GITHUB_TOKEN", "OPENAI_API_KEY", "ANTHROPIC_API_KEY_FILE",
                "AWS_SECRET_ACCESS_KEY", "db_password", "GIT_CREDENTIALS", "SSH_PRIVATE_KEY", "MISTRAL_APIKEY"))
                .allMatch(CheckCommand::looksSecret);
        assertThat(Stream.of("PATH", "HOME", "LANG", "JAVA_HOME", "MAVEN_OPTS", "HTTPS_PROXY", "GIT_SSH", "KEYBOARD"))
                .noneMatch(CheckCommand::looksSecret);
    }

    @Test
    void aCommitThatCannotBeCheckedOutFailsTheNextQuestionAndIsTriedAgainAfterIt() throws Exception {
        PlainGitPlatform git = countingRuns(held::add);
        String unknown = "0123456789abcdef0123456789abcdef01234567";
        assertThat(git.ciStatus(unknown).state()).isEqualTo(CiState.PENDING);

        release();

        assertThatThrownBy(() -> git.ciStatus(unknown)).isInstanceOfSatisfying(PlatformException.class,
                e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.NOT_FOUND));
        assertThat(git.ciStatus(unknown).state()).as("asked again: a new run").isEqualTo(CiState.PENDING);
        assertThat(held).hasSize(1);
        assertThat(runCount()).isZero();
    }
}
