package dev.tamma.worker.step;

import dev.tamma.core.platform.PullRequest;
import dev.tamma.core.platform.Workspace;
import dev.tamma.core.workflow.FailureCause;
import dev.tamma.core.workflow.Step;
import dev.tamma.worker.StepResult;
import dev.tamma.worker.config.BuildDetection;
import dev.tamma.worker.sandbox.SandboxCommand;
import dev.tamma.worker.sandbox.SandboxResult;
import java.time.Duration;

/**
 * BUILD and TEST: the repository's command from {@code .tamma.yml}, else one detected from its
 * files, run in the sandbox on the unverified work. The tail of the output goes into the event and,
 * through the workflow, into the next fix.
 */
final class CommandStep implements LoopStep {

    static final int EXCERPT = 8_000;

    private final Step step;

    CommandStep(Step step) {
        if (step != Step.BUILD && step != Step.TEST) {
            throw new IllegalArgumentException("a command step is BUILD or TEST, not " + step);
        }
        this.step = step;
    }

    @Override
    public StepResult run(StepContext context) throws InterruptedException {
        PullRequest pullRequest = context.platform().pullRequest(context.pullRequestNumber());
        try (Workspace workspace = context.checkout(Branches.unverified(pullRequest.head()), pullRequest.head())) {
            BuildDetection.Found commands = switch (context.config().commands().resolve(workspace.directory())) {
                case BuildDetection.Found found -> found;
                case BuildDetection.NotFound missing -> throw new StepFailure.Structural(missing.message());
            };
            String command = step == Step.BUILD ? commands.build() : commands.test();
            Duration timeout = context.workTimeout();
            if (commands.setup().isPresent()) {
                SandboxResult setup = run(context, workspace, commands.setup().get(), timeout);
                if (!setup.succeeded()) {
                    return failed("setup " + describe(commands.setup().get(), setup, timeout), setup);
                }
            }
            SandboxResult result = run(context, workspace, command, timeout);
            String how = describe(command, result, timeout);
            if (result.succeeded()) {
                return StepResult.succeeded(how);
            }
            return failed(how, result);
        }
    }

    private static SandboxResult run(StepContext context, Workspace workspace, String command, Duration timeout)
            throws InterruptedException {
        return context.tools().sandbox().run(
                SandboxCommand.of(workspace.directory(), command, timeout).withNetwork(context.config().network()));
    }

    private static String describe(String command, SandboxResult result, Duration timeout) {
        return "`" + command + "` " + (result.timedOut() ? "ran past " + timeout.toMinutes() + " min"
                : "exited " + result.exitCode()) + " in " + seconds(result.duration()) + " ("
                + result.isolation().description() + ")";
    }

    private static StepResult failed(String how, SandboxResult result) {
        return new StepResult.Failed(result.timedOut() ? FailureCause.TIMEOUT : FailureCause.TRANSIENT, how,
                result.outputTail(EXCERPT));
    }

    private static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
