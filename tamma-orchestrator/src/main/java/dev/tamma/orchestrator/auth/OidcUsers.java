package dev.tamma.orchestrator.auth;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Who of the people an OIDC provider signs in may use Tamma, and as which platform login: the same
 * rule for a dashboard sign-in (the ID token and user info) and for an API bearer token (the JWT's
 * claims). Being let in only opens reading; a command is authorized for the login like a comment.
 */
@Component
public class OidcUsers {

    /** What every caller allowed to read Tamma holds, whichever way it signed in. */
    public static final GrantedAuthority MAY_USE_TAMMA = new SimpleGrantedAuthority("TAMMA_USER");

    private final OidcProperties properties;
    private final List<String> loginClaims;

    public OidcUsers(OidcProperties properties) {
        this.properties = properties;
        this.loginClaims = properties.userClaim() == null ? List.of("preferred_username", "email")
                : List.of(properties.userClaim());
    }

    /** The claims behind a sign-in: the OIDC user's on the dashboard, the JWT's on the API; none for the admin token. */
    public static Map<String, Object> claims(Authentication authentication) {
        return switch (authentication) {
            case JwtAuthenticationToken jwt -> jwt.getTokenAttributes();
            case Authentication a when a.getPrincipal() instanceof OidcUser user -> user.getClaims();
            case null, default -> Map.of();
        };
    }

    /** The platform login the claims name, from the configured claim (by default preferred_username, else email). */
    public Optional<String> login(Map<String, Object> claims) {
        return loginClaim(claims).map(claim -> String.valueOf(claims.get(claim)).strip());
    }

    /** Which claim names the user, if any does. */
    public Optional<String> loginClaim(Map<String, Object> claims) {
        return loginClaims.stream()
                .filter(claim -> claims.get(claim) instanceof String value && !value.isBlank())
                .findFirst();
    }

    /** Why these claims do not let their user in; empty when they do. */
    public Optional<String> refusal(Map<String, Object> claims) {
        Optional<String> login = login(claims);
        if (login.isEmpty()) {
            return Optional.of("the sign-in names no user: it has no " + String.join(" or ", loginClaims)
                    + " claim (tamma.auth.oidc.user-claim)");
        }
        if (properties.allowEveryone()
                || properties.allowedUsers().stream().anyMatch(login.get()::equalsIgnoreCase)) {
            return Optional.empty();
        }
        List<String> groups = groups(claims);
        if (groups.stream().anyMatch(properties.allowedGroups()::contains)) {
            return Optional.empty();
        }
        return Optional.of(login.get() + " is signed in but may not use Tamma: not in tamma.auth.oidc.allowed-users, "
                + "and none of their groups " + groups + " (claim '" + properties.groupsClaim()
                + "') is in tamma.auth.oidc.allowed-groups");
    }

    /** {@link #MAY_USE_TAMMA} when the claims let their user in, else nothing. */
    public Collection<GrantedAuthority> authorities(Map<String, Object> claims) {
        return refusal(claims).isEmpty() ? List.of(MAY_USE_TAMMA) : List.of();
    }

    /** The groups claim, as a JSON list or a single (space or comma separated) string. */
    private List<String> groups(Map<String, Object> claims) {
        Object value = claims.get(properties.groupsClaim());
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (value instanceof String text && !text.isBlank()) {
            return List.of(text.strip().split("[\\s,]+"));
        }
        return List.of();
    }
}
