package dev.tamma.orchestrator.dashboard;

import dev.tamma.orchestrator.api.AdminToken;
import dev.tamma.orchestrator.auth.OidcIssuer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Signing in to the dashboard: with the admin token here, or through the OIDC provider (Spring
 * Security's login, linked from this page). Signing out is Spring Security's {@code POST /logout}.
 */
@Controller
class LoginController {

    private final AdminToken token;
    private final DashboardSession session;
    private final OidcIssuer issuer;

    LoginController(AdminToken token, DashboardSession session, OidcIssuer issuer) {
        this.token = token;
        this.session = session;
        this.issuer = issuer;
    }

    @GetMapping("/login")
    String form(@RequestParam(defaultValue = "/") String next, Model model, HttpServletRequest request) {
        describe(model, next);
        HttpSession httpSession = request.getSession(false);
        if (request.getParameter("failed") != null && httpSession != null
                && httpSession.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) instanceof AuthenticationException e) {
            httpSession.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            model.addAttribute("error", "Signing in through " + issuer.properties().displayName() + " failed: "
                    + e.getMessage());
        }
        return "dashboard/login";
    }

    @PostMapping("/login")
    Object signIn(@RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "/") String next,
            Model model, HttpServletRequest request, HttpServletResponse response) {
        if (!this.token.matches(token.strip())) {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            describe(model, next);
            model.addAttribute("error", this.token.configured() ? "That is not the admin token."
                    : "No admin token is configured: set tamma.api.admin-token and restart.");
            return "dashboard/login";
        }
        response.addHeader(HttpHeaders.SET_COOKIE, session.issue(request.isSecure()).toString());
        return SeeOther.to(safe(next));
    }

    private void describe(Model model, String next) {
        model.addAttribute("next", safe(next));
        model.addAttribute("configured", token.configured());
        model.addAttribute("oidc", issuer.enabled());
        if (issuer.enabled()) {
            model.addAttribute("oidcName", issuer.properties().displayName());
            model.addAttribute("oidcLink", OidcIssuer.SIGN_IN_PATH);
        }
    }

    /** Only a path on this site: a sign-in link must not send anyone elsewhere. */
    private static String safe(String next) {
        return next.startsWith("/") && !next.startsWith("//") && !next.contains("\\") ? next : "/";
    }
}
