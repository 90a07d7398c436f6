package dev.tamma.providers.cost;

import dev.tamma.core.ai.TokenUsage;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A model's list price, in US dollars per million tokens.
 *
 * @param input       per million uncached input tokens
 * @param output      per million output tokens
 * @param cachedInput per million input tokens read from the prompt cache
 */
public record Price(BigDecimal input, BigDecimal output, BigDecimal cachedInput) {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    public Price {
        requireNonNegative("input", input);
        requireNonNegative("output", output);
        cachedInput = cachedInput == null ? input : cachedInput;
        requireNonNegative("cachedInput", cachedInput);
    }

    /** What {@code usage} costs, to the millionth of a dollar. */
    public BigDecimal cost(TokenUsage usage) {
        BigDecimal uncached = BigDecimal.valueOf(usage.inputTokens() - usage.cachedInputTokens()).multiply(input);
        BigDecimal cached = BigDecimal.valueOf(usage.cachedInputTokens()).multiply(cachedInput);
        BigDecimal out = BigDecimal.valueOf(usage.outputTokens()).multiply(output);
        return uncached.add(cached).add(out).divide(MILLION, 6, RoundingMode.HALF_UP);
    }

    private static void requireNonNegative(String what, BigDecimal value) {
        if (value == null || value.signum() < 0) {
            throw new IllegalArgumentException("price " + what + " must be zero or more, got " + value);
        }
    }
}
