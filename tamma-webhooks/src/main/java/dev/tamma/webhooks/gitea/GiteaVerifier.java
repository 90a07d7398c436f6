package dev.tamma.webhooks.gitea;

import dev.tamma.core.webhook.Platform;
import dev.tamma.webhooks.HmacHexSignatures;
import dev.tamma.webhooks.Secrets;
import dev.tamma.webhooks.Verification;
import dev.tamma.webhooks.WebhookRequest;
import dev.tamma.webhooks.WebhookVerifier;
import java.util.Collection;

/**
 * Gitea and Forgejo: the bare hex HMAC-SHA256 of the raw body under the webhook secret, in
 * {@code X-Gitea-Signature}; Forgejo sends the same value in {@code X-Forgejo-Signature} too. For a
 * Forgejo endpoint, {@code X-Forgejo-Signature} is checked when present (a bad one is not rescued
 * by a good {@code X-Gitea-Signature}), else {@code X-Gitea-Signature}.
 */
public final class GiteaVerifier implements WebhookVerifier {

    public static final String GITEA_SIGNATURE = "X-Gitea-Signature";
    public static final String FORGEJO_SIGNATURE = "X-Forgejo-Signature";

    private final Platform platform;
    private final HmacHexSignatures signatures;
    private final int secretCount;

    /**
     * @param platform {@link Platform#GITEA} or {@link Platform#FORGEJO}: decides the configuration
     *     key named in errors and which header is preferred
     */
    public GiteaVerifier(Platform platform, Collection<String> secrets) {
        if (platform != Platform.GITEA && platform != Platform.FORGEJO) {
            throw new IllegalArgumentException("GiteaVerifier serves Gitea and Forgejo, not " + platform);
        }
        this.platform = platform;
        var keys = Secrets.required(platform, Secrets.secretsKey(platform), secrets);
        this.signatures = new HmacHexSignatures(keys);
        this.secretCount = keys.size();
    }

    public static GiteaVerifier gitea(Collection<String> secrets) {
        return new GiteaVerifier(Platform.GITEA, secrets);
    }

    public static GiteaVerifier forgejo(Collection<String> secrets) {
        return new GiteaVerifier(Platform.FORGEJO, secrets);
    }

    @Override
    public Platform platform() {
        return platform;
    }

    @Override
    public Verification verify(WebhookRequest request) {
        if (request.headers().contains(FORGEJO_SIGNATURE)) {
            return signatures.verify(request, FORGEJO_SIGNATURE, "");
        }
        if (request.headers().contains(GITEA_SIGNATURE) || platform == Platform.GITEA) {
            return signatures.verify(request, GITEA_SIGNATURE, "");
        }
        return Verification.Rejected.missingHeader(FORGEJO_SIGNATURE + " or " + GITEA_SIGNATURE);
    }

    @Override
    public String toString() {
        return "GiteaVerifier[" + platform.id() + ", " + secretCount + " secret(s)]";
    }
}
