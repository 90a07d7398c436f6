package dev.tamma.orchestrator.lease;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.HandlerInterceptor;

/** Lets a lease request through only with a live worker token; answers 401 otherwise. */
class WorkerAuthentication implements HandlerInterceptor {

    static final String IDENTITY = "tamma.workerIdentity";
    private static final String BEARER = "Bearer ";

    private final WorkerTokens tokens;

    WorkerAuthentication(WorkerTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        Optional<WorkerIdentity> identity = header != null && header.startsWith(BEARER)
                ? tokens.authenticate(header.substring(BEARER.length()).strip())
                : Optional.empty();
        if (identity.isPresent()) {
            request.setAttribute(IDENTITY, identity.get());
            return true;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tamma-workers\"");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write("{\"error\":\"a valid worker token is required "
                + "(Authorization: Bearer tamma_wt_...; create one with ./tamma worker-token create)\"}");
        return false;
    }
}
