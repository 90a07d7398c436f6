package dev.tamma.orchestrator.dashboard;

import dev.tamma.orchestrator.api.AdminToken;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.view.RedirectView;

/** Signing in to the dashboard with the admin token, and out again. */
@Controller
class LoginController {

    private final AdminToken token;
    private final DashboardSession session;

    LoginController(AdminToken token, DashboardSession session) {
        this.token = token;
        this.session = session;
    }

    @GetMapping("/login")
    String form(@RequestParam(defaultValue = "/") String next, Model model) {
        model.addAttribute("next", safe(next));
        model.addAttribute("configured", token.configured());
        return "dashboard/login";
    }

    @PostMapping("/login")
    Object signIn(@RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "/") String next,
            Model model, HttpServletRequest request, HttpServletResponse response) {
        if (!this.token.matches(token.strip())) {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            model.addAttribute("next", safe(next));
            model.addAttribute("configured", this.token.configured());
            model.addAttribute("error", this.token.configured() ? "That is not the admin token."
                    : "No admin token is configured: set tamma.api.admin-token and restart.");
            return "dashboard/login";
        }
        response.addHeader(HttpHeaders.SET_COOKIE, session.issue(request.isSecure()).toString());
        return SeeOther.to(safe(next));
    }

    @PostMapping("/logout")
    RedirectView signOut(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader(HttpHeaders.SET_COOKIE, session.clear(request.isSecure()).toString());
        return SeeOther.to("/login");
    }

    /** Only a path on this site: a sign-in link must not send anyone elsewhere. */
    private static String safe(String next) {
        return next.startsWith("/") && !next.startsWith("//") && !next.contains("\\") ? next : "/";
    }
}
