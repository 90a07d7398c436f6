package dev.tamma.core.ai;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collector;

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

        /** The dimension named {@code name} in any case ({@code step}, {@code MODEL}). */
        public static Dimension parse(String name) {
            return Arrays.stream(values())
                    .filter(d -> d.name().equalsIgnoreCase(String.valueOf(name).strip()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Cannot group costs by '" + name + "'; use one of "
                            + Arrays.stream(values()).map(d -> d.name().toLowerCase(Locale.ROOT)).toList()));
        }
    }

    /**
     * @param unpricedCalls calls whose model the price table did not know: their cost is missing from {@code costUsd}
     * @param failedCalls   calls that did not succeed
     */
    public record Line(String key, long calls, long failedCalls, long inputTokens, long outputTokens,
            long cachedInputTokens, BigDecimal costUsd, long unpricedCalls) {

        static Line empty(String key) {
            return new Line(key, 0, 0, 0, 0, 0, BigDecimal.ZERO, 0);
        }

        Line plus(AiCallRecorded call) {
            return new Line(key, calls + 1, failedCalls + (call.outcome() == AiCallRecorded.Outcome.SUCCESS ? 0 : 1),
                    inputTokens + call.usage().inputTokens(), outputTokens + call.usage().outputTokens(),
                    cachedInputTokens + call.usage().cachedInputTokens(), costUsd.add(call.costUsd()),
                    unpricedCalls + (call.priceKnown() ? 0 : 1));
        }

        Line plus(Line other) {
            return new Line(key, calls + other.calls, failedCalls + other.failedCalls, inputTokens + other.inputTokens,
                    outputTokens + other.outputTokens, cachedInputTokens + other.cachedInputTokens,
                    costUsd.add(other.costUsd), unpricedCalls + other.unpricedCalls);
        }
    }

    public CostReport {
        Objects.requireNonNull(dimension, "dimension");
        lines = List.copyOf(lines);
        Objects.requireNonNull(totalUsd, "totalUsd");
    }

    public static CostReport of(Dimension dimension, Collection<AiCallRecorded> calls) {
        return calls.stream().collect(collector(dimension));
    }

    /**
     * Sums calls as they stream past, keeping one line per key and never the calls themselves: for
     * reports over more calls than fit in memory.
     */
    public static Collector<AiCallRecorded, ?, CostReport> collector(Dimension dimension) {
        Objects.requireNonNull(dimension, "dimension");
        return Collector.<AiCallRecorded, Map<String, Line>, CostReport>of(
                LinkedHashMap::new,
                (lines, call) -> {
                    String key = dimension.key.apply(call);
                    lines.put(key, lines.getOrDefault(key, Line.empty(key)).plus(call));
                },
                (left, right) -> {
                    right.forEach((key, line) -> left.merge(key, line, Line::plus));
                    return left;
                },
                lines -> {
                    List<Line> sorted = lines.values().stream()
                            .sorted(Comparator.comparing(Line::costUsd).reversed().thenComparing(Line::key))
                            .toList();
                    return new CostReport(dimension, sorted,
                            sorted.stream().map(Line::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add));
                });
    }

    /** Every line added up, keyed {@code total}. */
    public Line total() {
        return lines.stream().reduce(Line.empty("total"), Line::plus);
    }

    /** Whether some calls had no known price, so the totals are lower bounds. */
    public boolean incomplete() {
        return lines.stream().anyMatch(line -> line.unpricedCalls() > 0);
    }
}
