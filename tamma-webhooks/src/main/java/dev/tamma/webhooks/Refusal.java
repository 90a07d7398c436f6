package dev.tamma.webhooks;

/** Why a delivery is refused, with the HTTP status to answer. Nothing is stored for a refusal. */
public enum Refusal {
    /** The credential header (signature, token, Authorization) is absent. */
    MISSING_CREDENTIALS(401),
    /** The credential is present but does not match any active secret, or is malformed. */
    BAD_CREDENTIALS(401),
    /** The body is larger than the configured limit. */
    BODY_TOO_LARGE(413),
    /** The Content-Type is not one the platform's endpoint accepts. */
    UNSUPPORTED_MEDIA_TYPE(415),
    /** The body is not the JSON document the platform sends, or a required header is missing. */
    MALFORMED_PAYLOAD(400),
    /** The endpoint has no secret configured, so it cannot tell a real delivery from a forged one. */
    NOT_CONFIGURED(503);

    private final int httpStatus;

    Refusal(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
