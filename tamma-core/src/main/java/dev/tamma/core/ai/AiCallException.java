package dev.tamma.core.ai;

import dev.tamma.core.workflow.FailureCause;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A chat call failed. The {@link Kind} decides what happens next: retry the same provider, fall
 * back to the next one, or stop. Messages never carry API keys.
 */
public class AiCallException extends RuntimeException {

    /** What went wrong, as far as retrying and fallback care. */
    public enum Kind {
        /** HTTP 429: retried with the vendor's {@code Retry-After}; falls back once retries run out. */
        RATE_LIMITED(true, true),
        /** HTTP 529 (Anthropic) or 503 with an overload body: the vendor is overloaded. */
        OVERLOADED(true, true),
        /** HTTP 5xx. */
        SERVER_ERROR(true, true),
        /** No answer in time, or the connection failed. */
        TIMEOUT(true, true),
        /** The circuit breaker, rate limiter or bulkhead refused the call without sending it. */
        NOT_PERMITTED(false, true),
        /** The vendor answered something that is not its documented format. */
        MALFORMED_RESPONSE(false, true),
        /** HTTP 401/403 or a missing key: no retry or other model helps. */
        AUTHENTICATION(false, false),
        /** HTTP 400/404/422: the request itself is wrong. */
        INVALID_REQUEST(false, false),
        /** The call would exceed a budget and was not made. */
        BUDGET_EXCEEDED(false, false),
        /** Anything else. */
        OTHER(false, false);

        private final boolean retryable;
        private final boolean fallbackWorthy;

        Kind(boolean retryable, boolean fallbackWorthy) {
            this.retryable = retryable;
            this.fallbackWorthy = fallbackWorthy;
        }

        public boolean retryable() {
            return retryable;
        }

        public boolean fallbackWorthy() {
            return fallbackWorthy;
        }
    }

    private final String provider;
    private final Kind kind;
    private final int httpStatus;
    private final Duration retryAfter;

    public AiCallException(String provider, Kind kind, int httpStatus, Duration retryAfter, String message,
            Throwable cause) {
        super("[" + provider + "] " + kind + (httpStatus > 0 ? " (HTTP " + httpStatus + ")" : "") + ": " + message,
                cause);
        this.provider = Objects.requireNonNull(provider, "provider");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    public AiCallException(String provider, Kind kind, String message) {
        this(provider, kind, 0, null, message, null);
    }

    public String provider() {
        return provider;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status the vendor answered with, or 0 when the call got no HTTP answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** How long the vendor asked us to wait (its {@code Retry-After}), when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** How the workflow should treat a step that ends with this failure. */
    public FailureCause failureCause() {
        return kind == Kind.AUTHENTICATION || kind == Kind.INVALID_REQUEST || kind == Kind.BUDGET_EXCEEDED
                ? FailureCause.STRUCTURAL
                : kind == Kind.TIMEOUT ? FailureCause.TIMEOUT : FailureCause.TRANSIENT;
    }
}
