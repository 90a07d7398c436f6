package dev.tamma.webhooks;

import dev.tamma.core.webhook.Platform;
import java.util.Objects;

/**
 * A webhook endpoint is configured wrongly, typically without a secret. The message names the
 * platform and the configuration key to set, never a secret's value.
 */
public final class WebhookConfigurationException extends IllegalArgumentException {

    private final Platform platform;
    private final String key;

    public WebhookConfigurationException(Platform platform, String key, String problem) {
        super(platform.displayName() + " webhooks: " + problem + "; set " + key + " (environment variable "
                + environmentVariable(key) + "). Until then every " + platform.displayName()
                + " delivery is refused.");
        this.platform = Objects.requireNonNull(platform, "platform");
        this.key = Objects.requireNonNull(key, "key");
    }

    public Platform platform() {
        return platform;
    }

    /** The configuration key to set, as in {@code application.yml}. */
    public String key() {
        return key;
    }

    /** Spring's relaxed binding name for {@code key}: {@code tamma.webhooks.github.secrets} is {@code TAMMA_WEBHOOKS_GITHUB_SECRETS}. */
    public static String environmentVariable(String key) {
        return key.replace('.', '_').replace("-", "").toUpperCase(java.util.Locale.ROOT);
    }
}
