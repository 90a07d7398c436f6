package dev.tamma.core.ai;

/**
 * Tokens one call consumed, as the vendor reported them.
 *
 * @param inputTokens       prompt tokens, cached ones included
 * @param outputTokens      answer tokens
 * @param cachedInputTokens the part of {@code inputTokens} served from the vendor's prompt cache
 */
public record TokenUsage(long inputTokens, long outputTokens, long cachedInputTokens) {
    public static final TokenUsage NONE = new TokenUsage(0, 0, 0);

    public TokenUsage {
        if (inputTokens < 0 || outputTokens < 0 || cachedInputTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative, got in=" + inputTokens
                    + " out=" + outputTokens + " cached=" + cachedInputTokens);
        }
        if (cachedInputTokens > inputTokens) {
            throw new IllegalArgumentException("cachedInputTokens (" + cachedInputTokens
                    + ") cannot exceed inputTokens (" + inputTokens + ")");
        }
    }

    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(inputTokens + other.inputTokens, outputTokens + other.outputTokens,
                cachedInputTokens + other.cachedInputTokens);
    }
}
