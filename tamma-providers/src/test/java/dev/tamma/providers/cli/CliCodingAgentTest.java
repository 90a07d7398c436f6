package dev.tamma.providers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.ai.CodingResult;
import dev.tamma.core.ai.CodingResult.StopReason;
import dev.tamma.core.ai.CodingTask;
import dev.tamma.core.ai.TokenUsage;
import dev.tamma.core.workflow.Step;
import dev.tamma.providers.testing.Requests;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each CLI agent against a stand-in executable, a shell script written here that behaves like the real CLI. */
class CliCodingAgentTest {

    private static final String ANTHROPIC_KEY = "sk-ant-api03-standin-key-0123456789";

    @TempDir
    Path temp;

    private Path workspace;
    private Path bin;
    private Map<String, String> environment;

    @BeforeEach
    void setUp() throws Exception {
        workspace = Files.createDirectories(temp.resolve("workspace"));
        bin = Files.createDirectories(temp.resolve("bin"));
        environment = Map.of("PATH", System.getenv("PATH"), "HOME", temp.toString(),
                "ANTHROPIC_API_KEY", ANTHROPIC_KEY, "OPENAI_API_KEY", "sk-openai-standin-0123456789",
                "DATABASE_PASSWORD", "hunter2-do-not-pass");
    }

    private CodingTask task(Duration timeout, String budget) {
        return new CodingTask(Requests.context("wf", Step.IMPLEMENT), workspace, "Add a greeting to hello.txt", 7,
                new BigDecimal(budget), timeout);
    }

    /** Writes an executable script that records its arguments and environment next to itself, then runs {@code body}. */
    private String standIn(String name, String body) throws Exception {
        Path script = bin.resolve(name);
        Files.writeString(script, "#!/bin/sh\n"
                + "for a in \"$@\"; do printf '%s\\n' \"$a\"; done > '" + bin.resolve(name + ".args") + "'\n"
                + "env > '" + bin.resolve(name + ".env") + "'\n"
                + "pwd > '" + bin.resolve(name + ".pwd") + "'\n"
                + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script.toString();
    }

    private List<String> recorded(String name, String what) throws Exception {
        return Files.readAllLines(bin.resolve(name + "." + what));
    }

    @Test
    void claudeCodeRunsInTheWorkspaceWithOnlyItsKeyAndReportsCost() throws Exception {
        String claude = standIn("claude", """
                echo 'hello, world' > hello.txt
                echo '{"type":"result","subtype":"success","is_error":false,"duration_ms":5120,"num_turns":4,"result":"Added the greeting to hello.txt","session_id":"9f1c","total_cost_usd":0.0421,"usage":{"input_tokens":1200,"cache_creation_input_tokens":0,"cache_read_input_tokens":3000,"output_tokens":450}}'
                """);

        CodingResult result = new CliCodingAgent(new ClaudeCode(), claude, environment).run(task(Duration.ofMinutes(5), "1"));

        assertThat(result.stop()).isEqualTo(StopReason.DONE);
        assertThat(result.agent()).isEqualTo("claude-code");
        assertThat(result.summary()).isEqualTo("Added the greeting to hello.txt");
        assertThat(result.iterations()).isEqualTo(4);
        assertThat(result.costUsd()).isEqualByComparingTo("0.0421");
        assertThat(result.usage()).isEqualTo(new TokenUsage(4200, 450, 3000));
        assertThat(Files.readString(workspace.resolve("hello.txt"))).isEqualTo("hello, world\n");
        assertThat(recorded("claude", "args")).containsExactly("-p", "Add a greeting to hello.txt", "--output-format",
                "json", "--max-turns", "7", "--permission-mode", "acceptEdits");
        assertThat(recorded("claude", "pwd")).containsExactly(workspace.toRealPath().toString());
        assertThat(recorded("claude", "env")).contains("ANTHROPIC_API_KEY=" + ANTHROPIC_KEY)
                .noneMatch(line -> line.startsWith("OPENAI_API_KEY=") || line.contains("hunter2"));
    }

    @Test
    void claudeCodeHittingMaxTurnsIsTheIterationLimit() throws Exception {
        String claude = standIn("claude", """
                echo '{"type":"result","subtype":"error_max_turns","is_error":false,"num_turns":7,"total_cost_usd":0.2,"usage":{"input_tokens":10,"output_tokens":5}}'
                """);
        CodingResult result = new CliCodingAgent(new ClaudeCode(), claude, environment).run(task(Duration.ofMinutes(5), "1"));
        assertThat(result.stop()).isEqualTo(StopReason.ITERATION_LIMIT);
        assertThat(result.iterations()).isEqualTo(7);
    }

    @Test
    void aReportedCostAboveTheBudgetIsReportedAsBudgetExhausted() throws Exception {
        String claude = standIn("claude", """
                echo '{"type":"result","subtype":"success","is_error":false,"num_turns":30,"result":"done","total_cost_usd":2.75,"usage":{"input_tokens":10,"output_tokens":5}}'
                """);
        CodingResult result = new CliCodingAgent(new ClaudeCode(), claude, environment).run(task(Duration.ofMinutes(5), "2"));
        assertThat(result.stop()).isEqualTo(StopReason.BUDGET_EXHAUSTED);
        assertThat(result.summary()).contains("$2.75", "$2");
    }

    @Test
    void aNonZeroExitIsAFailureWhoseOutputNeverCarriesTheKey() throws Exception {
        String claude = standIn("claude", """
                echo "Invalid API key: $ANTHROPIC_API_KEY" >&2
                exit 1
                """);

        CodingResult result = new CliCodingAgent(new ClaudeCode(), claude, environment).run(task(Duration.ofMinutes(5), "1"));

        assertThat(result.stop()).isEqualTo(StopReason.FAILED);
        assertThat(result.summary()).contains("exited with 1").contains("Invalid API key: ***").doesNotContain(ANTHROPIC_KEY);
    }

    @Test
    void garbledJsonIsAFailureNamingTheTool() throws Exception {
        String claude = standIn("claude", "echo '{\"type\": \"result\", '");
        CodingResult result = new CliCodingAgent(new ClaudeCode(), claude, environment).run(task(Duration.ofMinutes(5), "1"));
        assertThat(result.stop()).isEqualTo(StopReason.FAILED);
        assertThat(result.summary()).contains("did not print its JSON result");
    }

    @Test
    void aRunPastTheTimeLimitIsStopped() throws Exception {
        String claude = standIn("claude", "echo working; sleep 30");

        CodingResult result = new CliCodingAgent(new ClaudeCode(), claude, environment)
                .run(task(Duration.ofMillis(500), "1"));

        assertThat(result.stop()).isEqualTo(StopReason.TIMEOUT);
        assertThat(result.summary()).contains("ran past the time limit");
    }

    @Test
    void aMissingExecutableIsAClearFailure() {
        CodingResult result = new CliCodingAgent(new ClaudeCode(), bin.resolve("no-such-claude").toString(), environment)
                .run(task(Duration.ofMinutes(1), "1"));
        assertThat(result.stop()).isEqualTo(StopReason.FAILED);
        assertThat(result.summary()).contains("cannot start").contains("is claude-code installed and on PATH?");
    }

    @Test
    void codexExecJsonLinesGiveTheLastMessageAndSummedUsage() throws Exception {
        String codex = standIn("codex", """
                echo '{"type":"thread.started","thread_id":"0199a213-81c0-7800-8aa1-bbab2a035a53"}'
                echo '{"type":"turn.started"}'
                echo '{"type":"item.completed","item":{"id":"item_1","type":"command_execution","command":"ls","aggregated_output":"hello.txt","exit_code":0,"status":"completed"}}'
                echo '{"type":"item.completed","item":{"id":"item_3","type":"agent_message","text":"Greeting added."}}'
                echo '{"type":"turn.completed","usage":{"input_tokens":24763,"cached_input_tokens":24448,"output_tokens":122}}'
                """);

        CodingResult result = new CliCodingAgent(new CodexCli(), codex, environment).run(task(Duration.ofMinutes(5), "1"));

        assertThat(result.stop()).isEqualTo(StopReason.DONE);
        assertThat(result.summary()).isEqualTo("Greeting added.");
        assertThat(result.usage()).isEqualTo(new TokenUsage(24763, 122, 24448));
        assertThat(recorded("codex", "args")).containsExactly("exec", "--json", "--full-auto", "Add a greeting to hello.txt");
        assertThat(recorded("codex", "env")).anyMatch(line -> line.startsWith("OPENAI_API_KEY="))
                .noneMatch(line -> line.startsWith("ANTHROPIC_API_KEY="));
    }

    @Test
    void codexTurnFailedIsAFailure() throws Exception {
        String codex = standIn("codex", """
                echo '{"type":"turn.started"}'
                echo '{"type":"turn.failed","error":{"message":"stream disconnected before completion"}}'
                exit 1
                """);
        CodingResult result = new CliCodingAgent(new CodexCli(), codex, environment).run(task(Duration.ofMinutes(5), "1"));
        assertThat(result.stop()).isEqualTo(StopReason.FAILED);
        assertThat(result.summary()).contains("stream disconnected before completion");
    }

    @Test
    void aiderCostComesFromItsSessionLine() throws Exception {
        String aider = standIn("aider", """
                echo 'Aider v0.86.1'
                echo 'Applied edit to hello.txt'
                echo 'Tokens: 2.4k sent, 1.5k cache hit, 312 received. Cost: $0.01 message, $0.01 session.'
                echo 'Tokens: 3.1k sent, 95 received. Cost: $0.0112 message, $0.0232 session.'
                """);

        CodingResult result = new CliCodingAgent(new Aider(List.of("ANTHROPIC_API_KEY")), aider, environment)
                .run(task(Duration.ofMinutes(5), "1"));

        assertThat(result.stop()).isEqualTo(StopReason.DONE);
        assertThat(result.costUsd()).isEqualByComparingTo("0.0232");
        assertThat(result.usage()).isEqualTo(new TokenUsage(5500, 407, 1500));
        assertThat(recorded("aider", "args")).containsExactly("--message", "Add a greeting to hello.txt", "--yes",
                "--no-auto-commits", "--no-stream", "--no-pretty");
    }

    @Test
    void openCodeJsonEventsGiveTextCostAndTokens() throws Exception {
        String opencode = standIn("opencode", """
                echo '{"type":"step_start","timestamp":1767036059338,"sessionID":"ses_1","part":{"type":"step-start"}}'
                echo '{"type":"text","timestamp":1767036064268,"sessionID":"ses_1","part":{"type":"text","text":"Added the greeting."}}'
                echo '{"type":"step_finish","timestamp":1767036064273,"sessionID":"ses_1","part":{"type":"step-finish","reason":"stop","cost":0.0125,"tokens":{"input":671,"output":8,"reasoning":0,"cache":{"read":21415,"write":0}}}}'
                """);

        CodingResult result = new CliCodingAgent(new OpenCode(List.of("ANTHROPIC_API_KEY")), opencode, environment)
                .run(task(Duration.ofMinutes(5), "1"));

        assertThat(result.stop()).isEqualTo(StopReason.DONE);
        assertThat(result.summary()).isEqualTo("Added the greeting.");
        assertThat(result.costUsd()).isEqualByComparingTo("0.0125");
        assertThat(result.usage()).isEqualTo(new TokenUsage(22086, 8, 21415));
        assertThat(recorded("opencode", "args")).containsExactly("run", "--format", "json", "Add a greeting to hello.txt");
    }

    @Test
    void eachRunIsRecordedAsOnePricedCallForTheCostReports() throws Exception {
        String claude = standIn("claude", """
                echo '{"type":"result","subtype":"success","is_error":false,"num_turns":2,"result":"ok","total_cost_usd":0.31,"usage":{"input_tokens":100,"output_tokens":50}}'
                """);
        String codex = standIn("codex", "echo '{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":10,\"cached_input_tokens\":0,\"output_tokens\":5}}'");
        java.util.List<dev.tamma.core.ai.AiCallRecorded> events = new java.util.ArrayList<>();
        dev.tamma.providers.testing.MutableClock clock = dev.tamma.providers.testing.MutableClock.atEpochPlus(Duration.ZERO);

        new CliCodingAgent(new ClaudeCode(), claude, environment, events::add, clock).run(task(Duration.ofMinutes(5), "1"));
        new CliCodingAgent(new CodexCli(), codex, environment, events::add, clock).run(task(Duration.ofMinutes(5), "1"));

        assertThat(events).hasSize(2);
        assertThat(events.get(0).provider()).isEqualTo("claude-code");
        assertThat(events.get(0).model()).isEqualTo(CliCodingAgent.MODEL);
        assertThat(events.get(0).costUsd()).isEqualByComparingTo("0.31");
        assertThat(events.get(0).priceKnown()).isTrue();
        assertThat(events.get(0).context().step()).isEqualTo(Step.IMPLEMENT);
        assertThat(events.get(1).provider()).isEqualTo("codex");
        assertThat(events.get(1).priceKnown()).isFalse();
        assertThat(events.get(1).usage()).isEqualTo(new TokenUsage(10, 5, 0));
    }
}
