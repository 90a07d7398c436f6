package dev.tamma.webhooks;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256, SHA-256 and constant-time comparison, as the verifiers need them. */
public final class Crypto {

    private static final HexFormat HEX = HexFormat.of();

    private Crypto() {
    }

    /** HMAC-SHA256 of the concatenated {@code parts} under {@code key}. */
    public static byte[] hmacSha256(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Lowercase hex of the SHA-256 of {@code data}: the delivery id of a delivery without one. */
    public static String sha256Hex(byte[] data) {
        return HEX.formatHex(sha256(data));
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** The bytes {@code hex} spells (either case), or empty when it is not hex. */
    public static Optional<byte[]> parseHex(String hex) {
        if (hex.isEmpty() || hex.length() % 2 != 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(HEX.parseHex(hex));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Constant-time equality of two MACs (time depends on the length only). */
    public static boolean macEquals(byte[] expected, byte[] received) {
        return MessageDigest.isEqual(expected, received);
    }

    /**
     * Constant-time equality of a plain token or password with the expected one. Both sides are
     * hashed first so that the comparison does not even reveal the expected length.
     */
    public static boolean tokenEquals(byte[] expected, byte[] received) {
        return MessageDigest.isEqual(sha256(expected), sha256(received));
    }
}
