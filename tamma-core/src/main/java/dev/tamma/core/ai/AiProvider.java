package dev.tamma.core.ai;

/**
 * A chat model behind one vendor's API: messages in, text or tool calls out, with token usage.
 *
 * <p>Implementations throw {@link AiCallException} for every failure of the call itself, with a
 * {@link AiCallException.Kind} that tells the router whether to retry, fall back, or give up.
 */
public interface AiProvider {

    /** The provider's id as configured, e.g. {@code anthropic}, {@code openrouter}. */
    String id();

    /** Sends one chat request and waits for the complete answer. */
    ChatResult chat(ChatRequest request);
}
