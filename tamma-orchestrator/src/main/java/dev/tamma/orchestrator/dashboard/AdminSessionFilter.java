package dev.tamma.orchestrator.dashboard;

import dev.tamma.orchestrator.api.AdminToken;
import dev.tamma.orchestrator.auth.AdminTokenAuthentication;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs a request in as the admin when it carries a valid {@link DashboardSession} cookie. The
 * context is set for this request only and never stored: the cookie is the whole session, so any
 * replica accepts it. A browser signed in through OIDC already has its context from its session.
 */
class AdminSessionFilter extends OncePerRequestFilter {

    private final DashboardSession session;
    private final AdminToken token;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    AdminSessionFilter(DashboardSession session, AdminToken token) {
        this.session = session;
        this.token = token;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (contexts.getContext().getAuthentication() == null && session.signedIn(request)) {
            SecurityContext context = contexts.createEmptyContext();
            context.setAuthentication(new AdminTokenAuthentication(token.user()));
            contexts.setContext(context);
        }
        chain.doFilter(request, response);
    }
}
