package dev.tamma.webhooks;

import dev.tamma.core.webhook.Normalisation;
import dev.tamma.core.webhook.Platform;

/**
 * Turns a verified delivery into platform-neutral events. Pure: no I/O, no clock; the same
 * delivery always gives the same result, so the engine may normalise again from the inbox.
 */
public interface WebhookNormaliser {

    Platform platform();

    /**
     * The events of {@code request}, or {@code Ignored} with the platform's event name for an event
     * type or action Tamma does not use.
     *
     * @throws PayloadException when the body is not the JSON the platform sends
     */
    Normalisation normalise(WebhookRequest request);

    /** The id the inbox dedupes {@code request} on (platform header, else body hash). */
    String deliveryId(WebhookRequest request);

    /** Whether the platform may send the form-encoded {@code payload=} variant. */
    default boolean acceptsFormEncoding() {
        return false;
    }
}
