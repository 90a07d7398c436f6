package dev.tamma.webhooks;

import dev.tamma.core.webhook.Normalisation;
import dev.tamma.core.webhook.Platform;
import java.util.Objects;

/**
 * One platform's webhook endpoint, without the HTTP: size limit, Content-Type, credentials (on the
 * raw bytes, before parsing), then JSON and normalisation. The orchestrator stores an
 * {@link Accepted} delivery in its inbox before answering 2xx, and answers a {@link Refused} one
 * with {@link Refused#httpStatus()} and {@link Refused#message()}, storing nothing.
 */
public final class WebhookIntake {

    /** Default body limit: 5 MiB, well above what the platforms send for the events Tamma uses. */
    public static final int DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

    private final WebhookVerifier verifier;
    private final WebhookNormaliser normaliser;
    private final int maxBodyBytes;

    public WebhookIntake(WebhookVerifier verifier, WebhookNormaliser normaliser) {
        this(verifier, normaliser, DEFAULT_MAX_BODY_BYTES);
    }

    public WebhookIntake(WebhookVerifier verifier, WebhookNormaliser normaliser, int maxBodyBytes) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.normaliser = Objects.requireNonNull(normaliser, "normaliser");
        if (verifier.platform() != normaliser.platform()) {
            throw new IllegalArgumentException("verifier is for " + verifier.platform() + ", normaliser for "
                    + normaliser.platform());
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, was " + maxBodyBytes);
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    public Platform platform() {
        return verifier.platform();
    }

    /** The verifier in use (an {@link Webhooks.Unconfigured} one when the platform has no secret). */
    public WebhookVerifier verifier() {
        return verifier;
    }

    public WebhookNormaliser normaliser() {
        return normaliser;
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * True when a declared Content-Length already exceeds the limit, so the endpoint can refuse
     * before reading the body. A length of -1 (unknown) does not exceed it.
     */
    public boolean exceedsLimit(long contentLength) {
        return contentLength > maxBodyBytes;
    }

    /** Checks and reads one delivery. Never throws for anything a sender can put in a request. */
    public IntakeResult receive(WebhookRequest request) {
        Objects.requireNonNull(request, "request");
        if (verifier instanceof Webhooks.Unconfigured unconfigured) {
            return new Refused(Refusal.NOT_CONFIGURED, unconfigured.problem().getMessage());
        }
        if (request.body().length > maxBodyBytes) {
            return new Refused(Refusal.BODY_TOO_LARGE,
                    "body of " + request.body().length + " bytes exceeds the limit of " + maxBodyBytes + " bytes");
        }
        var contentType = Payloads.checkContentType(request.headers(), normaliser.acceptsFormEncoding());
        if (contentType.isPresent()) {
            return new Refused(contentType.get().refusal(), contentType.get().getMessage());
        }
        Verification verification = verifier.verify(request);
        if (verification instanceof Verification.Rejected rejected) {
            return new Refused(rejected.refusal(), rejected.message());
        }
        try {
            Normalisation normalisation = normaliser.normalise(request);
            return new Accepted(normalisation.deliveryId(), Crypto.sha256Hex(request.body()), normalisation);
        } catch (PayloadException e) {
            return new Refused(e.refusal(), e.getMessage());
        }
    }

    /** What became of a delivery. */
    public sealed interface IntakeResult {
        int httpStatus();
    }

    /**
     * A verified, readable delivery. {@code deliveryId} is the inbox key; {@code bodySha256} the
     * hex SHA-256 of the raw body, for a second dedupe on content if wanted. An {@code Ignored}
     * normalisation is answered 202 and not stored.
     */
    public record Accepted(String deliveryId, String bodySha256, Normalisation normalisation) implements IntakeResult {
        public Accepted {
            Objects.requireNonNull(deliveryId, "deliveryId");
            Objects.requireNonNull(bodySha256, "bodySha256");
            Objects.requireNonNull(normalisation, "normalisation");
        }

        /** 202 for an ignored event type, else 200 (the orchestrator answers after storing). */
        @Override
        public int httpStatus() {
            return normalisation instanceof Normalisation.Ignored ? 202 : 200;
        }
    }

    /** A refused delivery; the message is safe to send back (no secret, no received credential, no body). */
    public record Refused(Refusal refusal, String message) implements IntakeResult {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public int httpStatus() {
            return refusal.httpStatus();
        }
    }
}
