package dev.tamma.worker.sandbox;

import static dev.tamma.worker.sandbox.SandboxFixture.marker;
import static dev.tamma.worker.sandbox.SandboxFixture.sandbox;
import static dev.tamma.worker.sandbox.SandboxFixture.sleeping;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Nothing a command starts outlives it: not on timeout, not on interrupt, not when it ends by itself. */
class SandboxProcessTreeTest {

    @TempDir
    Path workspace;

    /** A background child, a grandchild under a waiting shell, and an orphan whose parent already exited. */
    private static String treeOf(long child, long grandchild, long orphan) {
        return "sleep " + child + " & sh -c 'sleep " + grandchild + " & wait' & sh -c 'sleep " + orphan + " &'; wait";
    }

    @ParameterizedTest
    @EnumSource(Isolation.Kind.class)
    void theTimeoutKillsEveryProcessTheCommandStarted(Isolation.Kind kind) throws Exception {
        Sandbox sandbox = sandbox(kind);
        long child = marker();
        long grandchild = child + 1;
        long orphan = child + 2;
        AtomicReference<SandboxResult> result = new AtomicReference<>();
        Thread runner = Thread.ofPlatform().start(() -> {
            try {
                result.set(sandbox.run(SandboxCommand.of(workspace, treeOf(child, grandchild, orphan),
                        Duration.ofSeconds(4))));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        List<ProcessHandle> started = await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(50))
                .until(() -> sleeping(child, grandchild, orphan), processes -> processes.size() == 3);

        runner.join(Duration.ofSeconds(20));

        assertThat(result.get()).as("the run's result").isNotNull();
        assertThat(result.get().timedOut()).isTrue();
        assertThat(result.get().exitCode()).isEqualTo(-1);
        assertThat(result.get().duration()).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
        assertThat(started).noneMatch(ProcessTree::isRunning);
    }

    @ParameterizedTest
    @EnumSource(Isolation.Kind.class)
    void anInterruptKillsTheTreeAndReachesTheCaller(Isolation.Kind kind) throws Exception {
        Sandbox sandbox = sandbox(kind);
        long child = marker();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread step = Thread.ofPlatform().start(() -> {
            try {
                sandbox.run(SandboxCommand.of(workspace, treeOf(child, child + 1, child + 2), Duration.ofMinutes(5)));
                thrown.set(new AssertionError("the run returned instead of being interrupted"));
            } catch (InterruptedException | RuntimeException e) {
                thrown.set(e);
            }
        });
        List<ProcessHandle> started = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> sleeping(child, child + 1, child + 2), processes -> processes.size() == 3);

        step.interrupt();
        step.join(Duration.ofSeconds(20));

        assertThat(step.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(started).noneMatch(ProcessTree::isRunning);
    }

    @ParameterizedTest
    @EnumSource(Isolation.Kind.class)
    void backgroundProcessesLeftBehindAreKilledWhenTheCommandEnds(Isolation.Kind kind) throws Exception {
        long leftBehind = marker();

        SandboxResult result = sandbox(kind).run(SandboxCommand.of(workspace,
                "sh -c 'sleep " + leftBehind + " & echo started $!'; echo done", Duration.ofMinutes(5)));

        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).contains("started ").contains("done");
        assertThat(result.duration()).isLessThan(Duration.ofSeconds(30));
        assertThat(sleeping(leftBehind)).isEmpty();
    }
}
