package dev.tamma.orchestrator.auth;

import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A caller that presented the admin token, as a bearer token or through the dashboard's session
 * cookie. It acts as {@code tamma.api.admin-user}, when that is set. The token itself is not kept.
 */
public final class AdminTokenAuthentication extends AbstractAuthenticationToken {

    private final String user;

    public AdminTokenAuthentication(Optional<String> user) {
        super(List.of(OidcUsers.MAY_USE_TAMMA));
        this.user = user.orElse(null);
        setAuthenticated(true);
    }

    /** The platform login commands are made as, when {@code tamma.api.admin-user} is set. */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return user == null ? "admin token" : user;
    }
}
