package dev.tamma.providers.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.ai.ChatMessage;
import dev.tamma.core.ai.CodingResult;
import dev.tamma.core.ai.CodingResult.StopReason;
import dev.tamma.core.ai.CodingTask;
import dev.tamma.core.ai.TokenUsage;
import dev.tamma.core.ai.ToolCall;
import dev.tamma.core.workflow.Step;
import dev.tamma.providers.scripted.ScriptedProvider;
import dev.tamma.providers.testing.MutableClock;
import dev.tamma.providers.testing.Requests;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltinCodingAgentTest {

    @TempDir
    Path workspace;

    private final MutableClock clock = MutableClock.atEpochPlus(Duration.ZERO);

    private CodingTask task(int maxIterations, String budget) {
        return new CodingTask(Requests.context("wf", Step.IMPLEMENT), workspace, "Add a greeting to hello.txt",
                maxIterations, new BigDecimal(budget), Duration.ofMinutes(30));
    }

    private BuiltinCodingAgent agent(ScriptedProvider script, CommandRunner commands, String costPerAnswer) {
        return new BuiltinCodingAgent(script, commands, answer -> new BigDecimal(costPerAnswer), Duration.ofSeconds(30),
                clock);
    }

    @Test
    void changesFilesWithTheToolsUntilItSaysDone() throws Exception {
        Files.writeString(workspace.resolve("hello.txt"), "hello\n");
        ScriptedProvider script = ScriptedProvider.of("scripted", """
                steps:
                  implement:
                    - expect: {contains: "Add a greeting", tools: [list_files, read_file, search, write_file, edit_file, run_command, done]}
                      toolCalls:
                        - {name: list_files, arguments: {}}
                      usage: {input: 100, output: 10}
                    - expect: {contains: "hello.txt"}
                      toolCalls:
                        - {name: edit_file, arguments: {path: hello.txt, search: "hello", replace: "hello, world"}}
                        - {name: write_file, arguments: {path: docs/greeting.md, content: "# Greeting\\n"}}
                      usage: {input: 200, output: 20}
                    - expect: {contains: "wrote docs/greeting.md"}
                      toolCalls:
                        - {name: run_command, arguments: {command: "cat hello.txt"}}
                    - expect: {contains: "hello, world"}
                      toolCalls:
                        - {name: done, arguments: {summary: "Greeting added"}}
                """);

        CodingResult result = agent(script, ProcessCommandRunner.fromSystemEnvironment(), "0.01").run(task(10, "1.00"));

        assertThat(result.stop()).isEqualTo(StopReason.DONE);
        assertThat(result.summary()).startsWith("Greeting added").contains("Files changed: docs/greeting.md, hello.txt");
        assertThat(result.iterations()).isEqualTo(4);
        assertThat(result.usage()).isEqualTo(new TokenUsage(300, 30, 0));
        assertThat(result.costUsd()).isEqualByComparingTo("0.04");
        assertThat(Files.readString(workspace.resolve("hello.txt"))).isEqualTo("hello, world\n");
        assertThat(Files.readString(workspace.resolve("docs/greeting.md"))).isEqualTo("# Greeting\n");
        assertThat(script.unplayed("wf")).isEmpty();
    }

    @Test
    void aTextAnswerWithoutToolCallsIsDone() {
        ScriptedProvider script = ScriptedProvider.of("scripted", "steps:\n  implement:\n    - text: Nothing to change\n");
        CodingResult result = agent(script, ProcessCommandRunner.fromSystemEnvironment(), "0").run(task(5, "1"));
        assertThat(result.stop()).isEqualTo(StopReason.DONE);
        assertThat(result.summary()).isEqualTo("Nothing to change");
    }

    @Test
    void theStuckDetectorStopsTheThirdIdenticalAction() throws Exception {
        Files.writeString(workspace.resolve("a.txt"), "x");
        ScriptedProvider script = ScriptedProvider.of("scripted", """
                steps:
                  implement:
                    - toolCalls: [{name: search, arguments: {pattern: x, path: .}}]
                    - toolCalls: [{name: search, arguments: {path: ., pattern: x}}]
                    - toolCalls: [{name: search, arguments: {"pattern": "x", "path": "."}}]
                """);

        CodingResult result = agent(script, ProcessCommandRunner.fromSystemEnvironment(), "0").run(task(10, "1"));

        assertThat(result.stop()).isEqualTo(StopReason.STUCK);
        assertThat(result.iterations()).isEqualTo(3);
        assertThat(result.summary()).contains("search").contains("3 times");
    }

    @Test
    void repeatingAnActionWhoseResultChangedIsNotStuck() throws Exception {
        Files.writeString(workspace.resolve("a.txt"), "one");
        ScriptedProvider script = ScriptedProvider.of("scripted", """
                steps:
                  implement:
                    - toolCalls: [{name: read_file, arguments: {path: a.txt}}]
                    - toolCalls: [{name: write_file, arguments: {path: a.txt, content: two}}]
                    - toolCalls: [{name: read_file, arguments: {path: a.txt}}]
                    - toolCalls: [{name: write_file, arguments: {path: a.txt, content: three}}]
                    - toolCalls: [{name: read_file, arguments: {path: a.txt}}]
                    - text: done
                """);

        assertThat(agent(script, ProcessCommandRunner.fromSystemEnvironment(), "0").run(task(10, "1")).stop())
                .isEqualTo(StopReason.DONE);
    }

    @Test
    void theIterationLimitStopsTheLoop() {
        ScriptedProvider script = ScriptedProvider.of("scripted", """
                steps:
                  implement:
                    - toolCalls: [{name: list_files, arguments: {}}]
                    - toolCalls: [{name: search, arguments: {pattern: greeting}}]
                """);

        CodingResult result = agent(script, ProcessCommandRunner.fromSystemEnvironment(), "0").run(task(2, "1"));

        assertThat(result.stop()).isEqualTo(StopReason.ITERATION_LIMIT);
        assertThat(result.iterations()).isEqualTo(2);
    }

    @Test
    void theTaskBudgetStopsTheLoopBeforeTheNextCall() {
        ScriptedProvider script = ScriptedProvider.of("scripted", """
                steps:
                  implement:
                    - toolCalls: [{name: list_files, arguments: {}}]
                    - toolCalls: [{name: search, arguments: {pattern: x}}]
                """);

        CodingResult result = agent(script, ProcessCommandRunner.fromSystemEnvironment(), "0.80").run(task(10, "1.50"));

        assertThat(result.stop()).isEqualTo(StopReason.BUDGET_EXHAUSTED);
        assertThat(result.costUsd()).isEqualByComparingTo("1.60");
        assertThat(result.summary()).contains("$1.50", "$1.60");
    }

    @Test
    void theTimeLimitStopsTheLoop() {
        ScriptedProvider script = ScriptedProvider.of("scripted", """
                steps:
                  implement:
                    - toolCalls: [{name: run_command, arguments: {command: "make test"}}]
                """);
        CommandRunner slowBuild = (dir, command, timeout) -> {
            clock.advance(Duration.ofMinutes(31));
            return new CommandRunner.Result(0, false, "ok");
        };

        CodingResult result = agent(script, slowBuild, "0").run(task(10, "1"));

        assertThat(result.stop()).isEqualTo(StopReason.TIMEOUT);
    }

    @Test
    void aFailingModelCallEndsTheRunAsFailed() {
        ScriptedProvider script = ScriptedProvider.of("scripted",
                "steps:\n  implement:\n    - error: {kind: SERVER_ERROR, status: 500}\n");
        CodingResult result = agent(script, ProcessCommandRunner.fromSystemEnvironment(), "0").run(task(10, "1"));
        assertThat(result.stop()).isEqualTo(StopReason.FAILED);
        assertThat(result.summary()).contains("SERVER_ERROR");
    }

    @Test
    void runCommandKeepsKeysOutOfTheEnvironment() {
        ProcessCommandRunner runner = new ProcessCommandRunner(Map.of("PATH", System.getenv("PATH"),
                "OPENAI_API_KEY", "sk-should-not-leak"));
        CommandRunner.Result result = runner.run(workspace, "env", Duration.ofSeconds(10));
        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).contains("PATH=").doesNotContain("sk-should-not-leak");
    }

    @Test
    void runCommandStopsAProcessThatRunsTooLong() {
        CommandRunner.Result result = ProcessCommandRunner.fromSystemEnvironment()
                .run(workspace, "echo started; sleep 30", Duration.ofMillis(300));
        assertThat(result.timedOut()).isTrue();
        assertThat(result.exitCode()).isEqualTo(-1);
    }

    @Test
    void oldLongToolResultsAreCutSoALongRunDoesNotResendEverything() {
        List<ChatMessage> messages = new java.util.ArrayList<>();
        messages.add(ChatMessage.user("task"));
        for (int i = 0; i < BuiltinCodingAgent.FULL_TOOL_RESULTS + 2; i++) {
            ToolCall call = new ToolCall("c" + i, "read_file", "{}");
            messages.add(new ChatMessage.Assistant("", List.of(call)));
            messages.add(new ChatMessage.ToolResult("c" + i, "read_file", i + ":" + "x".repeat(5000)));
        }
        messages.add(new ChatMessage.ToolResult("short", "run_command", "exit code 0"));

        List<ChatMessage> sent = BuiltinCodingAgent.compact(messages);

        List<String> results = sent.stream().filter(m -> m instanceof ChatMessage.ToolResult)
                .map(m -> ((ChatMessage.ToolResult) m).content()).toList();
        assertThat(results).hasSize(BuiltinCodingAgent.FULL_TOOL_RESULTS + 3);
        assertThat(results.get(0)).startsWith("0:").contains("[earlier output cut: 5002 characters")
                .hasSizeLessThan(400);
        assertThat(results.get(2)).startsWith("2:").contains("[earlier output cut");
        assertThat(results.get(3)).hasSize(5002);
        assertThat(results.getLast()).isEqualTo("exit code 0");
        assertThat(sent).hasSameSizeAs(messages);
        assertThat(BuiltinCodingAgent.compact(messages.subList(0, 5))).isEqualTo(messages.subList(0, 5));
    }
}
