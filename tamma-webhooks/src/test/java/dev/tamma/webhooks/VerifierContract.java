package dev.tamma.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tamma.webhooks.Verification.Rejected;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every platform's verifier must do, run once per platform by a subclass: accept a correctly
 * signed delivery, refuse a tampered body, a wrong secret and a missing credential, accept both
 * secrets during a rotation, refuse to exist without a secret, and never show a secret or the
 * received credential.
 */
public abstract class VerifierContract {

    protected static final String SECRET = "current-secret-3f9a1c";
    protected static final String OLD_SECRET = "previous-secret-77b2e0";
    protected static final byte[] BODY = "{\"action\":\"opened\",\"number\":1}".getBytes(StandardCharsets.UTF_8);

    /** A verifier with these active secrets. */
    protected abstract WebhookVerifier verifier(List<String> secrets);

    /** Headers carrying the credential a platform configured with {@code secret} sends for {@code body}. */
    protected abstract Headers credentials(String secret, byte[] body);

    /** The header that carries the credential. */
    protected abstract String credentialHeader();

    /** The configuration key the no-secret error must name. */
    protected abstract String configurationKey();

    protected static WebhookRequest request(byte[] body, Headers headers) {
        return new WebhookRequest(body, headers.with("Content-Type", "application/json"));
    }

    @Test
    void acceptsADeliverySignedWithTheSecret() {
        assertThat(verifier(List.of(SECRET)).verify(request(BODY, credentials(SECRET, BODY))))
                .isEqualTo(Verification.VERIFIED);
    }

    /**
     * False for schemes that send a shared secret instead of signing (GitLab's secret token, Azure
     * DevOps basic auth): there only TLS protects the body.
     */
    protected boolean signsTheBody() {
        return true;
    }

    @Test
    void refusesATamperedBodyWhenTheSchemeSignsIt() {
        byte[] tampered = Arrays.copyOf(BODY, BODY.length);
        tampered[tampered.length - 2] = '2';

        Verification result = verifier(List.of(SECRET)).verify(request(tampered, credentials(SECRET, BODY)));

        if (signsTheBody()) {
            assertThat(result).isInstanceOfSatisfying(Rejected.class,
                    r -> assertThat(r.refusal()).isEqualTo(Refusal.BAD_CREDENTIALS));
        } else {
            // documented limitation of the scheme: the credential does not depend on the body
            assertThat(result.isVerified()).isTrue();
        }
    }

    @Test
    void refusesAWrongSecret() {
        Verification result = verifier(List.of(SECRET)).verify(request(BODY, credentials("not-the-secret", BODY)));

        assertThat(result).isInstanceOfSatisfying(Rejected.class, r -> {
            assertThat(r.refusal()).isEqualTo(Refusal.BAD_CREDENTIALS);
            assertThat(r.message()).endsWith("does not match");
        });
    }

    @Test
    void acceptsTheOldAndTheNewSecretDuringARotation() {
        WebhookVerifier rotating = verifier(List.of(SECRET, OLD_SECRET));

        assertThat(rotating.verify(request(BODY, credentials(SECRET, BODY))).isVerified()).isTrue();
        assertThat(rotating.verify(request(BODY, credentials(OLD_SECRET, BODY))).isVerified()).isTrue();
        assertThat(rotating.verify(request(BODY, credentials("retired-secret", BODY))).isVerified()).isFalse();
    }

    @Test
    void aRetiredSecretIsRefusedOnceRemoved() {
        assertThat(verifier(List.of(SECRET)).verify(request(BODY, credentials(OLD_SECRET, BODY))).isVerified())
                .isFalse();
    }

    @Test
    void refusesAMissingCredentialAndNamesTheHeader() {
        Headers signed = credentials(SECRET, BODY);
        Verification result = verifier(List.of(SECRET)).verify(request(BODY, signed.without(credentialHeader())));

        assertThat(result).isInstanceOfSatisfying(Rejected.class, r -> {
            assertThat(r.refusal()).isEqualTo(Refusal.MISSING_CREDENTIALS);
            assertThat(r.message()).contains("missing header").containsIgnoringCase(credentialHeader());
        });
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        Headers signed = credentials(SECRET, BODY);
        String value = signed.first(credentialHeader()).orElseThrow();
        Headers lowercase = signed.without(credentialHeader()).with(credentialHeader().toLowerCase(), value);

        assertThat(verifier(List.of(SECRET)).verify(request(BODY, lowercase)).isVerified()).isTrue();
    }

    @Test
    void cannotBeBuiltWithoutASecretAndSaysWhichKeyToSet() {
        for (List<String> none : List.of(List.<String>of(), List.of("", "  "))) {
            assertThatThrownBy(() -> verifier(none))
                    .isInstanceOf(WebhookConfigurationException.class)
                    .hasMessageContaining(verifier(List.of(SECRET)).platform().displayName())
                    .hasMessageContaining(configurationKey());
        }
    }

    @Test
    void neverShowsTheSecretOrTheReceivedCredential() {
        WebhookVerifier verifier = verifier(List.of(SECRET, OLD_SECRET));
        Headers wrong = credentials("attacker-guess-1234", BODY);
        String received = wrong.first(credentialHeader()).orElseThrow();

        Rejected rejected = (Rejected) verifier.verify(request(BODY, wrong));

        assertThat(verifier.toString()).doesNotContain(SECRET).doesNotContain(OLD_SECRET);
        assertThat(rejected.message()).doesNotContain(received).doesNotContain(SECRET).doesNotContain("attacker");
        assertThat(rejected.toString()).doesNotContain(received).doesNotContain(SECRET);
    }
}
