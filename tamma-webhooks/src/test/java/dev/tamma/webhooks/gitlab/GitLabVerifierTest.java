package dev.tamma.webhooks.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tamma.webhooks.Headers;
import dev.tamma.webhooks.Refusal;
import dev.tamma.webhooks.Verification;
import dev.tamma.webhooks.Verification.Rejected;
import dev.tamma.webhooks.VerifierContract;
import dev.tamma.webhooks.WebhookConfigurationException;
import dev.tamma.webhooks.WebhookRequest;
import dev.tamma.webhooks.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The secret token ({@code X-Gitlab-Token}) and the signing token ({@code webhook-signature}). */
class GitLabVerifierTest extends VerifierContract {

    @Override
    protected WebhookVerifier verifier(List<String> secrets) {
        return new GitLabVerifier(secrets);
    }

    @Override
    protected Headers credentials(String secret, byte[] body) {
        return Headers.of("X-Gitlab-Token", secret);
    }

    @Override
    protected String credentialHeader() {
        return "X-Gitlab-Token";
    }

    @Override
    protected String configurationKey() {
        return "tamma.webhooks.gitlab.tokens";
    }

    @Override
    protected boolean signsTheBody() {
        return false;
    }

    @Test
    void aTokenThatIsAPrefixOfTheSecretIsRefused() {
        assertThat(verifier(List.of(SECRET)).verify(request(BODY, Headers.of("X-Gitlab-Token", SECRET.substring(0, 5))))
                .isVerified()).isFalse();
    }

    /** The signing token, which follows the Standard Webhooks scheme. */
    @Nested
    class SigningToken {

        // The Standard Webhooks specification's published example.
        static final String VECTOR_TOKEN = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        static final String VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
        static final long VECTOR_TIMESTAMP = 1614265330;
        static final byte[] VECTOR_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
        static final String VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

        final Clock atVector = Clock.fixed(Instant.ofEpochSecond(VECTOR_TIMESTAMP + 30), ZoneOffset.UTC);
        final String newToken = "whsec_" + Base64.getEncoder().encodeToString(
                "a-thirty-two-byte-signing-key!!!".getBytes(StandardCharsets.US_ASCII));

        GitLabVerifier signingOnly(List<String> signingTokens, Clock clock) {
            return new GitLabVerifier(List.of(), signingTokens, clock, GitLabVerifier.DEFAULT_TOLERANCE);
        }

        Headers signed(String id, long timestamp, String signature) {
            return Headers.of("webhook-id", id, "webhook-timestamp", Long.toString(timestamp),
                    "webhook-signature", signature);
        }

        @Test
        void acceptsTheStandardWebhooksTestVector() {
            WebhookRequest request = new WebhookRequest(VECTOR_BODY, signed(VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_SIGNATURE));

            assertThat(signingOnly(List.of(VECTOR_TOKEN), atVector).verify(request)).isEqualTo(Verification.VERIFIED);
            assertThat(GitLabVerifier.sign(VECTOR_TOKEN, VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY))
                    .isEqualTo(VECTOR_SIGNATURE);
        }

        @Test
        void theIdAndTimestampAreSignedToo() {
            WebhookRequest otherId = new WebhookRequest(VECTOR_BODY, signed("msg_other", VECTOR_TIMESTAMP, VECTOR_SIGNATURE));
            WebhookRequest otherTime = new WebhookRequest(VECTOR_BODY,
                    signed(VECTOR_ID, VECTOR_TIMESTAMP + 1, VECTOR_SIGNATURE));

            assertThat(signingOnly(List.of(VECTOR_TOKEN), atVector).verify(otherId).isVerified()).isFalse();
            assertThat(signingOnly(List.of(VECTOR_TOKEN), atVector).verify(otherTime).isVerified()).isFalse();
        }

        @Test
        void refusesATamperedBody() {
            WebhookRequest request = new WebhookRequest("{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8),
                    signed(VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_SIGNATURE));

            assertThat(signingOnly(List.of(VECTOR_TOKEN), atVector).verify(request))
                    .isEqualTo(Rejected.mismatch("signature"));
        }

        @Test
        void refusesADeliveryOutsideTheTimeWindowSoItCannotBeReplayedLater() {
            Clock anHourLater = Clock.fixed(Instant.ofEpochSecond(VECTOR_TIMESTAMP + 3600), ZoneOffset.UTC);
            WebhookRequest request = new WebhookRequest(VECTOR_BODY, signed(VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_SIGNATURE));

            Verification result = signingOnly(List.of(VECTOR_TOKEN), anHourLater).verify(request);

            assertThat(result).isInstanceOfSatisfying(Rejected.class,
                    r -> assertThat(r.message()).contains("webhook-timestamp").contains("300 seconds"));
        }

        @Test
        void acceptsEitherTokenDuringARotationAndAnyOfSeveralSignatures() {
            Clock now = Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC);
            GitLabVerifier rotating = signingOnly(List.of(newToken, VECTOR_TOKEN), now);
            String byOld = GitLabVerifier.sign(VECTOR_TOKEN, "d1", 1_800_000_000L, BODY);
            String byNew = GitLabVerifier.sign(newToken, "d1", 1_800_000_000L, BODY);

            assertThat(rotating.verify(new WebhookRequest(BODY, signed("d1", 1_800_000_000L, byOld))).isVerified()).isTrue();
            assertThat(rotating.verify(new WebhookRequest(BODY, signed("d1", 1_800_000_000L, byNew))).isVerified()).isTrue();
            assertThat(signingOnly(List.of(newToken), now)
                    .verify(new WebhookRequest(BODY, signed("d1", 1_800_000_000L, byOld + " " + byNew))).isVerified())
                    .isTrue();
        }

        @Test
        void refusesMissingSigningHeaders() {
            Headers all = signed(VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_SIGNATURE);
            for (String header : List.of("webhook-signature", "webhook-id", "webhook-timestamp")) {
                assertThat(signingOnly(List.of(VECTOR_TOKEN), atVector)
                        .verify(new WebhookRequest(VECTOR_BODY, all.without(header))))
                        .isEqualTo(Rejected.missingHeader(header));
            }
        }

        @Test
        void whenBothAreConfiguredBothAreRequired() {
            GitLabVerifier both = new GitLabVerifier(List.of(SECRET), List.of(VECTOR_TOKEN), atVector, Duration.ofMinutes(5));
            Headers signature = signed(VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_SIGNATURE);

            assertThat(both.verify(new WebhookRequest(VECTOR_BODY, signature.with("X-Gitlab-Token", SECRET))).isVerified())
                    .isTrue();
            assertThat(both.verify(new WebhookRequest(VECTOR_BODY, signature)))
                    .isEqualTo(Rejected.missingHeader("X-Gitlab-Token"));
            assertThat(both.verify(new WebhookRequest(VECTOR_BODY, Headers.of("X-Gitlab-Token", SECRET))))
                    .isEqualTo(Rejected.missingHeader("webhook-signature"));
        }

        @Test
        void aSigningTokenThatIsNotBase64IsAConfigurationErrorThatDoesNotQuoteIt() {
            assertThatThrownBy(() -> signingOnly(List.of("whsec_not base64 at all!"), atVector))
                    .isInstanceOf(WebhookConfigurationException.class)
                    .hasMessageContaining("tamma.webhooks.gitlab.signing-tokens")
                    .hasMessageNotContaining("not base64 at all");
        }

        @Test
        void withNeitherConfiguredTheErrorNamesBothKeys() {
            assertThatThrownBy(() -> new GitLabVerifier(List.of(" "), List.of(), atVector, Duration.ofMinutes(5)))
                    .isInstanceOf(WebhookConfigurationException.class)
                    .hasMessageContaining("tamma.webhooks.gitlab.tokens")
                    .hasMessageContaining("tamma.webhooks.gitlab.signing-tokens");
        }

        @Test
        void doesNotShowTheSigningToken() {
            assertThat(signingOnly(List.of(VECTOR_TOKEN), atVector).toString()).doesNotContain("MfKQ9r8G");
            Verification wrong = signingOnly(List.of(VECTOR_TOKEN), atVector).verify(new WebhookRequest(VECTOR_BODY,
                    signed(VECTOR_ID, VECTOR_TIMESTAMP, "v1,AAAA" + VECTOR_SIGNATURE.substring(7))));
            assertThat(((Rejected) wrong).refusal()).isEqualTo(Refusal.BAD_CREDENTIALS);
            assertThat(wrong.toString()).doesNotContain(VECTOR_SIGNATURE.substring(7));
        }
    }
}
