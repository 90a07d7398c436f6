package dev.tamma.providers.langchain4j;

import dev.langchain4j.exception.HttpException;
import java.time.Duration;
import java.util.Optional;

/**
 * A vendor's non-2xx answer, with what LangChain4j's own {@link HttpException} leaves out: the
 * {@code Retry-After} the vendor sent.
 */
public final class VendorHttpException extends HttpException {

    private final transient Duration retryAfter;

    public VendorHttpException(int statusCode, String body, Duration retryAfter) {
        super(statusCode, body);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
