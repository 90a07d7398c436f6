package dev.tamma.providers.agent;

import dev.tamma.core.ai.AiCallException;
import dev.tamma.core.ai.AiProvider;
import dev.tamma.core.ai.BudgetExceededException;
import dev.tamma.core.ai.ChatMessage;
import dev.tamma.core.ai.ChatRequest;
import dev.tamma.core.ai.ChatResult;
import dev.tamma.core.ai.CodingAgent;
import dev.tamma.core.ai.CodingResult;
import dev.tamma.core.ai.CodingResult.StopReason;
import dev.tamma.core.ai.CodingTask;
import dev.tamma.core.ai.TokenUsage;
import dev.tamma.core.ai.ToolCall;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tamma's own coding agent: a tool-calling loop over an {@link AiProvider} (LangChain4j tool
 * calling underneath, through the router) with the {@link WorkspaceTools}. It stops when the model
 * calls {@code done} (or answers with text and no tool call), at the iteration limit, when the
 * task's budget is spent, at the time limit, or when the {@link StuckDetector} sees the same
 * action a third time.
 */
public final class BuiltinCodingAgent implements CodingAgent {

    public static final String ID = "builtin";
    static final int FULL_TOOL_RESULTS = 8;
    static final int KEPT_OF_OLD_RESULTS = 300;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SYSTEM_PROMPT = """
            You are Tamma's coding agent. You change the files of a checked-out repository to do the task
            you are given. Work in small steps with the tools: look around (list_files, search, read_file),
            change files (edit_file for exact replacements, write_file for new or rewritten files), and run
            the build or tests with run_command. Do not repeat an action that failed the same way; change
            approach. When the task is complete, call done with a short summary of what you changed.""";

    private final AiProvider provider;
    private final CommandRunner commands;
    private final Function<ChatResult, BigDecimal> costOf;
    private final Duration commandTimeout;
    private final Clock clock;

    /**
     * @param provider       the model to drive (usually the router, metered and budgeted)
     * @param commands       runs run_command
     * @param costOf         what one answer cost, to keep the task within its own budget
     * @param commandTimeout how long one run_command may take
     * @param clock          for the task's time limit
     */
    public BuiltinCodingAgent(AiProvider provider, CommandRunner commands, Function<ChatResult, BigDecimal> costOf,
            Duration commandTimeout, Clock clock) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.costOf = Objects.requireNonNull(costOf, "costOf");
        this.commandTimeout = Objects.requireNonNull(commandTimeout, "commandTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public CodingResult run(CodingTask task) {
        WorkspaceTools tools = new WorkspaceTools(task.workspace(), commands, commandTimeout);
        StuckDetector stuck = new StuckDetector();
        Instant deadline = clock.instant().plus(task.timeout());
        List<ChatMessage> messages = new ArrayList<>(List.of(ChatMessage.system(SYSTEM_PROMPT),
                ChatMessage.user(task.instructions())));
        TokenUsage usage = TokenUsage.NONE;
        BigDecimal spent = BigDecimal.ZERO;
        int iterations = 0;
        while (true) {
            if (iterations >= task.maxIterations()) {
                return end(StopReason.ITERATION_LIMIT, "stopped after " + iterations + " iterations, the limit", tools,
                        iterations, usage, spent);
            }
            if (spent.compareTo(task.budgetUsd()) >= 0) {
                return end(StopReason.BUDGET_EXHAUSTED, "stopped: the task's budget of $" + task.budgetUsd().toPlainString()
                        + " is spent ($" + spent.toPlainString() + ")", tools, iterations, usage, spent);
            }
            if (!clock.instant().isBefore(deadline)) {
                return end(StopReason.TIMEOUT, "stopped: the time limit of " + task.timeout() + " is reached", tools,
                        iterations, usage, spent);
            }
            ChatResult answer;
            try {
                answer = provider.chat(new ChatRequest(task.context(), null, compact(messages), WorkspaceTools.specs(), null,
                        ChatRequest.DEFAULT_MAX_OUTPUT_TOKENS, null));
            } catch (BudgetExceededException e) {
                return end(StopReason.BUDGET_EXHAUSTED, "stopped: " + e.getMessage(), tools, iterations, usage, spent);
            } catch (AiCallException e) {
                return end(StopReason.FAILED, "the model call failed: " + e.getMessage(), tools, iterations, usage, spent);
            }
            iterations++;
            usage = usage.plus(answer.usage());
            spent = spent.add(costOf.apply(answer));
            if (!answer.hasToolCalls()) {
                return end(StopReason.DONE, answer.text(), tools, iterations, usage, spent);
            }
            messages.add(ChatMessage.Assistant.of(answer));
            for (ToolCall call : answer.toolCalls()) {
                if (call.name().equals(WorkspaceTools.DONE)) {
                    return end(StopReason.DONE, summaryOf(call), tools, iterations, usage, spent);
                }
                String result = tools.run(call);
                messages.add(new ChatMessage.ToolResult(call.id(), call.name(), result));
                if (stuck.record(call, result)) {
                    return end(StopReason.STUCK, "stopped: the same action (" + call.name() + " " + call.argumentsJson()
                            + ") came back " + StuckDetector.LIMIT + " times with the same result", tools, iterations,
                            usage, spent);
                }
            }
        }
    }

    /**
     * The conversation as sent: the last {@value #FULL_TOOL_RESULTS} tool results in full, older
     * long ones cut to their first lines, so a long run does not resend every file it ever read.
     */
    static List<ChatMessage> compact(List<ChatMessage> messages) {
        int toolResults = (int) messages.stream().filter(m -> m instanceof ChatMessage.ToolResult).count();
        int toCompact = toolResults - FULL_TOOL_RESULTS;
        if (toCompact <= 0) {
            return messages;
        }
        List<ChatMessage> compacted = new ArrayList<>(messages.size());
        for (ChatMessage message : messages) {
            if (toCompact > 0 && message instanceof ChatMessage.ToolResult result) {
                toCompact--;
                String content = result.content();
                compacted.add(content.length() <= KEPT_OF_OLD_RESULTS ? result
                        : new ChatMessage.ToolResult(result.toolCallId(), result.toolName(),
                                content.substring(0, KEPT_OF_OLD_RESULTS) + "\n[earlier output cut: "
                                        + content.length() + " characters; run the tool again if you need it]"));
            } else {
                compacted.add(message);
            }
        }
        return compacted;
    }

    private static String summaryOf(ToolCall done) {
        try {
            return JSON.readTree(done.argumentsJson()).path("summary").asString("done");
        } catch (RuntimeException e) {
            return "done";
        }
    }

    private CodingResult end(StopReason stop, String summary, WorkspaceTools tools, int iterations, TokenUsage usage,
            BigDecimal spent) {
        List<String> changed = tools.changedFiles();
        String text = changed.isEmpty() ? summary : summary + "\nFiles changed: " + String.join(", ", changed);
        return new CodingResult(ID, stop, text, iterations, usage, spent);
    }
}
