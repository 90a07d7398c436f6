package dev.tamma.core.platform;

import java.net.URI;
import java.util.Objects;
import java.util.Set;

/** A webhook Tamma asks the platform to deliver to {@code url}, signed with {@code secret}. */
public record WebhookRequest(URI url, Secret secret, Set<WebhookEvent> events) {

    public WebhookRequest {
        Objects.requireNonNull(url, "webhook url");
        if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
            throw new IllegalArgumentException("webhook url must be http or https, got: " + url);
        }
        Objects.requireNonNull(secret, "webhook secret");
        events = Set.copyOf(Objects.requireNonNull(events, "webhook events"));
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a webhook needs at least one event");
        }
    }

    public enum WebhookEvent {
        ISSUES, ISSUE_COMMENTS, PULL_REQUESTS, PULL_REQUEST_REVIEWS, PUSHES, CHECKS
    }
}
