package dev.tamma.core.ai;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Spend summed by one dimension, from recorded calls: what {@code tamma costs} prints.
 *
 * @param dimension what the lines are keyed by
 * @param lines     one line per key, most expensive first
 * @param totalUsd  the sum of all lines
 */
public record CostReport(Dimension dimension, List<Line> lines, BigDecimal totalUsd) {

    /** What spend can be grouped by. */
    public enum Dimension {
        REPOSITORY(call -> call.context().repository()),
        ISSUE(call -> call.context().repository() + "#" + call.context().issue()),
        STEP(call -> call.context().step().slug()),
        PROVIDER(AiCallRecorded::provider),
        MODEL(call -> call.provider() + ":" + call.model());

        private final Function<AiCallRecorded, String> key;

        Dimension(Function<AiCallRecorded, String> key) {
            this.key = key;
        }
    }

    /**
     * @param unpricedCalls calls whose model the price table did not know: their cost is missing from {@code costUsd}
     * @param failedCalls   calls that did not succeed
     */
    public record Line(String key, long calls, long failedCalls, long inputTokens, long outputTokens,
            long cachedInputTokens, BigDecimal costUsd, long unpricedCalls) {

        Line plus(AiCallRecorded call) {
            return new Line(key, calls + 1, failedCalls + (call.outcome() == AiCallRecorded.Outcome.SUCCESS ? 0 : 1),
                    inputTokens + call.usage().inputTokens(), outputTokens + call.usage().outputTokens(),
                    cachedInputTokens + call.usage().cachedInputTokens(), costUsd.add(call.costUsd()),
                    unpricedCalls + (call.priceKnown() ? 0 : 1));
        }
    }

    public CostReport {
        Objects.requireNonNull(dimension, "dimension");
        lines = List.copyOf(lines);
        Objects.requireNonNull(totalUsd, "totalUsd");
    }

    public static CostReport of(Dimension dimension, Collection<AiCallRecorded> calls) {
        Map<String, Line> lines = new LinkedHashMap<>();
        BigDecimal total = BigDecimal.ZERO;
        for (AiCallRecorded call : calls) {
            String key = dimension.key.apply(call);
            lines.put(key, lines.getOrDefault(key, new Line(key, 0, 0, 0, 0, 0, BigDecimal.ZERO, 0)).plus(call));
            total = total.add(call.costUsd());
        }
        List<Line> sorted = lines.values().stream()
                .sorted(Comparator.comparing(Line::costUsd).reversed().thenComparing(Line::key))
                .toList();
        return new CostReport(dimension, sorted, total);
    }

    /** Whether some calls had no known price, so the totals are lower bounds. */
    public boolean incomplete() {
        return lines.stream().anyMatch(line -> line.unpricedCalls() > 0);
    }
}
