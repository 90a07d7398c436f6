package dev.tamma.orchestrator.auth;

import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.Authentication;

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
        Map<String, Object> claims = OidcUsers.claims(authentication);
        return new Caller(users.login(claims),
                "signed in through OIDC, claim " + users.loginClaim(claims).orElse("none"));
    }
}
