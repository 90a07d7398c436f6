package dev.tamma.orchestrator.api;

import dev.tamma.orchestrator.auth.SecretFile;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * The admin token, read once at startup and kept only as its SHA-256. A presented token is hashed
 * and compared in constant time, so neither its content nor its length leaks through timing.
 */
@Component
public class AdminToken {

    /** Shorter tokens can be guessed; a token from {@code openssl rand -hex 32} has 64 characters. */
    static final int MIN_LENGTH = 24;

    private final byte[] digest;
    private final String user;

    public AdminToken(ApiProperties properties) {
        this.digest = read(properties).map(AdminToken::sha256).orElse(null);
        this.user = properties.adminUser();
    }

    /** Whether an admin token is configured at all. */
    public boolean configured() {
        return digest != null;
    }

    /** Whether {@code presented} is the admin token; false when none is configured. */
    public boolean matches(String presented) {
        if (digest == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(presented));
    }

    /**
     * An HMAC-SHA256 of {@code value} keyed by the token (through its hash): what the dashboard signs
     * its session cookies with, so every replica with the same token accepts them, and changing the
     * token ends every session.
     */
    public byte[] sign(String value) {
        if (digest == null) {
            throw new IllegalStateException("no admin token is configured");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(digest, "HmacSHA256"));
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK has no HmacSHA256", e);
        }
    }

    /** The login the token's commands are made as, when {@code tamma.api.admin-user} is set. */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    private static Optional<String> read(ApiProperties properties) {
        if (properties.adminToken() != null && properties.adminTokenFile() != null) {
            throw new IllegalArgumentException("Set tamma.api.admin-token or tamma.api.admin-token-file, not both");
        }
        String token = properties.adminToken();
        String source = "tamma.api.admin-token";
        if (properties.adminTokenFile() != null) {
            source = "tamma.api.admin-token-file (" + properties.adminTokenFile() + ")";
            token = SecretFile.read(properties.adminTokenFile(), "tamma.api.admin-token-file");
        }
        if (token == null) {
            return Optional.empty();
        }
        if (token.length() < MIN_LENGTH || token.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(source + " must be at least " + MIN_LENGTH
                    + " characters without spaces (for example the output of: openssl rand -hex 32)");
        }
        return Optional.of(token);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no SHA-256", e);
        }
    }
}
