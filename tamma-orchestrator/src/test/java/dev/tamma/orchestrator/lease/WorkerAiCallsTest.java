package dev.tamma.orchestrator.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.ai.AiCallException;
import dev.tamma.core.ai.AiCallRecorded;
import dev.tamma.core.ai.AiProvider;
import dev.tamma.core.ai.Budget;
import dev.tamma.core.ai.CallContext;
import dev.tamma.core.ai.ChatMessage;
import dev.tamma.core.ai.ChatRequest;
import dev.tamma.core.ai.TokenUsage;
import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.StepOutput;
import dev.tamma.core.workflow.WorkflowConfig;
import dev.tamma.core.workflow.WorkflowStatus;
import dev.tamma.orchestrator.ai.AiCallEvents;
import dev.tamma.orchestrator.ai.AiCallLog;
import dev.tamma.orchestrator.testdb.TammaSpringTest;
import dev.tamma.orchestrator.workflow.WorkflowEngine;
import dev.tamma.orchestrator.workflow.WorkflowReadModel;
import dev.tamma.providers.cost.MeteredProvider;
import dev.tamma.providers.cost.PriceTable;
import dev.tamma.providers.scripted.ScriptedProvider;
import dev.tamma.worker.AiCallReporter;
import dev.tamma.worker.StepHandlers;
import dev.tamma.worker.StepResult;
import dev.tamma.worker.WorkerCommand;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine;

/** A real worker whose step calls a model: the calls reach the event log before the step's outcome. */
@TammaSpringTest
@FastLeases
class WorkerAiCallsTest {

    private static final String SCRIPT = """
            model: claude-sonnet-4-5
            steps:
              issue-assigned:
                - text: "ANSWER-ONE-51c0"
                  usage: {input: 1000, output: 100}
                - text: "ANSWER-TWO-8e2d"
                  usage: {input: 2000, output: 200, cached: 1500}
            """;

    @LocalServerPort
    int port;

    @Autowired
    WorkerTokens tokens;

    @Autowired
    WorkflowEngine engine;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AiCallLog aiCallLog;

    @Autowired
    WorkflowReadModel readModel;

    @TempDir
    Path dir;

    /**
     * What a step handler of issue [7/8] will look like: a model metered with the worker's ledger,
     * recording to the worker's reporter; a failed call fails the step with the call's cause.
     */
    private static Function<AiCallReporter, StepHandlers> handlersCallingAModel() {
        return aiCalls -> {
            AiProvider model = new MeteredProvider(ScriptedProvider.of("scripted", SCRIPT), "anthropic",
                    PriceTable.defaults(), workflow -> Budget.DEFAULT, aiCalls.ledger(), aiCalls, Clock.systemUTC());
            return StepHandlers.none().with(Step.ISSUE_ASSIGNED, task -> {
                CallContext context = new CallContext(task.workflowId(), task.repository(), 31, task.step(),
                        task.attempt());
                try {
                    for (String prompt : List.of("PROMPT-ONE-a1f4", "PROMPT-TWO-c93b")) {
                        model.chat(ChatRequest.of(context, List.of(ChatMessage.user(prompt)))
                                .withModel("claude-sonnet-4-5"));
                    }
                } catch (AiCallException e) {
                    return StepResult.failed(e.failureCause(), e.getMessage());
                }
                return new StepResult.Succeeded(StepOutput.of("claimed"));
            });
        };
    }

    private int runOnce(String token, String workflow) throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("token-" + UUID.randomUUID()), token);
        return new CommandLine(new WorkerCommand(handlersCallingAModel())).execute("--orchestrator",
                "http://localhost:" + port, "--token-file", tokenFile.toString(), "--once", "--workflow", workflow,
                "--wait", "10", "--name", "ci-runner");
    }

    @Test
    void aStepsModelCallsAreInTheLogBeforeItsOutcomeAndHoldNoConversation() throws Exception {
        String owner = "leasetest-" + UUID.randomUUID().toString().substring(0, 8);
        String token = tokens.create("ai worker", List.of(owner + "/*"), List.of()).secret();
        String workflow = "workflow-" + UUID.randomUUID();
        engine.start(workflow, owner + "/shop#31", WorkflowConfig.defaults(Mode.DEV));

        assertThat(runOnce(token, workflow)).isZero();

        List<AiCallRecorded> calls = jdbc.sql("SELECT payload::text FROM event WHERE stream_id = ? ORDER BY stream_version")
                .param(AiCallEvents.streamOf(workflow)).query(String.class).list().stream()
                .map(AiCallEvents::decode).toList();
        assertThat(calls).extracting(AiCallRecorded::usage)
                .containsExactly(new TokenUsage(1000, 100, 0), new TokenUsage(2000, 200, 1500));
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.context()).isEqualTo(new CallContext(workflow, owner + "/shop", 31, Step.ISSUE_ASSIGNED, 1));
            assertThat(call.provider()).isEqualTo("scripted");
            assertThat(call.outcome()).isEqualTo(AiCallRecorded.Outcome.SUCCESS);
        });
        // $3 in, $15 out per million: 0.003 + 0.0015; then 500 at $3, 1,500 cached at $0.30, 200 at $15
        assertThat(calls).extracting(AiCallRecorded::costUsd)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("0.0045"), new BigDecimal("0.00495"));

        long lastCall = jdbc.sql("SELECT max(global_position) FROM event WHERE stream_id = ?")
                .param(AiCallEvents.streamOf(workflow)).query(Long.class).single();
        long outcome = jdbc.sql("SELECT global_position FROM event WHERE stream_id = ? AND type = 'step.completed'")
                .param(workflow).query(Long.class).single();
        assertThat(lastCall).as("the spend is recorded before the step's outcome").isLessThan(outcome);
        for (String text : List.of("PROMPT-ONE-a1f4", "PROMPT-TWO-c93b", "ANSWER-ONE-51c0", "ANSWER-TWO-8e2d", token)) {
            assertThat(jdbc.sql("SELECT count(*) FROM event WHERE payload::text LIKE ? OR actor LIKE ?")
                    .params("%" + text + "%", "%" + text + "%").query(Integer.class).single()).as(text).isZero();
        }
    }

    @Test
    void aBudgetSpentByOtherWorkersHoldsForANewOne() throws Exception {
        String owner = "leasetest-" + UUID.randomUUID().toString().substring(0, 8);
        String token = tokens.create("ai worker", List.of(owner + "/*"), List.of()).secret();
        String workflow = "workflow-" + UUID.randomUUID();
        engine.start(workflow, owner + "/shop#32", WorkflowConfig.defaults(Mode.DEV));
        // earlier steps, run elsewhere, spent the whole default $5
        aiCallLog.record(new AiCallRecorded(new CallContext(workflow, owner + "/shop", 32, Step.ANALYZE, 1), "anthropic",
                "claude-opus-4-1", new TokenUsage(200_000, 20_000, 0), new BigDecimal("5.00"), true,
                Duration.ofSeconds(40), AiCallRecorded.Outcome.SUCCESS, Instant.now()));

        assertThat(runOnce(token, workflow)).as("the step failed").isEqualTo(1);

        List<AiCallRecorded> calls = jdbc.sql("SELECT payload::text FROM event WHERE stream_id = ? ORDER BY stream_version")
                .param(AiCallEvents.streamOf(workflow)).query(String.class).list().stream()
                .map(AiCallEvents::decode).toList();
        assertThat(calls).extracting(AiCallRecorded::outcome)
                .containsExactly(AiCallRecorded.Outcome.SUCCESS, AiCallRecorded.Outcome.BUDGET_EXCEEDED);
        assertThat(jdbc.sql("SELECT payload->>'cause' FROM event WHERE stream_id = ? AND type = 'step.failed'")
                .param(workflow).query(String.class).single()).isEqualTo("STRUCTURAL");
        assertThat(readModel.load(workflow).orElseThrow().state().status()).isEqualTo(WorkflowStatus.ESCALATED);
    }
}
