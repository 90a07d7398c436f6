package dev.tamma.webhooks;

import java.util.Objects;

/** The outcome of checking a delivery's credentials. */
public sealed interface Verification {

    Verification VERIFIED = new Verified();

    default boolean isVerified() {
        return this instanceof Verified;
    }

    /** The delivery carries a valid credential for one of the active secrets. */
    record Verified() implements Verification {
    }

    /**
     * The delivery is refused. {@code message} names what is wrong ("signature does not match",
     * "missing header X-Hub-Signature-256") and never repeats the received credential or a secret.
     */
    record Rejected(Refusal refusal, String message) implements Verification {
        public Rejected {
            Objects.requireNonNull(refusal, "refusal");
            Objects.requireNonNull(message, "message");
        }

        public static Rejected missingHeader(String header) {
            return new Rejected(Refusal.MISSING_CREDENTIALS, "missing header " + header);
        }

        public static Rejected mismatch(String what) {
            return new Rejected(Refusal.BAD_CREDENTIALS, what + " does not match");
        }

        public static Rejected malformed(String header, String expectedForm) {
            return new Rejected(Refusal.BAD_CREDENTIALS, "header " + header + " is not of the form " + expectedForm);
        }
    }
}
