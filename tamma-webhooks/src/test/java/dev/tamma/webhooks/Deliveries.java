package dev.tamma.webhooks;

import java.nio.charset.StandardCharsets;

/** Builds unsigned deliveries for normaliser tests (normalisers run after verification). */
public final class Deliveries {

    private Deliveries() {
    }

    /** A JSON delivery with {@code body} and the given header names and values. */
    public static WebhookRequest json(String body, String... headers) {
        return new WebhookRequest(body.getBytes(StandardCharsets.UTF_8),
                Headers.of(headers).with("Content-Type", "application/json"));
    }
}
