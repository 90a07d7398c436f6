package dev.tamma.orchestrator.dashboard;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses (403) a form sent to the dashboard from another site, even with a session: with the
 * SameSite cookies this is the second of two locks against cross-site requests, and it needs no
 * token in the forms, so they work without JavaScript and survive a restart.
 */
class SameSiteForms extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean changes = !HttpMethod.GET.matches(request.getMethod()) && !HttpMethod.HEAD.matches(request.getMethod());
        if (changes && !sameOrigin(request)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "a form from another site");
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * Browsers say where a request comes from: {@code Sec-Fetch-Site}, else {@code Origin}. A
     * client that sends neither is not a browser, and cookies do not travel cross-site without one.
     */
    private static boolean sameOrigin(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            return site.equals("same-origin") || site.equals("none");
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            return true;
        }
        try {
            URI from = URI.create(origin);
            String host = request.getHeader(HttpHeaders.HOST);
            String authority = from.getPort() < 0 ? from.getHost() : from.getHost() + ":" + from.getPort();
            return host != null && host.equalsIgnoreCase(authority);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
