package dev.tamma.providers.scripted;

import static dev.tamma.providers.testing.Requests.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tamma.core.ai.AiCallException;
import dev.tamma.core.ai.ChatResult;
import dev.tamma.core.ai.JsonSchema;
import dev.tamma.core.ai.TokenUsage;
import dev.tamma.core.ai.ToolSpec;
import dev.tamma.core.workflow.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptedProviderTest {

    private static final String SCRIPT = """
            model: demo-model
            steps:
              plan:
                - text: "Option 1: add a greeting"
                  usage: {input: 1200, output: 300, cached: 200}
              implement:
                - expect: {contains: "greeting", tools: [write_file]}
                  toolCalls:
                    - name: write_file
                      arguments: {path: hello.txt, content: "hello"}
                - text: "DONE: wrote hello.txt"
              review:
                - error: {kind: RATE_LIMITED, status: 429, retryAfterSeconds: 2}
            """;

    private static final ToolSpec WRITE = new ToolSpec("write_file", "writes", JsonSchema.object()
            .with("path", JsonSchema.string("path"), true).with("content", JsonSchema.string("text"), true));

    @Test
    void playsAnswersByStepAndCallOrderWithToolCallsAndUsage() {
        ScriptedProvider provider = ScriptedProvider.of("scripted", SCRIPT);

        ChatResult plan = provider.chat(ask("wf", Step.PLAN, "plan it"));
        assertThat(plan.text()).isEqualTo("Option 1: add a greeting");
        assertThat(plan.model()).isEqualTo("demo-model");
        assertThat(plan.usage()).isEqualTo(new TokenUsage(1200, 300, 200));

        ChatResult first = provider.chat(ask("wf", Step.IMPLEMENT, "add a greeting").withTools(List.of(WRITE)));
        assertThat(first.toolCalls()).singleElement().satisfies(call -> {
            assertThat(call.name()).isEqualTo("write_file");
            assertThat(call.argumentsJson()).isEqualTo("{\"path\":\"hello.txt\",\"content\":\"hello\"}");
        });
        assertThat(first.finishReason()).isEqualTo(ChatResult.FinishReason.TOOL_CALLS);
        assertThat(provider.chat(ask("wf", Step.IMPLEMENT, "tool said ok").withTools(List.of(WRITE))).text())
                .isEqualTo("DONE: wrote hello.txt");
        assertThat(provider.unplayed("wf")).containsExactly(Map.entry(Step.REVIEW, 1));
    }

    @Test
    void eachWorkflowPlaysTheScriptFromTheStart() {
        ScriptedProvider provider = ScriptedProvider.of("scripted", SCRIPT);
        provider.chat(ask("wf-1", Step.PLAN, "plan"));
        assertThat(provider.chat(ask("wf-2", Step.PLAN, "plan")).text()).startsWith("Option 1");
    }

    @Test
    void failsLoudlyOnOneCallTooManyAndOnAStepWithoutAnswers() {
        ScriptedProvider provider = ScriptedProvider.of("scripted", SCRIPT);
        provider.chat(ask("wf", Step.PLAN, "plan"));

        assertThatThrownBy(() -> provider.chat(ask("wf", Step.PLAN, "plan again")))
                .isInstanceOf(ScriptedProvider.UnexpectedCallException.class)
                .hasMessageContaining("has 1 answer(s) for step plan, but call #2")
                .hasMessageContaining("plan again");
        assertThatThrownBy(() -> provider.chat(ask("wf", Step.ANALYZE, "analyze")))
                .isInstanceOf(ScriptedProvider.UnexpectedCallException.class)
                .hasMessageContaining("no answers for step analyze");
    }

    @Test
    void failsWhenTheRequestDoesNotMeetTheExpectation() {
        ScriptedProvider provider = ScriptedProvider.of("scripted", SCRIPT);
        assertThatThrownBy(() -> provider.chat(ask("wf", Step.IMPLEMENT, "something else").withTools(List.of(WRITE))))
                .isInstanceOf(ScriptedProvider.UnexpectedCallException.class)
                .hasMessageContaining("expects the last message to contain 'greeting'");
        ScriptedProvider fresh = ScriptedProvider.of("scripted", SCRIPT);
        assertThatThrownBy(() -> fresh.chat(ask("wf", Step.IMPLEMENT, "add a greeting")))
                .hasMessageContaining("expects the tools [write_file] to be offered");
    }

    @Test
    void playsScriptedFailuresAsProviderFailures() {
        ScriptedProvider provider = ScriptedProvider.of("scripted", SCRIPT);
        assertThatThrownBy(() -> provider.chat(ask("wf", Step.REVIEW, "review")))
                .isInstanceOfSatisfying(AiCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(AiCallException.Kind.RATE_LIMITED);
                    assertThat(e.httpStatus()).isEqualTo(429);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
                });
    }

    @Test
    void badScriptsAreRefusedNamingTheKey(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ScriptedProvider.of("s", "steps:\n  planning:\n    - text: x\n"))
                .hasMessageContaining("steps.planning is not a step");
        assertThatThrownBy(() -> ScriptedProvider.of("s", "steps:\n  plan:\n    - usage: {input: 1}\n"))
                .hasMessageContaining("steps.plan[0] needs text, toolCalls or error");
        assertThatThrownBy(() -> ScriptedProvider.of("s", "steps:\n  plan:\n    - error: {kind: NOPE}\n"))
                .hasMessageContaining("steps.plan[0].error.kind 'NOPE'");
        assertThatThrownBy(() -> ScriptedProvider.of("s", "steps:\n  plan:\n    - txt: hi\n"))
                .hasMessageContaining("steps.plan[0].txt is not a known key");
        Path file = dir.resolve("demo.yml");
        Files.writeString(file, "steps: [1, 2]\n");
        assertThatThrownBy(() -> ScriptedProvider.load("s", file)).hasMessageContaining(file.toString())
                .hasMessageContaining("'steps' map");
    }

    @Test
    void theFactoryLoadsTheScriptNamedInTheSettings(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("demo.yml");
        Files.writeString(file, SCRIPT);
        var factory = new dev.tamma.providers.ProviderFactory(new dev.tamma.providers.langchain4j.ApiKeys(Map.of()),
                java.time.Clock.systemUTC());

        var provider = factory.create(dev.tamma.providers.ProviderSettings.of("demo", "scripted")
                .withOption("script", file.toString()));

        assertThat(provider.chat(ask("wf", Step.PLAN, "plan")).text()).isEqualTo("Option 1: add a greeting");
        assertThatThrownBy(() -> factory.create(dev.tamma.providers.ProviderSettings.of("demo", "scripted")))
                .hasMessageContaining("providers.demo.options.script is required");
    }
}
