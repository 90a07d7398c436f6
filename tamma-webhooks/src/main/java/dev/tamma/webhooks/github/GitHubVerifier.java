package dev.tamma.webhooks.github;

import dev.tamma.core.webhook.Platform;
import dev.tamma.webhooks.HmacHexSignatures;
import dev.tamma.webhooks.Secrets;
import dev.tamma.webhooks.Verification;
import dev.tamma.webhooks.WebhookRequest;
import dev.tamma.webhooks.WebhookVerifier;
import java.util.Collection;

/**
 * GitHub: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>} under the webhook
 * secret. The SHA-1 {@code X-Hub-Signature} GitHub also sends is not accepted.
 */
public final class GitHubVerifier implements WebhookVerifier {

    public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
    public static final String PREFIX = "sha256=";
    public static final String SECRETS_KEY = Secrets.secretsKey(Platform.GITHUB);

    private final HmacHexSignatures signatures;
    private final int secretCount;

    /**
     * @param secrets the active webhook secrets (two during a rotation); blank entries are ignored
     * @throws dev.tamma.webhooks.WebhookConfigurationException when none is given
     */
    public GitHubVerifier(Collection<String> secrets) {
        var keys = Secrets.required(Platform.GITHUB, SECRETS_KEY, secrets);
        this.signatures = new HmacHexSignatures(keys);
        this.secretCount = keys.size();
    }

    @Override
    public Platform platform() {
        return Platform.GITHUB;
    }

    @Override
    public Verification verify(WebhookRequest request) {
        return signatures.verify(request, SIGNATURE_HEADER, PREFIX);
    }

    @Override
    public String toString() {
        return "GitHubVerifier[" + secretCount + " secret(s)]";
    }
}
