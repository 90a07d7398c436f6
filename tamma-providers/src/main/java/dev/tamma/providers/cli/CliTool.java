package dev.tamma.providers.cli;

import dev.tamma.core.ai.CodingResult.StopReason;
import dev.tamma.core.ai.CodingTask;
import dev.tamma.core.ai.TokenUsage;
import java.math.BigDecimal;
import java.util.List;

/** How to drive one command-line coding agent: its arguments, the keys it needs, how to read its output. */
public sealed interface CliTool permits ClaudeCode, CodexCli, Aider, OpenCode {

    /** The agent id, e.g. {@code claude-code}. */
    String id();

    /** The executable's usual name, looked up on {@code PATH}. */
    String defaultExecutable();

    /** Environment variables passed through to the tool (its keys); everything else is scrubbed. */
    List<String> keyVariables();

    /** The arguments after the executable. */
    List<String> arguments(CodingTask task);

    /** Reads what the tool printed. */
    Outcome parse(String stdout, String stderr, int exitCode);

    /**
     * What a run amounted to.
     *
     * @param costUsd the cost the tool reported, {@code null} when it reports none
     */
    record Outcome(StopReason stop, String summary, int iterations, TokenUsage usage, BigDecimal costUsd) {
    }

    static Outcome failed(String why, String stderr) {
        String tail = stderr == null || stderr.isBlank() ? "" : "\n" + tail(stderr, 2000);
        return new Outcome(StopReason.FAILED, why + tail, 0, TokenUsage.NONE, null);
    }

    static String tail(String text, int max) {
        String trimmed = text.strip();
        return trimmed.length() <= max ? trimmed : "..." + trimmed.substring(trimmed.length() - max);
    }
}
