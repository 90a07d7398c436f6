package dev.tamma.webhooks;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The id the inbox dedupes a delivery on: the platform's delivery header when it is present and
 * sane, else the SHA-256 of the body (a redelivered body is byte-identical).
 */
public final class DeliveryIds {

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:{}\\-]{1,200}");

    private DeliveryIds() {
    }

    /** The first of {@code headerNames} present with a sane value, else the body's SHA-256 in hex. */
    public static String of(WebhookRequest request, String... headerNames) {
        for (String name : headerNames) {
            Optional<String> value = request.headers().first(name).filter(v -> SANE.matcher(v).matches());
            if (value.isPresent()) {
                return value.get();
            }
        }
        return bodyHash(request);
    }

    /** A platform id read from the body (Azure DevOps), else the body's SHA-256. */
    public static String orBodyHash(String candidate, WebhookRequest request) {
        return candidate != null && SANE.matcher(candidate).matches() ? candidate : bodyHash(request);
    }

    public static String bodyHash(WebhookRequest request) {
        return "sha256:" + Crypto.sha256Hex(request.body());
    }
}
