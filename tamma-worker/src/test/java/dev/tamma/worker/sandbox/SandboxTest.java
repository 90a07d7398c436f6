package dev.tamma.worker.sandbox;

import static dev.tamma.worker.sandbox.SandboxFixture.hostEnvironment;
import static dev.tamma.worker.sandbox.SandboxFixture.sandbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SandboxTest {

    private static final Map<String, String> WORKER_SECRETS = Map.of(
            "GITHUB_TOKEN", "ghp_fakeWorkerToken1234567890",
            "TAMMA_DATASOURCE_PASSWORD", "fake-database-password",
            "OPENAI_API_KEY", "sk-fake-provider-key",
            "AWS_SECRET_ACCESS_KEY", "fake-aws-secret",
            "MAVEN_OPTS", "-Xmx1g");

    @TempDir
    Path workspace;

    private Sandbox sandboxWithSecrets(Isolation.Kind kind) {
        return sandbox(kind, SandboxSettings.of(hostEnvironment(WORKER_SECRETS), List.of()));
    }

    @ParameterizedTest
    @EnumSource(Isolation.Kind.class)
    void aCommandSeesNoneOfTheWorkersSecretsInItsEnvironment(Isolation.Kind kind) throws Exception {
        SandboxResult result = sandboxWithSecrets(kind).run(SandboxCommand.of(workspace, "env", Duration.ofSeconds(30)));

        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).contains("PATH=", "LANG=C.UTF-8", "HOME=", "TMPDIR=");
        for (Map.Entry<String, String> secret : WORKER_SECRETS.entrySet()) {
            assertThat(result.output()).doesNotContain(secret.getKey()).doesNotContain(secret.getValue());
        }
    }

    @ParameterizedTest
    @EnumSource(Isolation.Kind.class)
    void homeAndTmpdirAreFreshWritableDirectoriesOutsideTheWorkspaceRemovedAfterTheRun(Isolation.Kind kind)
            throws Exception {
        SandboxResult result = sandbox(kind).run(SandboxCommand.of(workspace,
                "echo home=$HOME; echo tmp=$TMPDIR; touch \"$HOME/.cache-file\" \"$TMPDIR/scratch\" && ls -A \"$HOME\"",
                Duration.ofSeconds(30)));

        assertThat(result.exitCode()).as(result.output()).isZero();
        Path home = Path.of(result.output().lines().filter(l -> l.startsWith("home=")).findFirst().orElseThrow()
                .substring("home=".length()));
        Path tmp = Path.of(result.output().lines().filter(l -> l.startsWith("tmp=")).findFirst().orElseThrow()
                .substring("tmp=".length()));
        assertThat(result.output()).contains(".cache-file");
        assertThat(home.startsWith(workspace.toRealPath())).as("HOME %s is inside the workspace", home).isFalse();
        assertThat(tmp.startsWith(workspace.toRealPath())).as("TMPDIR %s is inside the workspace", tmp).isFalse();
        assertThat(home).isNotEqualTo(Path.of(System.getProperty("user.home")));
        assertThat(home).doesNotExist();
        assertThat(tmp).doesNotExist();
    }

    @Test
    void aVariableIsPassedOnlyWhenTheCallerNamesIt() throws Exception {
        Sandbox sandbox = sandboxWithSecrets(Isolation.Kind.PROCESS);

        SandboxResult without = sandbox.run(SandboxCommand.of(workspace, "env", Duration.ofSeconds(30)));
        SandboxResult with = sandbox.run(SandboxCommand.of(workspace, "env", Duration.ofSeconds(30)).passing("MAVEN_OPTS"));

        assertThat(without.output()).doesNotContain("MAVEN_OPTS");
        assertThat(with.output()).contains("MAVEN_OPTS=-Xmx1g").doesNotContain("ghp_fakeWorkerToken");
    }

    @Test
    void aVariableThatLooksLikeASecretCannotBePassed() {
        Sandbox sandbox = sandboxWithSecrets(Isolation.Kind.PROCESS);

        for (String name : List.of("GITHUB_TOKEN", "TAMMA_DATASOURCE_PASSWORD", "OPENAI_API_KEY", "AWS_SECRET_ACCESS_KEY",
                "SSH_PRIVATE_KEY")) {
            assertThatThrownBy(() -> sandbox.run(SandboxCommand.of(workspace, "env", Duration.ofSeconds(30))
                    .passing(name)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(name).hasMessageContaining("looks like a secret");
        }
        assertThatThrownBy(() -> sandbox.run(SandboxCommand.of(workspace, "env", Duration.ofSeconds(30)).passing("HOME")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HOME").hasMessageContaining("sets it");
        assertThatThrownBy(() -> sandbox.run(SandboxCommand.of(workspace, "env", Duration.ofSeconds(30)).passing("A=B")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'A=B' is not an environment variable name");
    }

    @ParameterizedTest
    @EnumSource(Isolation.Kind.class)
    void exitCodesAndBothOutputStreamsComeBack(Isolation.Kind kind) throws Exception {
        Sandbox sandbox = sandbox(kind);

        SandboxResult failed = sandbox.run(SandboxCommand.of(workspace, "echo to-stdout; echo to-stderr >&2; exit 7",
                Duration.ofSeconds(30)));
        SandboxResult passed = sandbox.run(SandboxCommand.of(workspace, "true", Duration.ofSeconds(30)));

        assertThat(failed.exitCode()).isEqualTo(7);
        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.timedOut()).isFalse();
        assertThat(failed.output()).isEqualTo("to-stdout\nto-stderr\n");
        assertThat(failed.outputBytes()).isEqualTo(20);
        assertThat(failed.isolation().kind()).isEqualTo(kind);
        assertThat(passed.exitCode()).isZero();
        assertThat(passed.succeeded()).isTrue();
    }

    @Test
    void aCommandThatReadsStandardInputGetsNothingInsteadOfWaitingForTheTimeout() throws Exception {
        SandboxResult result = sandbox(Isolation.Kind.PROCESS).run(SandboxCommand.of(workspace, "cat; echo read-all",
                Duration.ofMinutes(5)));

        assertThat(result.output()).isEqualTo("read-all\n");
        assertThat(result.duration()).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void longOutputKeepsItsHeadAndItsTailAndSaysHowMuchWasDropped() throws Exception {
        Sandbox sandbox = new Sandbox(SandboxSettings.of(hostEnvironment(Map.of()), List.of()).withOutputCap(16, 32)
                .withoutBubblewrap());

        SandboxResult result = sandbox.run(SandboxCommand.of(workspace,
                "printf 'HEAD-0123456789-'; head -c 100000 /dev/zero | tr '\\0' x; printf 'the-failure-is-here-at-the-TAIL'",
                Duration.ofSeconds(30)));

        assertThat(result.outputBytes()).isEqualTo(16 + 100_000 + 31);
        assertThat(result.output()).isEqualTo("HEAD-0123456789-\n[... 99999 bytes of output dropped ...]\n"
                + "xthe-failure-is-here-at-the-TAIL");
    }

    @Test
    void theDefaultCapKeepsFourKilobytesOfHeadAndSixteenOfTail() throws Exception {
        SandboxResult result = sandbox(Isolation.Kind.PROCESS).run(SandboxCommand.of(workspace,
                "head -c 1000000 /dev/zero | tr '\\0' x", Duration.ofSeconds(30)));

        assertThat(result.outputBytes()).isEqualTo(1_000_000);
        assertThat(result.output()).startsWith("x".repeat(4096) + "\n[... 979520 bytes of output dropped ...]\n")
                .endsWith("x".repeat(16384));
        assertThat(result.outputTail(100)).isEqualTo("x".repeat(100));
    }

    @Test
    void aWorkspaceThatIsNotADirectoryIsRefusedByName() {
        Path missing = workspace.resolve("not-cloned-yet");

        assertThatThrownBy(() -> sandbox(Isolation.Kind.PROCESS).run(SandboxCommand.of(missing, "true",
                Duration.ofSeconds(5))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("is not a directory");
    }

    @Test
    void aScratchDirectoryInsideTheWorkspaceIsRefused() {
        Sandbox sandbox = new Sandbox(SandboxSettings.of(hostEnvironment(Map.of()), List.of())
                .withScratchDirectory(workspace.resolve(".scratch")).withoutBubblewrap());

        assertThatThrownBy(() -> sandbox.run(SandboxCommand.of(workspace, "true", Duration.ofSeconds(5))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inside the workspace");
    }

    @Test
    void aBadCommandOrTimeoutIsRefusedWithWhatWasWrong() {
        assertThatThrownBy(() -> SandboxCommand.of(workspace, " ", Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("command to run is empty");
        assertThatThrownBy(() -> SandboxCommand.of(workspace, "make", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout of 'make' must be positive");
    }

    @Test
    void withoutBwrapOnThePathCommandsRunAsPlainProcessesAndSaySo() throws Exception {
        Sandbox sandbox = new Sandbox(SandboxSettings.of(hostEnvironment(Map.of()), List.of())
                .withBubblewrap("bwrap-that-is-not-installed"));

        SandboxResult result = sandbox.run(SandboxCommand.of(workspace, "true", Duration.ofSeconds(5)));

        assertThat(result.isolation().kind()).isEqualTo(Isolation.Kind.PROCESS);
        assertThat(result.isolation().description())
                .contains("plain process").contains("bwrap-that-is-not-installed is not installed");
    }

    @Test
    void aBwrapThatCannotConfineHereIsNotUsedAndTheReasonIsGiven(@TempDir Path bin) throws Exception {
        Path fake = bin.resolve("bwrap");
        Files.writeString(fake, """
                #!/bin/sh
                if [ "$1" = --version ]; then echo 'bubblewrap 0.8.0'; exit 0; fi
                echo 'bwrap: No permissions to create new namespace' >&2
                exit 1
                """);
        fake.toFile().setExecutable(true);
        Sandbox sandbox = new Sandbox(SandboxSettings.of(hostEnvironment(Map.of()), List.of())
                .withBubblewrap(fake.toString()));

        Isolation isolation = sandbox.run(SandboxCommand.of(workspace, "true", Duration.ofSeconds(5))).isolation();

        assertThat(isolation.kind()).isEqualTo(Isolation.Kind.PROCESS);
        assertThat(isolation.description()).contains("cannot confine a process here")
                .contains("No permissions to create new namespace");
    }
}
