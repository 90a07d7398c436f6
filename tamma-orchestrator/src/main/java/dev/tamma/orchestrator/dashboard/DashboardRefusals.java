package dev.tamma.orchestrator.dashboard;

import dev.tamma.orchestrator.auth.OidcIssuer;
import dev.tamma.orchestrator.auth.OidcUsers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.util.HtmlUtils;

/**
 * What the dashboard answers someone it does not let in, with nothing of Tamma's state. Without a
 * sign-in, a page goes to the OIDC provider when one is configured (and comes back to the page
 * after), else answers 401 with a link to the admin token's sign-in form; forms and live updates
 * answer 401 in plain text. A user the provider signed in but the OIDC settings do not let in gets
 * 403 saying why, and a way to sign out and in as someone else.
 */
class DashboardRefusals implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final OidcIssuer issuer;
    private final OidcUsers users;

    DashboardRefusals(OidcIssuer issuer, OidcUsers users) {
        this.issuer = issuer;
        this.users = users;
    }

    /** Whether a request is a page someone navigates to, which a sign-in can come back to. */
    static boolean page(HttpServletRequest request) {
        return HttpMethod.GET.matches(request.getMethod()) && !path(request).startsWith("/events/");
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
            throws IOException {
        if (!page(request)) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType(MediaType.TEXT_PLAIN_VALUE);
            response.getWriter().write("Sign in first: /login\n");
            return;
        }
        if (issuer.enabled()) {
            response.sendRedirect(OidcIssuer.SIGN_IN_PATH);
            return;
        }
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        String login = "/login?next=" + URLEncoder.encode(path(request) + query, StandardCharsets.UTF_8);
        html(response, HttpServletResponse.SC_UNAUTHORIZED, "Sign in", "<p>The dashboard needs the admin token. <a href=\""
                + HtmlUtils.htmlEscape(login) + "\">Sign in</a>.</p>");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        String reason = users.refusal(OidcUsers.claims(SecurityContextHolder.getContext().getAuthentication()))
                .orElse("You may not use this dashboard.");
        html(response, HttpServletResponse.SC_FORBIDDEN, "Not allowed", "<p class=\"error\" role=\"alert\">"
                + HtmlUtils.htmlEscape(reason) + "</p><p>Ask whoever runs Tamma to add you to "
                + "<code>tamma.auth.oidc.allowed-users</code> or one of your groups to "
                + "<code>tamma.auth.oidc.allowed-groups</code>.</p><form method=\"post\" action=\"/logout\">"
                + "<button type=\"submit\">Sign out</button></form>");
    }

    private static void html(HttpServletResponse response, int status, String title, String content)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>" + title + " - Tamma</title><link rel=\"stylesheet\" href=\"/assets/dashboard.css\"></head>"
                + "<body><main><h1>Tamma</h1>" + content + "</main></body></html>");
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
