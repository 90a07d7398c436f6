package dev.tamma.orchestrator.auth;

import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who sent a command through the API or the dashboard: the platform login it is made as (absent
 * when the admin token has no {@code tamma.api.admin-user}) and where that login comes from, for
 * messages that tell an operator what to change.
 */
public record Caller(Optional<String> login, String source) {

    /** The caller behind a request Spring Security let through. */
    public static Caller of(Authentication authentication, OidcUsers users) {
        if (authentication instanceof AdminTokenAuthentication admin) {
            return new Caller(admin.user(), "tamma.api.admin-user");
        }
        Map<String, Object> claims = switch (authentication.getPrincipal()) {
            case OidcUser user -> user.getClaims();
            case null, default -> authentication instanceof JwtAuthenticationToken jwt ? jwt.getTokenAttributes()
                    : Map.of();
        };
        return new Caller(users.login(claims),
                "signed in through OIDC, claim " + users.loginClaim(claims).orElse("none"));
    }
}
