package dev.tamma.core.webhook;

import java.util.List;
import java.util.Objects;

/**
 * What a verified delivery meant: one or more {@link WebhookEvent}s, or nothing Tamma acts on
 * (an event type or action it does not use). Both carry the delivery id the inbox dedupes on.
 */
public sealed interface Normalisation {

    String deliveryId();

    /** The delivery produced {@code events} (never empty). */
    record Normalised(String deliveryId, List<WebhookEvent> events) implements Normalisation {
        public Normalised {
            Objects.requireNonNull(deliveryId, "deliveryId");
            events = List.copyOf(events);
            if (events.isEmpty()) {
                throw new IllegalArgumentException("a normalised delivery has at least one event; use Ignored");
            }
        }
    }

    /**
     * The delivery is valid but means nothing to Tamma. {@code eventType} is the platform's name for
     * it ({@code ping}, {@code issues.opened}, {@code Wiki Page Hook}), for counting; {@code reason}
     * says why it is dropped.
     */
    record Ignored(String deliveryId, String eventType, String reason) implements Normalisation {
        public Ignored {
            Objects.requireNonNull(deliveryId, "deliveryId");
            eventType = Objects.requireNonNullElse(eventType, "");
            reason = Objects.requireNonNullElse(reason, "");
        }
    }
}
