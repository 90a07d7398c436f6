package dev.tamma.webhooks.azure;

import dev.tamma.core.webhook.Platform;
import dev.tamma.webhooks.Crypto;
import dev.tamma.webhooks.Secrets;
import dev.tamma.webhooks.Verification;
import dev.tamma.webhooks.Verification.Rejected;
import dev.tamma.webhooks.WebhookConfigurationException;
import dev.tamma.webhooks.WebhookRequest;
import dev.tamma.webhooks.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Azure DevOps service hooks do not sign; the Web Hooks subscription sends HTTP Basic credentials
 * ({@code Authorization: Basic base64(username:password)}), which is only safe over HTTPS. The
 * decoded {@code username:password} is compared in constant time with each configured pair.
 */
public final class AzureDevOpsVerifier implements WebhookVerifier {

    public static final String AUTHORIZATION = "Authorization";
    public static final String USERNAME_KEY = "tamma.webhooks.azure.username";
    public static final String PASSWORDS_KEY = "tamma.webhooks.azure.passwords";

    private final List<byte[]> credentials;

    /**
     * @param username the user name set on the subscription (may be empty: Azure DevOps allows it)
     * @param passwords the active passwords (two during a rotation); blank entries are ignored
     * @throws WebhookConfigurationException when no password is configured
     */
    public AzureDevOpsVerifier(String username, Collection<String> passwords) {
        List<byte[]> valid = Secrets.nonBlank(passwords);
        if (valid.isEmpty()) {
            throw new WebhookConfigurationException(Platform.AZURE_DEVOPS, PASSWORDS_KEY, "no password is configured");
        }
        String user = username == null ? "" : username;
        if (user.contains(":")) {
            throw new WebhookConfigurationException(Platform.AZURE_DEVOPS, USERNAME_KEY,
                    "the user name contains ':', which HTTP Basic cannot carry");
        }
        List<byte[]> pairs = new ArrayList<>();
        for (byte[] password : valid) {
            byte[] prefix = (user + ":").getBytes(StandardCharsets.UTF_8);
            byte[] pair = new byte[prefix.length + password.length];
            System.arraycopy(prefix, 0, pair, 0, prefix.length);
            System.arraycopy(password, 0, pair, prefix.length, password.length);
            pairs.add(pair);
        }
        this.credentials = List.copyOf(pairs);
    }

    @Override
    public Platform platform() {
        return Platform.AZURE_DEVOPS;
    }

    @Override
    public Verification verify(WebhookRequest request) {
        Optional<String> header = request.headers().first(AUTHORIZATION);
        if (header.isEmpty()) {
            return Rejected.missingHeader(AUTHORIZATION);
        }
        String value = header.get();
        if (!value.toLowerCase(Locale.ROOT).startsWith("basic ")) {
            return Rejected.malformed(AUTHORIZATION, "Basic <base64 of username:password>");
        }
        byte[] received;
        try {
            received = Base64.getDecoder().decode(value.substring("basic ".length()).strip());
        } catch (IllegalArgumentException e) {
            return Rejected.malformed(AUTHORIZATION, "Basic <base64 of username:password>");
        }
        boolean matched = false;
        for (byte[] pair : credentials) {
            matched |= Crypto.tokenEquals(pair, received);
        }
        return matched ? Verification.VERIFIED : Rejected.mismatch("credentials");
    }

    /** The Authorization value Azure DevOps sends for {@code username} and {@code password}, for tests and tools. */
    public static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "AzureDevOpsVerifier[" + credentials.size() + " password(s)]";
    }
}
