package dev.tamma.providers.cli;

import dev.tamma.core.ai.CodingResult.StopReason;
import dev.tamma.core.ai.CodingTask;
import dev.tamma.core.ai.TokenUsage;
import java.math.BigDecimal;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * OpenCode: {@code opencode run --format json <instructions>}, which prints JSON lines:
 * {@code text} parts and {@code step_finish} parts with {@code cost} and
 * {@code tokens {input, output, cache {read, write}}}.
 *
 * @param keyVariables the keys of whichever provider OpenCode is configured to use
 */
public record OpenCode(List<String> keyVariables) implements CliTool {

    public OpenCode {
        keyVariables = List.copyOf(keyVariables);
    }

    @Override
    public String id() {
        return "opencode";
    }

    @Override
    public String defaultExecutable() {
        return "opencode";
    }

    @Override
    public List<String> arguments(CodingTask task) {
        return List.of("run", "--format", "json", task.instructions());
    }

    @Override
    public Outcome parse(String stdout, String stderr, int exitCode) {
        TokenUsage usage = TokenUsage.NONE;
        BigDecimal cost = BigDecimal.ZERO;
        String lastText = "";
        String error = null;
        int steps = 0;
        boolean anyEvent = false;
        for (JsonNode event : JsonLines.events(stdout)) {
            anyEvent = true;
            JsonNode part = event.path("part");
            switch (event.path("type").asString("")) {
                case "text" -> lastText = part.path("text").asString(lastText);
                case "step_finish" -> {
                    steps++;
                    JsonNode t = part.path("tokens");
                    long read = t.path("cache").path("read").asLong(0);
                    long input = t.path("input").asLong(0) + read + t.path("cache").path("write").asLong(0);
                    usage = usage.plus(new TokenUsage(input, t.path("output").asLong(0), read));
                    if (part.path("cost").isNumber()) {
                        cost = cost.add(part.path("cost").decimalValue());
                    }
                }
                case "error" -> error = event.path("error").path("data").path("message")
                        .asString(event.path("error").toString());
                default -> {
                }
            }
        }
        if (!anyEvent) {
            return CliTool.failed("opencode exited with " + exitCode + " and printed no JSON events", stderr);
        }
        if (error != null || exitCode != 0) {
            return new Outcome(StopReason.FAILED, "opencode failed (exit " + exitCode + "): "
                    + (error == null ? CliTool.tail(stderr, 2000) : error), steps, usage, cost);
        }
        return new Outcome(StopReason.DONE, lastText, steps, usage, cost);
    }
}
