package dev.tamma.providers.cli;

import dev.tamma.core.ai.CodingResult.StopReason;
import dev.tamma.core.ai.CodingTask;
import dev.tamma.core.ai.TokenUsage;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Aider scripted: {@code aider --message <instructions> --yes --no-auto-commits --no-stream
 * --no-pretty}. It prints text; cost and tokens come from its
 * {@code Tokens: 1.2k sent, 300 received. Cost: $0.01 message, $0.02 session.} lines.
 *
 * @param keyVariables the keys of whichever model aider is configured to use
 */
public record Aider(List<String> keyVariables) implements CliTool {

    private static final Pattern TOKENS = Pattern.compile("Tokens: ([\\d.,]+)(k?) sent(?:, ([\\d.,]+)(k?) cache write)?"
            + "(?:, ([\\d.,]+)(k?) cache hit)?, ([\\d.,]+)(k?) received");
    private static final Pattern COST = Pattern.compile("Cost: \\$([\\d.]+) message, \\$([\\d.]+) session");

    public Aider {
        keyVariables = List.copyOf(keyVariables);
    }

    @Override
    public String id() {
        return "aider";
    }

    @Override
    public String defaultExecutable() {
        return "aider";
    }

    @Override
    public List<String> arguments(CodingTask task) {
        return List.of("--message", task.instructions(), "--yes", "--no-auto-commits", "--no-stream", "--no-pretty");
    }

    @Override
    public Outcome parse(String stdout, String stderr, int exitCode) {
        long sent = 0;
        long received = 0;
        long cached = 0;
        Matcher tokens = TOKENS.matcher(stdout);
        while (tokens.find()) {
            sent += count(tokens.group(1), tokens.group(2));
            cached += tokens.group(5) == null ? 0 : count(tokens.group(5), tokens.group(6));
            received += count(tokens.group(7), tokens.group(8));
        }
        BigDecimal cost = null;
        Matcher costs = COST.matcher(stdout);
        while (costs.find()) {
            cost = new BigDecimal(costs.group(2));
        }
        TokenUsage usage = new TokenUsage(sent, received, Math.min(cached, sent));
        if (exitCode != 0) {
            return new Outcome(StopReason.FAILED, "aider exited with " + exitCode + ": " + CliTool.tail(stderr.isBlank()
                    ? stdout : stderr, 2000), 1, usage, cost);
        }
        return new Outcome(StopReason.DONE, CliTool.tail(stdout, 2000), 1, usage, cost);
    }

    private static long count(String number, String thousands) {
        double value = Double.parseDouble(number.replace(",", ""));
        return Math.round(thousands.isEmpty() ? value : value * 1000);
    }
}
