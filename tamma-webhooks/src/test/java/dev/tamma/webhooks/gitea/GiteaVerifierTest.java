package dev.tamma.webhooks.gitea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tamma.core.webhook.Platform;
import dev.tamma.webhooks.Headers;
import dev.tamma.webhooks.HmacHexSignatures;
import dev.tamma.webhooks.Verification.Rejected;
import dev.tamma.webhooks.VerifierContract;
import dev.tamma.webhooks.WebhookConfigurationException;
import dev.tamma.webhooks.WebhookRequest;
import dev.tamma.webhooks.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GiteaVerifierTest extends VerifierContract {

    private static final String GITHUB_EXAMPLE_HEX = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    @Override
    protected WebhookVerifier verifier(List<String> secrets) {
        return GiteaVerifier.gitea(secrets);
    }

    @Override
    protected Headers credentials(String secret, byte[] body) {
        return Headers.of("X-Gitea-Signature", HmacHexSignatures.sign(secret.getBytes(StandardCharsets.UTF_8), body, ""));
    }

    @Override
    protected String credentialHeader() {
        return "X-Gitea-Signature";
    }

    @Override
    protected String configurationKey() {
        return "tamma.webhooks.gitea.secrets";
    }

    /** Gitea sends the same HMAC as GitHub's X-Hub-Signature-256, as bare hex; GitHub's example applies. */
    @Test
    void acceptsTheHmacSha256ExampleAsBareHex() {
        WebhookRequest request = new WebhookRequest("Hello, World!".getBytes(StandardCharsets.UTF_8),
                Headers.of("X-Gitea-Signature", GITHUB_EXAMPLE_HEX));

        assertThat(GiteaVerifier.gitea(List.of("It's a Secret to Everybody")).verify(request).isVerified()).isTrue();
    }

    @Test
    void onlyServesGiteaAndForgejo() {
        assertThatThrownBy(() -> new GiteaVerifier(Platform.GITHUB, List.of(SECRET)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The same contract for a Forgejo endpoint, which reads X-Forgejo-Signature. */
    @Nested
    class Forgejo extends VerifierContract {

        @Override
        protected WebhookVerifier verifier(List<String> secrets) {
            return GiteaVerifier.forgejo(secrets);
        }

        @Override
        protected Headers credentials(String secret, byte[] body) {
            return Headers.of("X-Forgejo-Signature",
                    HmacHexSignatures.sign(secret.getBytes(StandardCharsets.UTF_8), body, ""));
        }

        @Override
        protected String credentialHeader() {
            return "X-Forgejo-Signature";
        }

        @Override
        protected String configurationKey() {
            return "tamma.webhooks.forgejo.secrets";
        }

        @Test
        void aBadForgejoSignatureIsNotRescuedByAGoodGiteaOne() {
            String good = HmacHexSignatures.sign(SECRET.getBytes(StandardCharsets.UTF_8), BODY, "");
            String bad = HmacHexSignatures.sign("wrong".getBytes(StandardCharsets.UTF_8), BODY, "");
            WebhookRequest request = new WebhookRequest(BODY,
                    Headers.of("X-Forgejo-Signature", bad, "X-Gitea-Signature", good));

            assertThat(GiteaVerifier.forgejo(List.of(SECRET)).verify(request)).isInstanceOf(Rejected.class);
        }

        @Test
        void acceptsTheGiteaHeaderAloneAsForgejoAlsoSendsIt() {
            String good = HmacHexSignatures.sign(SECRET.getBytes(StandardCharsets.UTF_8), BODY, "");

            assertThat(GiteaVerifier.forgejo(List.of(SECRET))
                    .verify(new WebhookRequest(BODY, Headers.of("X-Gitea-Signature", good))).isVerified()).isTrue();
        }

        @Test
        void theErrorNamesForgejo() {
            assertThatThrownBy(() -> GiteaVerifier.forgejo(List.of()))
                    .isInstanceOf(WebhookConfigurationException.class)
                    .hasMessageStartingWith("Forgejo webhooks")
                    .hasMessageContaining("TAMMA_WEBHOOKS_FORGEJO_SECRETS");
        }
    }
}
