package dev.tamma.worker.sandbox;

import static dev.tamma.worker.sandbox.SandboxFixture.hostEnvironment;
import static dev.tamma.worker.sandbox.SandboxFixture.marker;
import static dev.tamma.worker.sandbox.SandboxFixture.sleeping;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tamma.core.ai.ToolCall;
import dev.tamma.providers.agent.CommandRunner;
import dev.tamma.providers.agent.WorkspaceTools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in coding agent's run_command, through the sandbox. */
class SandboxCommandRunnerTest {

    @TempDir
    Path workspace;

    private final Sandbox sandbox = new Sandbox(SandboxSettings.of(
            hostEnvironment(Map.of("ANTHROPIC_API_KEY", "sk-ant-fake-key", "GITLAB_TOKEN", "glpat-fake")), List.of()));

    @Test
    void theAgentsCommandsRunWithoutTheWorkersSecrets() {
        WorkspaceTools tools = new WorkspaceTools(workspace, new SandboxCommandRunner(sandbox), Duration.ofSeconds(30));

        String answer = tools.run(new ToolCall("call-1", "run_command", "{\"command\": \"env; exit 3\"}"));

        assertThat(answer).startsWith("exit code 3\n").contains("PATH=")
                .doesNotContain("sk-ant-fake-key").doesNotContain("glpat-fake");
    }

    @Test
    void aTimeoutIsReportedAsTheAgentExpectsIt() {
        CommandRunner.Result result = new SandboxCommandRunner(sandbox).run(workspace, "echo started; sleep 60",
                Duration.ofMillis(500));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.exitCode()).isEqualTo(-1);
        assertThat(result.output()).contains("started");
    }

    @Test
    void anInterruptKillsTheCommandAndStopsTheAgentWithTheFlagStillSet() throws Exception {
        CommandRunner runner = new SandboxCommandRunner(sandbox);
        long marker = marker();
        AtomicReference<RuntimeException> thrown = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread agent = Thread.ofPlatform().start(() -> {
            try {
                runner.run(workspace, "sleep " + marker, Duration.ofMinutes(5));
            } catch (RuntimeException e) {
                thrown.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        List<ProcessHandle> started = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> sleeping(marker), processes -> processes.size() == 1);

        agent.interrupt();
        agent.join(Duration.ofSeconds(20));

        assertThat(thrown.get()).isInstanceOf(CancellationException.class).hasMessageContaining("sleep " + marker)
                .hasCauseInstanceOf(InterruptedException.class);
        assertThat(stillInterrupted).isTrue();
        assertThat(started).noneMatch(ProcessTree::isRunning);
    }

    @Test
    void aSecretLookingVariableIsRefusedWhenTheRunnerIsMade() {
        assertThatThrownBy(() -> new SandboxCommandRunner(sandbox, false, List.of("NPM_TOKEN")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NPM_TOKEN");
    }
}
