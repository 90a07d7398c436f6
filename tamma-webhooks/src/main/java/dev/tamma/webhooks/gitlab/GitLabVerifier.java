package dev.tamma.webhooks.gitlab;

import dev.tamma.core.webhook.Platform;
import dev.tamma.webhooks.Crypto;
import dev.tamma.webhooks.Refusal;
import dev.tamma.webhooks.Secrets;
import dev.tamma.webhooks.Verification;
import dev.tamma.webhooks.Verification.Rejected;
import dev.tamma.webhooks.WebhookConfigurationException;
import dev.tamma.webhooks.WebhookRequest;
import dev.tamma.webhooks.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * GitLab has two credentials, and an endpoint may use either or both; every one configured is
 * required on each delivery.
 * <ul>
 *   <li>The secret token, sent as it is in {@code X-Gitlab-Token}: compared in constant time.</li>
 *   <li>The signing token (newer GitLab, following the Standard Webhooks scheme): {@code
 *       webhook-signature: v1,<base64 HMAC-SHA256>} over {@code <webhook-id>.<webhook-timestamp>.<body>},
 *       keyed with the base64 part of the {@code whsec_...} token. The timestamp must be within
 *       {@link #DEFAULT_TOLERANCE} of the clock, so a captured delivery cannot be replayed later.</li>
 * </ul>
 */
public final class GitLabVerifier implements WebhookVerifier {

    public static final String TOKEN_HEADER = "X-Gitlab-Token";
    public static final String SIGNATURE_HEADER = "webhook-signature";
    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String TOKENS_KEY = "tamma.webhooks.gitlab.tokens";
    public static final String SIGNING_TOKENS_KEY = "tamma.webhooks.gitlab.signing-tokens";
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final String SIGNING_PREFIX = "whsec_";

    private final List<byte[]> tokens;
    private final List<byte[]> signingKeys;
    private final Clock clock;
    private final Duration tolerance;

    /** An endpoint checking the secret token only. */
    public GitLabVerifier(Collection<String> tokens) {
        this(tokens, List.of(), Clock.systemUTC(), DEFAULT_TOLERANCE);
    }

    /**
     * @param tokens active secret tokens ({@code X-Gitlab-Token}); may be empty if signing tokens are set
     * @param signingTokens active signing tokens ({@code whsec_<base64>}); may be empty if tokens are set
     * @throws WebhookConfigurationException when neither is configured, or a signing token is not
     *     {@code whsec_} followed by base64
     */
    public GitLabVerifier(Collection<String> tokens, Collection<String> signingTokens, Clock clock, Duration tolerance) {
        this.tokens = Secrets.nonBlank(tokens);
        this.signingKeys = signingKeys(signingTokens);
        if (this.tokens.isEmpty() && this.signingKeys.isEmpty()) {
            throw new WebhookConfigurationException(Platform.GITLAB, TOKENS_KEY + " or " + SIGNING_TOKENS_KEY,
                    "no secret token or signing token is configured");
        }
        this.clock = clock;
        this.tolerance = tolerance;
    }

    private static List<byte[]> signingKeys(Collection<String> signingTokens) {
        List<byte[]> keys = new ArrayList<>();
        if (signingTokens == null) {
            return List.of();
        }
        int position = 0;
        for (String token : signingTokens) {
            position++;
            if (token == null || token.isBlank()) {
                continue;
            }
            String encoded = token.strip();
            if (encoded.startsWith(SIGNING_PREFIX)) {
                encoded = encoded.substring(SIGNING_PREFIX.length());
            }
            try {
                byte[] key = Base64.getDecoder().decode(encoded);
                if (key.length == 0) {
                    throw new IllegalArgumentException("empty");
                }
                keys.add(key);
            } catch (IllegalArgumentException e) {
                throw new WebhookConfigurationException(Platform.GITLAB, SIGNING_TOKENS_KEY,
                        "signing token number " + position + " is not whsec_ followed by base64");
            }
        }
        return List.copyOf(keys);
    }

    @Override
    public Platform platform() {
        return Platform.GITLAB;
    }

    @Override
    public Verification verify(WebhookRequest request) {
        if (!tokens.isEmpty()) {
            Verification token = verifyToken(request);
            if (!token.isVerified()) {
                return token;
            }
        }
        if (!signingKeys.isEmpty()) {
            return verifySignature(request);
        }
        return Verification.VERIFIED;
    }

    private Verification verifyToken(WebhookRequest request) {
        Optional<String> received = request.headers().first(TOKEN_HEADER);
        if (received.isEmpty()) {
            return Rejected.missingHeader(TOKEN_HEADER);
        }
        byte[] given = received.get().getBytes(StandardCharsets.UTF_8);
        boolean matched = false;
        for (byte[] token : tokens) {
            matched |= Crypto.tokenEquals(token, given);
        }
        return matched ? Verification.VERIFIED : Rejected.mismatch("token");
    }

    private Verification verifySignature(WebhookRequest request) {
        var headers = request.headers();
        for (String name : List.of(SIGNATURE_HEADER, ID_HEADER, TIMESTAMP_HEADER)) {
            if (!headers.contains(name)) {
                return Rejected.missingHeader(name);
            }
        }
        String id = headers.first(ID_HEADER).orElseThrow();
        String timestamp = headers.first(TIMESTAMP_HEADER).orElseThrow();
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return Rejected.malformed(TIMESTAMP_HEADER, "<seconds since the epoch>");
        }
        Instant sent = Instant.ofEpochSecond(seconds);
        Instant now = clock.instant();
        if (sent.isBefore(now.minus(tolerance)) || sent.isAfter(now.plus(tolerance))) {
            return new Rejected(Refusal.BAD_CREDENTIALS,
                    "header " + TIMESTAMP_HEADER + " is more than " + tolerance.toSeconds() + " seconds from now");
        }
        List<byte[]> received = new ArrayList<>();
        for (String entry : headers.first(SIGNATURE_HEADER).orElseThrow().split(" ")) {
            if (entry.startsWith("v1,")) {
                try {
                    received.add(Base64.getDecoder().decode(entry.substring(3)));
                } catch (IllegalArgumentException e) {
                    // an entry that is not base64 cannot match; the others may
                }
            }
        }
        if (received.isEmpty()) {
            return Rejected.malformed(SIGNATURE_HEADER, "v1,<base64 HMAC-SHA256>");
        }
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        boolean matched = false;
        for (byte[] key : signingKeys) {
            byte[] expected = Crypto.hmacSha256(key, prefix, request.body());
            for (byte[] signature : received) {
                matched |= Crypto.macEquals(expected, signature);
            }
        }
        return matched ? Verification.VERIFIED : Rejected.mismatch("signature");
    }

    /** The {@code webhook-signature} value a sender computes, for tests and tools. */
    public static String sign(String signingToken, String id, long timestamp, byte[] body) {
        String encoded = signingToken.startsWith(SIGNING_PREFIX) ? signingToken.substring(SIGNING_PREFIX.length()) : signingToken;
        byte[] mac = Crypto.hmacSha256(Base64.getDecoder().decode(encoded),
                (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
        return "v1," + Base64.getEncoder().encodeToString(mac);
    }

    @Override
    public String toString() {
        return "GitLabVerifier[" + tokens.size() + " token(s), " + signingKeys.size() + " signing token(s)]";
    }
}
