package dev.tamma.core.platform;

import dev.tamma.core.workflow.FailureCause;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A platform refused or failed a call. The {@link Kind} says why in platform-neutral terms and
 * decides whether the workflow retries ({@link FailureCause#TRANSIENT}) or asks a person at once
 * ({@link FailureCause#STRUCTURAL}). Messages never contain tokens.
 */
public final class PlatformException extends RuntimeException {

    public enum Kind {
        /** The credentials were refused (401). */
        UNAUTHORIZED(FailureCause.STRUCTURAL),
        /** The credentials lack a permission (403 without a rate limit). */
        FORBIDDEN(FailureCause.STRUCTURAL),
        /** Too many requests; {@link #retryAt()} says when to try again. */
        RATE_LIMITED(FailureCause.TRANSIENT),
        /** The thing asked for does not exist, or is hidden from these credentials (404). */
        NOT_FOUND(FailureCause.STRUCTURAL),
        /** The change clashes with the current state: a merge conflict, a head that moved (409). */
        CONFLICT(FailureCause.TRANSIENT),
        /** The platform rejected what Tamma sent (422, 400). */
        INVALID(FailureCause.STRUCTURAL),
        /** The platform does not have this feature at all; see {@link Capabilities}. */
        UNSUPPORTED(FailureCause.STRUCTURAL),
        /** The platform is down or the network failed (5xx, I/O). */
        UNAVAILABLE(FailureCause.TRANSIENT);

        private final FailureCause cause;

        Kind(FailureCause cause) {
            this.cause = cause;
        }
    }

    private final Kind kind;
    private final int status;
    private final Instant retryAt;

    public PlatformException(Kind kind, int status, String message, Instant retryAt, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.status = status;
        this.retryAt = retryAt;
    }

    public PlatformException(Kind kind, int status, String message) {
        this(kind, status, message, null, null);
    }

    public static PlatformException unsupported(String platform, String feature) {
        return new PlatformException(Kind.UNSUPPORTED, 0, platform + " does not support " + feature);
    }

    public static PlatformException notFound(String what) {
        return new PlatformException(Kind.NOT_FOUND, 404, what + " not found");
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status the platform answered with, or 0 when there was none. */
    public int status() {
        return status;
    }

    public Optional<Instant> retryAt() {
        return Optional.ofNullable(retryAt);
    }

    public FailureCause failureCause() {
        return kind.cause;
    }
}
