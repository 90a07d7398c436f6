package dev.tamma.providers.cli;

import dev.tamma.core.ai.CodingResult.StopReason;
import dev.tamma.core.ai.CodingTask;
import dev.tamma.core.ai.TokenUsage;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI's Codex CLI: {@code codex exec --json --full-auto <instructions>}, which prints JSON lines
 * ({@code thread.started}, {@code turn.completed} with usage, {@code item.completed} with the
 * agent's messages, {@code turn.failed}, {@code error}). It reports tokens, not cost.
 */
public record CodexCli() implements CliTool {

    @Override
    public String id() {
        return "codex";
    }

    @Override
    public String defaultExecutable() {
        return "codex";
    }

    @Override
    public List<String> keyVariables() {
        return List.of("OPENAI_API_KEY", "CODEX_API_KEY");
    }

    @Override
    public List<String> arguments(CodingTask task) {
        return List.of("exec", "--json", "--full-auto", task.instructions());
    }

    @Override
    public Outcome parse(String stdout, String stderr, int exitCode) {
        TokenUsage usage = TokenUsage.NONE;
        String lastMessage = "";
        String failure = null;
        int turns = 0;
        boolean anyEvent = false;
        for (JsonNode event : JsonLines.events(stdout)) {
            anyEvent = true;
            switch (event.path("type").asString("")) {
                case "turn.completed" -> {
                    turns++;
                    JsonNode u = event.path("usage");
                    usage = usage.plus(new TokenUsage(u.path("input_tokens").asLong(0), u.path("output_tokens").asLong(0),
                            Math.min(u.path("cached_input_tokens").asLong(0), u.path("input_tokens").asLong(0))));
                }
                case "item.completed" -> {
                    JsonNode item = event.path("item");
                    if ("agent_message".equals(item.path("type").asString(""))) {
                        lastMessage = item.path("text").asString("");
                    }
                }
                case "turn.failed" -> failure = event.path("error").path("message").asString("the turn failed");
                case "error" -> failure = event.path("message").asString("error");
                default -> {
                }
            }
        }
        if (!anyEvent) {
            return CliTool.failed("codex exited with " + exitCode + " and printed no JSON events", stderr);
        }
        if (failure != null || exitCode != 0) {
            return new Outcome(StopReason.FAILED, "codex failed (exit " + exitCode + "): "
                    + (failure == null ? CliTool.tail(stderr, 2000) : failure), turns, usage, null);
        }
        return new Outcome(StopReason.DONE, lastMessage, turns, usage, null);
    }
}
