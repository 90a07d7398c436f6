package dev.tamma.orchestrator.api;

import dev.tamma.orchestrator.auth.OidcIssuer;
import dev.tamma.orchestrator.auth.OidcUsers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's and the actuator's refusals, as {@code {"error": "..."}} like every other API error:
 * 401 without a token Tamma accepts (saying which tokens it accepts and, for a refused JWT, why),
 * 403 for a signed-in user the OIDC settings do not let in. Never repeats the token.
 */
class ApiRefusals implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final String REALM = "tamma";

    private final AdminToken token;
    private final OidcIssuer issuer;
    private final OidcUsers users;
    private final JsonMapper json;

    ApiRefusals(AdminToken token, OidcIssuer issuer, OidcUsers users, JsonMapper json) {
        this.token = token;
        this.issuer = issuer;
        this.users = users;
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\"");
        write(response, HttpServletResponse.SC_UNAUTHORIZED, unauthorized(refused));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        String reason = users.refusal(OidcUsers.claims(SecurityContextHolder.getContext().getAuthentication()))
                .orElse("not allowed");
        write(response, HttpServletResponse.SC_FORBIDDEN, reason);
    }

    private String unauthorized(AuthenticationException refused) {
        if (!issuer.enabled()) {
            return token.configured()
                    ? "the admin token is required (Authorization: Bearer ...; the value of tamma.api.admin-token)"
                    : "no admin token is configured, so the API and the actuator are closed: "
                            + "set tamma.api.admin-token or tamma.api.admin-token-file";
        }
        String accepted = "Authorization: Bearer with " + (token.configured() ? "the admin token or " : "")
                + "a token from " + issuer.properties().issuerUri() + " for " + issuer.properties().audiences();
        if (refused instanceof OAuth2AuthenticationException oauth && oauth.getError().getDescription() != null) {
            return "the bearer token was refused (" + oauth.getError().getDescription() + "); send " + accepted;
        }
        return "a token is required: " + accepted;
    }

    private void write(HttpServletResponse response, int status, String error) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write(json.writeValueAsString(Map.of("error", error)));
    }
}
