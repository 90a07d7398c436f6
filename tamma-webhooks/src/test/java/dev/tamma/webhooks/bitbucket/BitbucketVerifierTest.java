package dev.tamma.webhooks.bitbucket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.webhooks.Headers;
import dev.tamma.webhooks.HmacHexSignatures;
import dev.tamma.webhooks.VerifierContract;
import dev.tamma.webhooks.WebhookRequest;
import dev.tamma.webhooks.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BitbucketVerifierTest extends VerifierContract {

    @Override
    protected WebhookVerifier verifier(List<String> secrets) {
        return new BitbucketVerifier(secrets);
    }

    @Override
    protected Headers credentials(String secret, byte[] body) {
        return Headers.of("X-Hub-Signature", HmacHexSignatures.sign(secret.getBytes(StandardCharsets.UTF_8), body, "sha256="));
    }

    @Override
    protected String credentialHeader() {
        return "X-Hub-Signature";
    }

    @Override
    protected String configurationKey() {
        return "tamma.webhooks.bitbucket.secrets";
    }

    /**
     * Bitbucket publishes no test vector; its scheme (sha256= and the hex HMAC-SHA256 of the body)
     * is GitHub's, so GitHub's documented example must pass in Bitbucket's header.
     */
    @Test
    void acceptsTheHmacSha256ExampleInBitbucketsHeader() {
        WebhookRequest request = new WebhookRequest("Hello, World!".getBytes(StandardCharsets.UTF_8), Headers.of(
                "X-Hub-Signature", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"));

        assertThat(new BitbucketVerifier(List.of("It's a Secret to Everybody")).verify(request).isVerified()).isTrue();
    }

    @Test
    void aGitHubStyleSha1SignatureIsRefused() {
        WebhookRequest request = new WebhookRequest(BODY,
                Headers.of("X-Hub-Signature", "sha1=0123456789abcdef0123456789abcdef01234567"));

        assertThat(verifier(List.of(SECRET)).verify(request).isVerified()).isFalse();
    }
}
