package dev.tamma.webhooks;

import dev.tamma.core.webhook.Platform;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Reads the configured secrets of a platform: blank entries are ignored, none at all is an error. */
public final class Secrets {

    private Secrets() {
    }

    /** The configuration key for a platform's list of shared secrets. */
    public static String secretsKey(Platform platform) {
        return "tamma.webhooks." + platform.id() + ".secrets";
    }

    /**
     * The non-blank {@code secrets} as UTF-8 bytes.
     *
     * @throws WebhookConfigurationException naming {@code platform} and {@code key} when there is none
     */
    public static List<byte[]> required(Platform platform, String key, Collection<String> secrets) {
        List<byte[]> keys = nonBlank(secrets);
        if (keys.isEmpty()) {
            throw new WebhookConfigurationException(platform, key, "no secret is configured");
        }
        return keys;
    }

    /** The non-blank {@code secrets} as UTF-8 bytes, possibly none. */
    public static List<byte[]> nonBlank(Collection<String> secrets) {
        List<byte[]> keys = new ArrayList<>();
        if (secrets != null) {
            for (String secret : secrets) {
                if (secret != null && !secret.isBlank()) {
                    keys.add(secret.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return List.copyOf(keys);
    }
}
