package dev.tamma.orchestrator.auth;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Signing in through an OpenID Connect provider ({@code tamma.auth.oidc.*}): the dashboard logs
 * people in with the authorization-code flow, and the API accepts bearer JWTs the same issuer
 * signed. Off unless {@code issuer-uri} is set; the admin token keeps working beside it.
 *
 * @param issuerUri        the provider's issuer, where {@code /.well-known/openid-configuration} is found
 * @param clientId         Tamma's client at the provider; also the audience API tokens must carry by default
 * @param clientSecret     the client's secret; none for a public client (PKCE is used either way)
 * @param clientSecretFile a file holding the secret instead (a mounted secret); not both
 * @param scopes           what to ask for; must include {@code openid}
 * @param userClaim        the claim holding the platform login commands are made as; unset: {@code
 *                         preferred_username}, else {@code email}
 * @param groupsClaim      the claim listing the user's groups
 * @param allowedUsers     logins (of {@code userClaim}) that may use Tamma
 * @param allowedGroups    groups whose members may use Tamma
 * @param allowEveryone    let everyone the provider signs in use Tamma, instead of listing users or groups
 * @param audiences        the {@code aud} values an API token may carry; unset: the client id
 * @param displayName      what the sign-in button calls the provider
 */
@ConfigurationProperties("tamma.auth.oidc")
public record OidcProperties(URI issuerUri, String clientId, String clientSecret, Path clientSecretFile,
        List<String> scopes, String userClaim, String groupsClaim, List<String> allowedUsers,
        List<String> allowedGroups, boolean allowEveryone, List<String> audiences, String displayName) {

    static final List<String> DEFAULT_SCOPES = List.of("openid", "profile", "email");

    public OidcProperties {
        clientId = blankToNull(clientId);
        clientSecret = blankToNull(clientSecret);
        userClaim = blankToNull(userClaim);
        groupsClaim = groupsClaim == null || groupsClaim.isBlank() ? "groups" : groupsClaim.strip();
        scopes = scopes == null || scopes.isEmpty() ? DEFAULT_SCOPES : clean(scopes);
        allowedUsers = allowedUsers == null ? List.of() : clean(allowedUsers);
        allowedGroups = allowedGroups == null ? List.of() : clean(allowedGroups);
        audiences = audiences == null || audiences.isEmpty() ? (clientId == null ? List.of() : List.of(clientId))
                : clean(audiences);
        displayName = displayName == null || displayName.isBlank() ? "single sign-on" : displayName.strip();
        if (issuerUri == null) {
            if (clientId != null || clientSecret != null || clientSecretFile != null) {
                throw new IllegalArgumentException("tamma.auth.oidc.client-id or client-secret is set but "
                        + "tamma.auth.oidc.issuer-uri is not: set the provider's issuer (for example "
                        + "https://keycloak.example.com/realms/tamma) or remove the OIDC settings");
            }
        } else {
            validate(issuerUri, clientId, clientSecret, clientSecretFile, scopes, allowedUsers, allowedGroups,
                    allowEveryone);
        }
    }

    private static void validate(URI issuerUri, String clientId, String clientSecret, Path clientSecretFile,
            List<String> scopes, List<String> allowedUsers, List<String> allowedGroups, boolean allowEveryone) {
        if (!issuerUri.isAbsolute() || !List.of("https", "http").contains(issuerUri.getScheme())) {
            throw new IllegalArgumentException("tamma.auth.oidc.issuer-uri must be an http(s) URL, was '"
                    + issuerUri + "'");
        }
        if (clientId == null) {
            throw new IllegalArgumentException("tamma.auth.oidc.issuer-uri is set but tamma.auth.oidc.client-id "
                    + "is not: register Tamma as a client at " + issuerUri + " and set its id");
        }
        if (clientSecret != null && clientSecretFile != null) {
            throw new IllegalArgumentException(
                    "Set tamma.auth.oidc.client-secret or tamma.auth.oidc.client-secret-file, not both");
        }
        if (!scopes.contains("openid")) {
            throw new IllegalArgumentException("tamma.auth.oidc.scopes must include openid, was " + scopes);
        }
        if (allowedUsers.isEmpty() && allowedGroups.isEmpty() && !allowEveryone) {
            throw new IllegalArgumentException("tamma.auth.oidc says nobody may use Tamma: set "
                    + "tamma.auth.oidc.allowed-users or tamma.auth.oidc.allowed-groups, or "
                    + "tamma.auth.oidc.allow-everyone=true to let in everyone " + issuerUri + " signs in");
        }
    }

    /** Whether OIDC sign-in is configured at all. */
    public boolean enabled() {
        return issuerUri != null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static List<String> clean(List<String> values) {
        return values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).toList();
    }

    @Override
    public String toString() {
        return "OidcProperties[issuerUri=" + issuerUri + ", clientId=" + clientId + ", clientSecret="
                + (clientSecret == null ? "none" : "[redacted]") + ", clientSecretFile=" + clientSecretFile
                + ", scopes=" + scopes + ", userClaim=" + userClaim + ", groupsClaim=" + groupsClaim
                + ", allowedUsers=" + allowedUsers + ", allowedGroups=" + allowedGroups + ", allowEveryone="
                + allowEveryone + ", audiences=" + audiences + ", displayName=" + displayName + "]";
    }
}
