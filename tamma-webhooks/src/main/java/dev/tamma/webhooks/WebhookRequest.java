package dev.tamma.webhooks;

import java.util.Objects;

/**
 * A delivery as it arrived: the raw body bytes (signatures are computed over exactly these) and
 * the headers. The body array is not copied; do not change it after handing it over.
 * {@link #toString()} shows the size and header names only.
 */
public final class WebhookRequest {

    private final byte[] body;
    private final Headers headers;

    public WebhookRequest(byte[] body, Headers headers) {
        this.body = Objects.requireNonNull(body, "body");
        this.headers = Objects.requireNonNull(headers, "headers");
    }

    public byte[] body() {
        return body;
    }

    public Headers headers() {
        return headers;
    }

    @Override
    public String toString() {
        return "WebhookRequest[" + body.length + " bytes, " + headers + "]";
    }
}
