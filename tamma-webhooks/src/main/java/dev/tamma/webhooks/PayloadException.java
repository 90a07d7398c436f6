package dev.tamma.webhooks;

import java.util.Objects;

/**
 * A verified delivery cannot be read: wrong Content-Type, a body that is not JSON, or a JSON
 * document without what the platform always sends. The message says what is wrong and never
 * quotes the body.
 */
public final class PayloadException extends RuntimeException {

    private final Refusal refusal;

    public PayloadException(Refusal refusal, String message) {
        super(message);
        this.refusal = Objects.requireNonNull(refusal, "refusal");
    }

    public PayloadException(Refusal refusal, String message, Throwable cause) {
        super(message, cause);
        this.refusal = Objects.requireNonNull(refusal, "refusal");
    }

    public static PayloadException malformed(String message) {
        return new PayloadException(Refusal.MALFORMED_PAYLOAD, message);
    }

    public Refusal refusal() {
        return refusal;
    }
}
