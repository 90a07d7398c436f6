package dev.tamma.orchestrator.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a request to the API or the actuator through only with the admin token; answers 401 with a
 * JSON error otherwise. The health probes stay open (load balancers and kubelets carry no token);
 * the lease API has its own worker tokens and is left to them. Webhooks are not under these paths.
 */
class ApiAuthentication extends OncePerRequestFilter {

    static final String REALM = "tamma";
    private static final String BEARER = "Bearer ";
    private static final Set<String> OPEN = Set.of("/actuator/health", "/actuator/health/liveness",
            "/actuator/health/readiness");

    private final AdminToken token;

    ApiAuthentication(AdminToken token) {
        this.token = token;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return OPEN.contains(path) || path.equals("/api/v1/leases") || path.startsWith("/api/v1/leases/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && token.matches(header.substring(BEARER.length()).strip())) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\"");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write(token.configured()
                ? "{\"error\":\"the admin token is required (Authorization: Bearer ...; "
                        + "the value of tamma.api.admin-token)\"}"
                : "{\"error\":\"no admin token is configured, so the API and the actuator are closed: "
                        + "set tamma.api.admin-token or tamma.api.admin-token-file\"}");
    }
}
