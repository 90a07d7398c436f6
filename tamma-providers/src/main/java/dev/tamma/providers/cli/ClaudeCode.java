package dev.tamma.providers.cli;

import dev.tamma.core.ai.CodingResult.StopReason;
import dev.tamma.core.ai.CodingTask;
import dev.tamma.core.ai.TokenUsage;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Claude Code headless: {@code claude -p <instructions> --output-format json --max-turns N
 * --permission-mode acceptEdits}. It prints one JSON result: {@code subtype}, {@code is_error},
 * {@code result}, {@code num_turns}, {@code total_cost_usd} and {@code usage}.
 */
public record ClaudeCode() implements CliTool {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public String id() {
        return "claude-code";
    }

    @Override
    public String defaultExecutable() {
        return "claude";
    }

    @Override
    public List<String> keyVariables() {
        return List.of("ANTHROPIC_API_KEY");
    }

    @Override
    public List<String> arguments(CodingTask task) {
        return List.of("-p", task.instructions(), "--output-format", "json", "--max-turns",
                String.valueOf(task.maxIterations()), "--permission-mode", "acceptEdits");
    }

    @Override
    public Outcome parse(String stdout, String stderr, int exitCode) {
        JsonNode result;
        try {
            result = JSON.readTree(lastJsonLine(stdout));
        } catch (JacksonException | IllegalArgumentException e) {
            return CliTool.failed("claude exited with " + exitCode + " and did not print its JSON result", stderr);
        }
        if (result == null || !result.isObject() || !"result".equals(result.path("type").asString(""))) {
            return CliTool.failed("claude exited with " + exitCode + " and printed no result object", stderr);
        }
        String subtype = result.path("subtype").asString("");
        JsonNode usage = result.path("usage");
        long read = usage.path("cache_read_input_tokens").asLong(0);
        long written = usage.path("cache_creation_input_tokens").asLong(0);
        TokenUsage tokens = new TokenUsage(usage.path("input_tokens").asLong(0) + read + written,
                usage.path("output_tokens").asLong(0), read);
        StopReason stop;
        if (subtype.equals("error_max_turns")) {
            stop = StopReason.ITERATION_LIMIT;
        } else if (subtype.equals("success") && !result.path("is_error").asBoolean(false) && exitCode == 0) {
            stop = StopReason.DONE;
        } else {
            stop = StopReason.FAILED;
        }
        String summary = result.path("result").asString("");
        if (stop == StopReason.FAILED) {
            summary = "claude ended with " + (subtype.isEmpty() ? "an error" : subtype) + " (exit " + exitCode + ")"
                    + (summary.isEmpty() ? "" : ": " + summary);
        }
        return new Outcome(stop, summary, result.path("num_turns").asInt(0), tokens,
                result.has("total_cost_usd") ? result.path("total_cost_usd").decimalValue() : null);
    }

    private static String lastJsonLine(String stdout) {
        String[] lines = stdout.strip().split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (lines[i].strip().startsWith("{")) {
                return lines[i];
            }
        }
        throw new IllegalArgumentException("no JSON line");
    }
}
