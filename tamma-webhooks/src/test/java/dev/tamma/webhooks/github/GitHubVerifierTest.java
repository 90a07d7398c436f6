package dev.tamma.webhooks.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.webhooks.Headers;
import dev.tamma.webhooks.HmacHexSignatures;
import dev.tamma.webhooks.Refusal;
import dev.tamma.webhooks.Verification;
import dev.tamma.webhooks.Verification.Rejected;
import dev.tamma.webhooks.VerifierContract;
import dev.tamma.webhooks.WebhookRequest;
import dev.tamma.webhooks.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GitHubVerifierTest extends VerifierContract {

    @Override
    protected WebhookVerifier verifier(List<String> secrets) {
        return new GitHubVerifier(secrets);
    }

    @Override
    protected Headers credentials(String secret, byte[] body) {
        return Headers.of("X-Hub-Signature-256",
                HmacHexSignatures.sign(secret.getBytes(StandardCharsets.UTF_8), body, "sha256="));
    }

    @Override
    protected String credentialHeader() {
        return "X-Hub-Signature-256";
    }

    @Override
    protected String configurationKey() {
        return "tamma.webhooks.github.secrets";
    }

    /** The example in GitHub's "Validating webhook deliveries" page. */
    @Test
    void acceptsGitHubsDocumentedTestVector() {
        WebhookRequest request = new WebhookRequest("Hello, World!".getBytes(StandardCharsets.UTF_8), Headers.of(
                "X-Hub-Signature-256", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"));

        assertThat(new GitHubVerifier(List.of("It's a Secret to Everybody")).verify(request))
                .isEqualTo(Verification.VERIFIED);
        assertThat(new GitHubVerifier(List.of("It's a secret to everybody")).verify(request).isVerified()).isFalse();
    }

    @Test
    void theLegacySha1HeaderAloneIsNotEnough() {
        WebhookRequest request = new WebhookRequest(BODY,
                Headers.of("X-Hub-Signature", "sha1=0123456789abcdef0123456789abcdef01234567"));

        assertThat(verifier(List.of(SECRET)).verify(request))
                .isEqualTo(Rejected.missingHeader("X-Hub-Signature-256"));
    }

    @Test
    void refusesASignatureWithoutThePrefixOrNotHex() {
        String hex = HmacHexSignatures.sign(SECRET.getBytes(StandardCharsets.UTF_8), BODY, "");
        for (String bad : List.of(hex, "sha1=" + hex, "sha256=zz" + hex.substring(2), "sha256=" + hex.substring(4))) {
            Verification result = verifier(List.of(SECRET)).verify(new WebhookRequest(BODY,
                    Headers.of("X-Hub-Signature-256", bad)));
            assertThat(result).isInstanceOfSatisfying(Rejected.class, r -> {
                assertThat(r.refusal()).isEqualTo(Refusal.BAD_CREDENTIALS);
                assertThat(r.message()).doesNotContain(hex.substring(8));
            });
        }
    }

    @Test
    void anUppercaseHexSignatureStillMatches() {
        String upper = "sha256=" + HmacHexSignatures.sign(SECRET.getBytes(StandardCharsets.UTF_8), BODY, "").toUpperCase();

        assertThat(verifier(List.of(SECRET)).verify(new WebhookRequest(BODY, Headers.of("X-Hub-Signature-256", upper)))
                .isVerified()).isTrue();
    }
}
