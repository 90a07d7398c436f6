package dev.tamma.webhooks;

import java.util.List;
import java.util.Optional;

/**
 * The scheme GitHub, Gitea, Forgejo and Bitbucket Cloud share: the hex HMAC-SHA256 of the raw body
 * under the webhook secret, in one header, optionally behind a prefix such as {@code sha256=}.
 */
public final class HmacHexSignatures {

    private final List<byte[]> keys;

    public HmacHexSignatures(List<byte[]> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one key");
        }
        this.keys = List.copyOf(keys);
    }

    /**
     * Checks {@code header} of {@code request}: it must be present, be {@code prefix} followed by
     * 64 hex digits, and match the body's HMAC under one of the keys.
     */
    public Verification verify(WebhookRequest request, String header, String prefix) {
        Optional<String> value = request.headers().first(header);
        if (value.isEmpty()) {
            return Verification.Rejected.missingHeader(header);
        }
        String signature = value.get();
        if (!signature.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return Verification.Rejected.malformed(header, prefix + "<hex HMAC-SHA256>");
        }
        Optional<byte[]> received = Crypto.parseHex(signature.substring(prefix.length()));
        if (received.isEmpty() || received.get().length != 32) {
            return Verification.Rejected.malformed(header, prefix + "<hex HMAC-SHA256>");
        }
        return matchesAny(request.body(), received.get())
                ? Verification.VERIFIED
                : Verification.Rejected.mismatch("signature");
    }

    private boolean matchesAny(byte[] body, byte[] received) {
        boolean matched = false;
        for (byte[] key : keys) {
            // every key is tried, so the time taken does not say which one matched
            matched |= Crypto.macEquals(Crypto.hmacSha256(key, body), received);
        }
        return matched;
    }

    /** The header value a sender computes, for tests and tools: {@code prefix + hex(HMAC)}. */
    public static String sign(byte[] secret, byte[] body, String prefix) {
        return prefix + Crypto.hex(Crypto.hmacSha256(secret, body));
    }

    @Override
    public String toString() {
        return "HmacHexSignatures[" + keys.size() + " key(s)]";
    }
}
