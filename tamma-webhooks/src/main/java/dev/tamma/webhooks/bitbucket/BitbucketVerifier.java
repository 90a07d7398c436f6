package dev.tamma.webhooks.bitbucket;

import dev.tamma.core.webhook.Platform;
import dev.tamma.webhooks.HmacHexSignatures;
import dev.tamma.webhooks.Secrets;
import dev.tamma.webhooks.Verification;
import dev.tamma.webhooks.WebhookRequest;
import dev.tamma.webhooks.WebhookVerifier;
import java.util.Collection;

/**
 * Bitbucket Cloud: a webhook with a secret signs the raw body with HMAC-SHA256 and sends
 * {@code X-Hub-Signature: sha256=<hex>}. (The same header name as GitHub's legacy SHA-1 one, with
 * SHA-256 inside.) A webhook without a secret sends no signature and is refused.
 */
public final class BitbucketVerifier implements WebhookVerifier {

    public static final String SIGNATURE_HEADER = "X-Hub-Signature";
    public static final String PREFIX = "sha256=";
    public static final String SECRETS_KEY = Secrets.secretsKey(Platform.BITBUCKET);

    private final HmacHexSignatures signatures;
    private final int secretCount;

    public BitbucketVerifier(Collection<String> secrets) {
        var keys = Secrets.required(Platform.BITBUCKET, SECRETS_KEY, secrets);
        this.signatures = new HmacHexSignatures(keys);
        this.secretCount = keys.size();
    }

    @Override
    public Platform platform() {
        return Platform.BITBUCKET;
    }

    @Override
    public Verification verify(WebhookRequest request) {
        return signatures.verify(request, SIGNATURE_HEADER, PREFIX);
    }

    @Override
    public String toString() {
        return "BitbucketVerifier[" + secretCount + " secret(s)]";
    }
}
