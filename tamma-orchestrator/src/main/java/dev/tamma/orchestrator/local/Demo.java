package dev.tamma.orchestrator.local;

import dev.tamma.core.platform.Issue;
import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.WorkflowStatus;
import dev.tamma.orchestrator.TammaApplication;
import dev.tamma.orchestrator.events.EventChain;
import dev.tamma.orchestrator.events.EventStore;
import dev.tamma.orchestrator.platform.RepositoryPlatforms;
import dev.tamma.orchestrator.workflow.WorkflowEventCodec;
import dev.tamma.orchestrator.workflow.WorkflowStarter;
import dev.tamma.platforms.plaingit.PlainGitPlatform;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code tamma demo}: the whole loop on one machine with no account, no key and no network. A sample
 * repository with a test and an issue, the plain-Git platform, a scripted model, the embedded
 * database and in-process workers; each step is printed as it ends.
 */
public final class Demo {

    static final String REPOSITORY = "demo/greeter";

    private Demo() {
    }

    /** Runs the demo in {@code home} (a new directory when {@code null}); 0 when the issue was merged. */
    public static int run(Path home, PrintWriter out) throws IOException, InterruptedException {
        Path dir = home != null ? Files.createDirectories(home) : Files.createTempDirectory("tamma-demo-");
        out.println("Tamma demo in " + dir);
        Path bare = SampleRepository.create(dir.resolve("greeter.git"), Files.createDirectories(dir.resolve("scratch")));
        Path script = Files.write(dir.resolve("script.yml"), SampleRepository.resource("demo/script.yml"));
        Path ai = Files.writeString(dir.resolve("ai.yml"), aiConfig(script));
        out.println("  sample repository " + bare + " (" + String.join(", ", SampleRepository.FILES) + ")");
        Instant began = Instant.now();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TammaApplication.class)
                .logStartupInfo(false)
                .run(arguments(dir, bare, ai).toArray(String[]::new))) {
            out.printf(Locale.ROOT, "  service started in %.1f s (embedded PostgreSQL, in-process workers, log in %s)%n",
                    Duration.between(began, Instant.now()).toMillis() / 1000.0, dir.resolve("tamma.log"));
            PlainGitPlatform platform = (PlainGitPlatform) app.getBean(RepositoryPlatforms.class)
                    .forRepository(REPOSITORY).orElseThrow().platform();
            String[] issueText = new String(SampleRepository.resource("demo/issue.md"), StandardCharsets.UTF_8)
                    .split("\n", 2);
            Issue issue = platform.openIssue(issueText[0].strip(), issueText[1].strip(), List.of("tamma"), "demo-maintainer");
            out.println("  issue #" + issue.number() + ": " + issue.title());
            out.println();
            if (!(app.getBean(WorkflowStarter.class).start(REPOSITORY, issue.number(), Mode.DEV)
                    instanceof WorkflowStarter.Outcome.Started started)) {
                out.println("The workflow did not start; see " + dir.resolve("tamma.log"));
                return 1;
            }
            WorkflowStatus status = new LoopProgress(app.getBean(EventStore.class), app.getBean(WorkflowEventCodec.class),
                    out, Clock.systemUTC()).follow(started.workflowId(), Duration.ofMinutes(10));
            out.println();
            report(app, out, dir, bare, started.workflowId(), status, began);
            return status == WorkflowStatus.DONE ? 0 : 1;
        }
    }

    /**
     * The service's settings for a loop on one machine: data under {@code dir}, a random port, logs to a
     * file, in-process workers, the model of {@code ai}, and {@code bare} as a plain-Git repository
     * whose CI compiles and runs the sample's test.
     */
    static List<String> arguments(Path dir, Path bare, Path ai) {
        return List.of("--tamma.home=" + dir.resolve("home"),
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--logging.threshold.console=OFF",
                "--logging.file.name=" + dir.resolve("tamma.log"),
                "--tamma.ai.config=" + ai,
                "--tamma.workers.in-process=2",
                "--tamma.workers.ci-poll=PT0.5S",
                "--tamma.platforms.repositories[0].name=" + REPOSITORY,
                "--tamma.platforms.repositories[0].platform=plain-git",
                "--tamma.platforms.repositories[0].url=" + bare,
                "--tamma.platforms.repositories[0].check.command=" + checkCommand(),
                "--tamma.platforms.repositories[0].check.name=javac-and-test",
                "--tamma.platforms.repositories[0].writers[0]=demo-maintainer");
    }

    /** The model settings of the demo: the scripted provider playing {@code script}. */
    static String aiConfig(Path script) {
        return """
                # The demo's model: a script of answers, one per question each step asks.
                endpoints:
                  - {id: scripted, type: scripted, options: {script: "%s"}}
                providers:
                  default: {provider: scripted, model: scripted-demo}
                """.formatted(script.toString().replace("\\", "/"));
    }

    /** Plain Git's CI for the demo: compile and run the test with the JDK Tamma runs on. */
    private static String checkCommand() {
        String java = Path.of(System.getProperty("java.home"), "bin").toString().replace("\\", "/");
        return "\"" + java + "/javac\" -d build src/Greeter.java test/GreeterTest.java && \"" + java
                + "/java\" -cp build GreeterTest";
    }

    private static void report(ConfigurableApplicationContext app, PrintWriter out, Path dir, Path bare,
            String workflowId, WorkflowStatus status, Instant began) {
        double seconds = Duration.between(began, Instant.now()).toMillis() / 1000.0;
        if (status != WorkflowStatus.DONE) {
            out.printf(Locale.ROOT, "The workflow did not finish (%s) after %.1f s; see %s%n",
                    status == null ? "still running" : status, seconds, dir.resolve("tamma.log"));
        } else {
            out.printf(Locale.ROOT, "Done in %.1f s: the issue is merged and closed.%n", seconds);
        }
        try (Git git = Git.open(bare.toFile())) {
            RevCommit head = git.log().add(git.getRepository().resolve("refs/heads/main")).setMaxCount(1).call()
                    .iterator().next();
            out.println("  merged commit:  " + head.getName().substring(0, 12) + " " + head.getShortMessage()
                    + "   (git --git-dir=" + bare + " show main)");
        } catch (IOException | org.eclipse.jgit.api.errors.GitAPIException e) {
            out.println("  merged commit:  cannot read " + bare + ": " + e.getMessage());
        }
        try (Connection connection = app.getBean(DataSource.class).getConnection()) {
            EventChain.Report chain = EventChain.verify(connection);
            out.println("  event log:      " + app.getBean(EventStore.class).readStream(workflowId).size()
                    + " events in workflow " + workflowId + "; chain of " + chain.eventsChecked() + " events "
                    + (chain.intact() ? "intact" : "BROKEN at " + chain.firstBreak().orElseThrow()));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot verify the event log: " + e.getMessage(), e);
        }
        out.println("  audit export:   TAMMA_HOME=" + dir.resolve("home") + " ./tamma audit export --stream " + workflowId);
        out.flush();
    }
}
