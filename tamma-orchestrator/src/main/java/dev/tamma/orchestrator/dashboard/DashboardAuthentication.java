package dev.tamma.orchestrator.dashboard;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * Guards the dashboard's pages: without a session a page answers 401 with a link to the sign-in
 * form, and nothing of Tamma's state. A form sent from another site is refused (403) even with a
 * session; with the SameSite cookie this is the second of two locks against cross-site requests.
 * Every dashboard answer forbids framing and scripts from elsewhere.
 */
class DashboardAuthentication extends OncePerRequestFilter {

    private static final Set<String> OPEN = Set.of("/login");

    private final DashboardSession session;

    DashboardAuthentication(DashboardSession session) {
        this.session = session;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy",
                "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("X-Content-Type-Options", "nosniff");
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean changes = !HttpMethod.GET.matches(request.getMethod()) && !HttpMethod.HEAD.matches(request.getMethod());
        if (changes && !sameOrigin(request)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "a form from another site");
            return;
        }
        if (OPEN.contains(path) || session.signedIn(request)) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        if (changes || path.startsWith("/events/")) {
            response.setContentType(MediaType.TEXT_PLAIN_VALUE);
            response.getWriter().write("Sign in first: /login\n");
            return;
        }
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        String login = "/login?next=" + URLEncoder.encode(path + query, StandardCharsets.UTF_8);
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Sign in - Tamma</title><link rel=\"stylesheet\" href=\"/assets/dashboard.css\"></head>"
                + "<body><main><h1>Tamma</h1><p>The dashboard needs the admin token. <a href=\""
                + HtmlUtils.htmlEscape(login) + "\">Sign in</a>.</p></main></body></html>");
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
