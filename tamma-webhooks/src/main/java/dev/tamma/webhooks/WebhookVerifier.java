package dev.tamma.webhooks;

import dev.tamma.core.webhook.Platform;

/**
 * Checks that a delivery was sent by the platform, on the raw body bytes and before anything is
 * parsed. Implementations hold one or more active secrets (several at once during rotation),
 * refuse to be built without one, compare in constant time and never reveal a secret or the
 * received credential in a result, an exception or {@code toString()}. Thread-safe.
 */
public interface WebhookVerifier {

    Platform platform();

    Verification verify(WebhookRequest request);
}
