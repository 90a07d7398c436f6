package dev.tamma.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tamma.core.ai.AiCallRecorder;
import dev.tamma.providers.cost.SpendLedger;
import dev.tamma.worker.sandbox.Isolation;
import dev.tamma.worker.sandbox.Sandbox;
import dev.tamma.worker.sandbox.SandboxCommand;
import dev.tamma.worker.sandbox.SandboxFixture;
import dev.tamma.worker.sandbox.SandboxResult;
import dev.tamma.worker.step.WorkerToolkit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code tamma worker} builds the loop's handlers from its options, and will not start without models. */
class WorkerCommandTest {

    private static final String TOKEN = "tamma_wt_workerCommandTestToken";

    /** Outside /tmp on purpose: the sandbox's private /tmp would hide anything there anyway. */
    private Path dir;
    private Path tokenFile;
    private Path aiConfig;

    @BeforeEach
    void files() throws IOException {
        dir = SandboxFixture.hostDirectory("worker-command-test-");
        tokenFile = Files.writeString(Files.createDirectories(dir.resolve("secrets")).resolve("worker.token"), TOKEN);
        Path script = Files.writeString(dir.resolve("script.yml"), "model: scripted-test\nsteps: {}\n");
        aiConfig = Files.writeString(dir.resolve("ai.yml"), """
                endpoints:
                  - {id: scripted, type: scripted, options: {script: "%s"}}
                providers:
                  default: {provider: scripted, model: scripted-test}
                """.formatted(script));
    }

    @AfterEach
    void removeFiles() throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private WorkerCommand parse(String... more) {
        WorkerCommand command = new WorkerCommand();
        String[] args = Stream.concat(Stream.of("--orchestrator", "http://127.0.0.1:9", "--token-file",
                tokenFile.toString(), "--once"), Stream.of(more)).toArray(String[]::new);
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void withoutAnAiConfigTheWorkerRefusesToStartAndSaysWhatTheFileIsFor() {
        assertThatThrownBy(() -> parse().call())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--ai-config FILE is required: the steps ask models")
                .hasMessageContaining("tamma.ai.config");
        assertThatThrownBy(() -> parse("--ai-config", dir.resolve("missing.yml").toString()).call())
                .hasMessage("Cannot read the AI config --ai-config " + dir.resolve("missing.yml"));
    }

    @Test
    void workingCopiesGoUnderTheTammaHomeUnlessToldWhere() {
        Path home = dir.resolve("home");

        assertThat(parse("--ai-config", aiConfig.toString()).toolkitSettings(Map.of("TAMMA_HOME", home.toString()))
                .workspaces()).isEqualTo(home.resolve("workspaces"));
        assertThat(parse("--ai-config", aiConfig.toString(), "--workspaces", dir.resolve("ws").toString())
                .toolkitSettings(Map.of("TAMMA_HOME", home.toString())).workspaces()).isEqualTo(dir.resolve("ws"));
    }

    @Test
    void commandsOfItsStepsCannotReadTheTokenFileNorTheTammaHome() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve("secret"), "home-secret-value");
        Path visible = Files.writeString(dir.resolve("visible.txt"), "visible-value");
        Map<String, String> environment = Map.of("TAMMA_HOME", home.toString(), "LANG", "C.UTF-8",
                "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        WorkerToolkit.Settings settings = parse("--ai-config", aiConfig.toString()).toolkitSettings(environment);
        assertThat(settings.hiddenPaths()).containsExactly(home, tokenFile.getParent());

        try (WorkerToolkit toolkit = WorkerToolkit.open(settings, environment, AiCallRecorder.NONE, new SpendLedger(),
                Clock.systemUTC())) {
            Sandbox sandbox = toolkit.tools().sandbox();
            assumeTrue(sandbox.isolation(false).kind() == Isolation.Kind.BUBBLEWRAP,
                    "bubblewrap is not installed or not usable here: " + sandbox.isolation(false).description());
            Path workspace = Files.createDirectories(settings.workspaces().resolve("task-1"));

            SandboxResult result = sandbox.run(SandboxCommand.of(workspace, "cat " + visible + "; cat " + tokenFile
                    + "; cat " + home.resolve("secret"), Duration.ofSeconds(30)));

            assertThat(result.output()).contains("visible-value").doesNotContain(TOKEN).doesNotContain("home-secret-value");
        }
    }
}
