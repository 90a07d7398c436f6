package dev.tamma.orchestrator.api;

import dev.tamma.orchestrator.auth.AdminTokenAuthentication;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Accepts the admin token as a bearer token. Any other token is left to the next provider (the
 * OIDC issuer's JWTs, when configured), so a token that is neither is refused once, by the chain.
 */
class AdminTokenAuthenticationProvider implements AuthenticationProvider {

    private final AdminToken token;

    AdminTokenAuthenticationProvider(AdminToken token) {
        this.token = token;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String presented = ((BearerTokenAuthenticationToken) authentication).getToken();
        return token.matches(presented) ? new AdminTokenAuthentication(token.user()) : null;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
