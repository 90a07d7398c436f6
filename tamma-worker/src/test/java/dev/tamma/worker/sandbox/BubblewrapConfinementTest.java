package dev.tamma.worker.sandbox;

import static dev.tamma.worker.sandbox.SandboxFixture.hostEnvironment;
import static dev.tamma.worker.sandbox.SandboxFixture.sandbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What bubblewrap adds to a plain process; every test is skipped where bwrap is not installed or not usable. */
class BubblewrapConfinementTest {

    @TempDir
    Path workspace;

    /** Outside /tmp on purpose: the sandbox's private /tmp would hide anything there anyway. */
    private Path outsideTmp;

    @BeforeEach
    void makeDirectoryOutsideTmp() throws IOException {
        outsideTmp = SandboxFixture.hostDirectory("sandbox-test-");
    }

    @AfterEach
    void removeIt() throws IOException {
        try (Stream<Path> paths = Files.walk(outsideTmp)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void aCommandCannotReadSecretFilesInHiddenDirectoriesNorTheUsersHome() throws Exception {
        Path tammaHome = Files.createDirectories(outsideTmp.resolve("tamma-home"));
        Files.writeString(tammaHome.resolve("worker-token"), "tamma_wt_fakeWorkerTokenValue");
        Path userHome = Files.createDirectories(outsideTmp.resolve("home-of-the-worker-user"));
        Files.writeString(userHome.resolve(".git-credentials"), "https://x:ghp_fakeCredential@github.com");
        Sandbox sandbox = sandbox(Isolation.Kind.BUBBLEWRAP,
                SandboxSettings.of(hostEnvironment(Map.of("HOME", userHome.toString())), List.of(tammaHome)));

        SandboxResult result = sandbox.run(SandboxCommand.of(workspace,
                "umount " + tammaHome + "; test -d " + tammaHome + " && echo tamma-home-is-there; ls -A " + tammaHome
                        + " " + userHome
                        + "; cat " + tammaHome.resolve("worker-token") + " " + userHome.resolve(".git-credentials"),
                Duration.ofSeconds(30)));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("tamma-home-is-there").contains("No such file or directory")
                .doesNotContain("tamma_wt_fakeWorkerTokenValue").doesNotContain("ghp_fakeCredential")
                .doesNotContain("worker-token\n").doesNotContain(".git-credentials\n");
        assertThat(tammaHome.resolve("worker-token")).hasContent("tamma_wt_fakeWorkerTokenValue");
    }

    @Test
    void javaHomeStaysVisibleUnderAHiddenDirectory() throws Exception {
        Path tools = Files.createDirectories(outsideTmp.resolve("home-with-tools"));
        Path jdk = Files.createDirectories(tools.resolve("jdk"));
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"21\"");
        Files.writeString(tools.resolve(".npmrc"), "//registry.npmjs.org/:_authToken=npm_fakeToken");
        Sandbox sandbox = sandbox(Isolation.Kind.BUBBLEWRAP, SandboxSettings.of(
                hostEnvironment(Map.of("HOME", tools.toString(), "JAVA_HOME", jdk.toString())), List.of()));

        SandboxResult result = sandbox.run(SandboxCommand.of(workspace,
                "cat \"$JAVA_HOME/release\"; cat " + tools.resolve(".npmrc"), Duration.ofSeconds(30)));

        assertThat(result.output()).contains("JAVA_VERSION=\"21\"").doesNotContain("npm_fakeToken");
    }

    @Test
    void theHostIsReadOnlyAndTheWorkspaceWritable() throws Exception {
        Sandbox sandbox = sandbox(Isolation.Kind.BUBBLEWRAP);

        SandboxResult result = sandbox.run(SandboxCommand.of(workspace,
                "echo built > result.txt; touch " + outsideTmp.resolve("escaped") + " || echo host-refused",
                Duration.ofSeconds(30)));

        assertThat(result.output()).contains("Read-only file system").contains("host-refused");
        assertThat(workspace.resolve("result.txt")).hasContent("built");
        assertThat(outsideTmp.resolve("escaped")).doesNotExist();
    }

    @Test
    void theNetworkIsOffUnlessTheCommandIsAllowedIt() throws Exception {
        String bash = Bubblewrap.locate("bash", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        assumeTrue(bash != null, "bash is needed to open a socket from the shell");
        Sandbox sandbox = sandbox(Isolation.Kind.BUBBLEWRAP);
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(10_000);
            String connect = "bash -c 'echo hello > /dev/tcp/127.0.0.1/" + server.getLocalPort() + "' && echo connected";

            SandboxResult off = sandbox.run(SandboxCommand.of(workspace, connect, Duration.ofSeconds(30)));
            SandboxResult on = sandbox.run(SandboxCommand.of(workspace, connect, Duration.ofSeconds(30))
                    .withNetwork(true));

            assertThat(off.exitCode()).isNotZero();
            assertThat(off.output()).doesNotContain("connected");
            assertThat(off.isolation().description()).startsWith("bubblewrap ").endsWith(", network off");
            assertThat(on.exitCode()).as(on.output()).isZero();
            assertThat(on.isolation().description()).endsWith(", network on");
            try (Socket accepted = server.accept()) {
                assertThat(new String(accepted.getInputStream().readAllBytes())).isEqualTo("hello\n");
            }
        }
    }

    @Test
    void theCommandSeesItsOwnProcessesOnlyNotTheWorkersEnvironmentInProc() throws Exception {
        long worker = ProcessHandle.current().pid();

        SandboxResult result = sandbox(Isolation.Kind.BUBBLEWRAP).run(SandboxCommand.of(workspace,
                "cat /proc/" + worker + "/environ || echo no-such-process", Duration.ofSeconds(30)));

        assertThat(result.output()).contains("no-such-process").doesNotContain("PATH=");
    }
}
