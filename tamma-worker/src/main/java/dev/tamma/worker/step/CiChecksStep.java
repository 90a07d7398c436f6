package dev.tamma.worker.step;

import dev.tamma.core.platform.Check;
import dev.tamma.core.platform.CiState;
import dev.tamma.core.platform.CiStatus;
import dev.tamma.core.workflow.FailureCause;
import dev.tamma.worker.StepResult;
import java.time.Duration;
import java.time.Instant;

/**
 * CI_CHECKS: waits for the platform's checks on the pushed commit. Red checks fail the attempt with
 * the failing check's log where the platform has one, which sends the workflow back to IMPLEMENT. A
 * repository that reports no checks at all within the grace period has no CI to wait for.
 */
final class CiChecksStep implements LoopStep {

    private static final int LOG_EXCERPT = 6_000;

    @Override
    public StepResult run(StepContext context) throws InterruptedException {
        String sha = context.request().payload().headSha();
        if (sha == null) {
            throw new StepFailure.Structural("CI_CHECKS needs the pushed commit, but nothing was pushed");
        }
        Instant start = context.tools().clock().instant();
        Instant giveUp = start.plus(context.workTimeout());
        Duration grace = context.tools().ciGrace();
        while (true) {
            CiStatus status = context.platform().ciStatus(sha);
            Instant now = context.tools().clock().instant();
            if (status.state() == CiState.SUCCESS) {
                return StepResult.succeeded(status.checks().size() + " check(s) passed on " + abbreviated(sha));
            }
            if (status.state() == CiState.FAILURE) {
                StringBuilder excerpt = new StringBuilder();
                for (Check check : status.failing()) {
                    excerpt.append("Check '").append(check.name()).append("' failed")
                            .append(check.url().isBlank() ? "" : " (" + check.url() + ")").append('\n');
                    context.platform().checkLog(check, LOG_EXCERPT).ifPresent(log -> excerpt.append(log).append('\n'));
                }
                return new StepResult.Failed(FailureCause.TRANSIENT, "checks failed on " + abbreviated(sha) + ": "
                        + String.join(", ", status.failing().stream().map(Check::name).toList()), excerpt.toString());
            }
            if (status.checks().isEmpty() && !now.isBefore(start.plus(grace))) {
                return StepResult.succeeded("no checks reported on " + abbreviated(sha) + " within " + grace.toSeconds()
                        + " s; the repository has no CI to wait for");
            }
            if (now.isAfter(giveUp)) {
                return new StepResult.Failed(FailureCause.TIMEOUT, "checks on " + abbreviated(sha) + " still running after "
                        + Duration.between(start, now).toMinutes() + " min", "");
            }
            Thread.sleep(context.tools().ciPoll());
        }
    }

    private static String abbreviated(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }
}
