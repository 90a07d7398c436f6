package dev.tamma.core.webhook;

import java.util.Objects;

/**
 * Where an event came from: the platform, the delivery it arrived in (the platform's delivery id,
 * else the SHA-256 of the body, so the inbox can refuse duplicates), the repository's full name as
 * the platform spells it ({@code owner/name}, {@code group/subgroup/name}, {@code project/repo} on
 * Azure DevOps) and the account that caused it.
 */
public record Delivery(Platform platform, String deliveryId, String repository, Actor actor) {

    public Delivery {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(deliveryId, "deliveryId");
        if (deliveryId.isBlank()) {
            throw new IllegalArgumentException("deliveryId is blank");
        }
        repository = Objects.requireNonNullElse(repository, "");
        actor = Objects.requireNonNullElse(actor, Actor.UNKNOWN);
    }
}
