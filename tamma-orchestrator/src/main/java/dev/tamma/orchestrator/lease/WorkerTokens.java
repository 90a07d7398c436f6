package dev.tamma.orchestrator.lease;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Worker bearer tokens. A token is shown once, when created; the database keeps only its SHA-256,
 * which is enough for a random 256-bit secret. Plain JDBC, so the command line can manage tokens
 * without the service.
 */
@Component
public class WorkerTokens {

    /** Every token starts with this, so secret scanners and people can recognise one. */
    public static final String PREFIX = "tamma_wt_";

    /** A token as listed: never the secret. */
    public record Listed(String id, String name, List<String> repositories, List<String> labels, Instant createdAt,
            Instant revokedAt) {
    }

    /** A new token: its id, and the secret to hand to the worker. */
    public record Created(String id, String secret) {
        @Override
        public String toString() {
            return "Created[id=" + id + ", secret=[redacted]]";
        }
    }

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    public WorkerTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Created create(String name, List<String> repositories, List<String> labels) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A worker token needs a name (--name)");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String id = "wt-" + HexFormat.of().formatHex(Arrays.copyOf(bytes, 4));
        jdbc.sql("INSERT INTO worker_token (id, name, token_hash, repositories, labels) VALUES (?, ?, ?, ?::text[], ?::text[])")
                .params(id, name, hash(secret), repositories.toArray(String[]::new), labels.toArray(String[]::new))
                .update();
        return new Created(id, secret);
    }

    /** Whom a presented secret belongs to, if it is a live token. */
    public Optional<WorkerIdentity> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT id, name, repositories, labels FROM worker_token WHERE token_hash = ? AND revoked_at IS NULL")
                .param(hash(secret))
                .query((rs, n) -> new WorkerIdentity(rs.getString(1), rs.getString(2),
                        List.of((String[]) rs.getArray(3).getArray()), List.of((String[]) rs.getArray(4).getArray())))
                .optional();
    }

    /** Revokes a token; false when there is no live token with that id. */
    public boolean revoke(String id) {
        return jdbc.sql("UPDATE worker_token SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL").param(id)
                .update() == 1;
    }

    public List<Listed> list() {
        return jdbc.sql("SELECT id, name, repositories, labels, created_at, revoked_at FROM worker_token ORDER BY created_at")
                .query((rs, n) -> new Listed(rs.getString(1), rs.getString(2),
                        List.of((String[]) rs.getArray(3).getArray()), List.of((String[]) rs.getArray(4).getArray()),
                        rs.getObject(5, OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rs.getObject(6, OffsetDateTime.class)).map(OffsetDateTime::toInstant)
                                .orElse(null)))
                .list();
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
