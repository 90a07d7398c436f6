package dev.tamma.orchestrator.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tamma.core.platform.Comment;
import dev.tamma.core.platform.PlatformException;
import dev.tamma.core.platform.PullRequestState;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.WorkflowEvent;
import dev.tamma.core.workflow.WorkflowState;
import dev.tamma.core.workflow.WorkflowStatus;
import dev.tamma.orchestrator.lease.WorkerTokens;
import dev.tamma.orchestrator.worker.InProcessWorkers;
import dev.tamma.worker.OrchestratorClient;
import dev.tamma.worker.StepHandler;
import dev.tamma.worker.StepHandlers;
import dev.tamma.worker.StepResult;
import dev.tamma.worker.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every step handler run twice for the same (workflow, step, attempt), as happens when a worker's
 * answer is lost and the step is run again: the loop still ends with one pull request, one of
 * each comment, one commit on the target branch and the issue closed.
 */
class RerunSafetyTest {

    @TempDir
    Path dir;

    @Test
    void runningEveryStepTwiceDuplicatesNothing() throws Exception {
        try (LocalLoop loop = new LocalLoop(dir, Map.of(), Scripts.twice(), "--tamma.workers.in-process=0")) {
            int commitsBefore = commitsOnMain(loop);
            String workflow = loop.startDemoIssue("demo-maintainer");
            StepHandlers loopSteps = loop.app.getBean(InProcessWorkers.class).steps().handlers();
            Map<Step, AtomicInteger> runs = new ConcurrentHashMap<>();
            StepHandlers twice = StepHandlers.none();
            for (Step step : Step.values()) {
                if (step.runsOnWorker()) {
                    StepHandler handler = loopSteps.forStep(step);
                    twice = twice.with(step, task -> {
                        StepResult first = handler.run(task);
                        assertThat(first).as("the first run of " + step).isInstanceOf(StepResult.Succeeded.class);
                        runs.computeIfAbsent(step, s -> new AtomicInteger()).addAndGet(2);
                        return handler.run(task); // the answer of the first run was "lost"
                    });
                }
            }
            Worker worker = new Worker(new OrchestratorClient(loop.baseUrl(), loop.app.getBean(WorkerTokens.class)
                    .create("rerunning", List.of(), List.of()).secret()), twice, "rerunning", List.of(),
                    Duration.ofSeconds(5));
            worker.start(1);
            WorkflowState done;
            try {
                done = loop.awaitState(workflow, Duration.ofMinutes(3), WorkflowState::isTerminal);
            } finally {
                worker.stop();
            }

            assertThat(done.status()).isEqualTo(WorkflowStatus.DONE);
            assertThat(runs.keySet()).as("every step ran twice")
                    .containsExactlyInAnyOrderElementsOf(Arrays.stream(Step.values()).filter(Step::runsOnWorker).toList());
            assertThat(loop.events(workflow)).filteredOn(e -> e instanceof WorkflowEvent.AttemptFailed).isEmpty();
            long pullRequest = done.change().pullRequest();
            assertThat(loop.platform().pullRequest(pullRequest).state()).isEqualTo(PullRequestState.MERGED);
            for (long other = 1; other <= pullRequest + 1; other++) {
                long number = other;
                if (number != pullRequest) {
                    assertThatThrownBy(() -> loop.platform().pullRequest(number)).as("no other pull request: #" + number)
                            .isInstanceOf(PlatformException.class);
                }
            }
            assertThat(commitsOnMain(loop)).as("one squashed commit").isEqualTo(commitsBefore + 1);
            assertThat(loop.platform().issue(1).open()).isFalse();

            List<Comment> comments = loop.platform().commentsSince(1, Instant.EPOCH);
            Map<String, Long> byHeading = comments.stream().collect(Collectors.groupingBy(
                    c -> c.body().lines().filter(l -> l.startsWith("## ")).findFirst().orElse(c.body()),
                    Collectors.counting()));
            assertThat(byHeading).as("each comment once: " + byHeading.keySet())
                    .containsKey("## Plan for #1").allSatisfy((heading, count) -> assertThat(count).as(heading).isOne());
            assertThat(loop.platform().commentsSince(pullRequest, Instant.EPOCH).stream()
                    .collect(Collectors.groupingBy(Comment::body, Collectors.counting())))
                    .allSatisfy((body, count) -> assertThat(count).as(body).isOne());
        }
    }

    private static int commitsOnMain(LocalLoop loop) throws Exception {
        try (Git git = Git.open(loop.bare.toFile())) {
            int count = 0;
            for (var ignored : git.log().add(git.getRepository().resolve("refs/heads/main")).call()) {
                count++;
            }
            return count;
        }
    }
}
