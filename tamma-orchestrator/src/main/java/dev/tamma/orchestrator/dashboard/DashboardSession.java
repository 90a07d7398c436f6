package dev.tamma.orchestrator.dashboard;

import dev.tamma.orchestrator.api.AdminToken;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * The dashboard's sign-in, kept in a cookie rather than on the server: an expiry and its HMAC
 * under the admin token, so any replica accepts it, nothing is stored, and a new token signs
 * everyone out. The cookie is HttpOnly and SameSite=Strict: scripts cannot read it and other sites'
 * pages cannot send it.
 */
@Component
class DashboardSession {

    static final String COOKIE = "tamma_session";
    static final Duration LIFETIME = Duration.ofHours(12);

    private final AdminToken token;
    private final Clock clock;

    DashboardSession(AdminToken token, Clock clock) {
        this.token = token;
        this.clock = clock;
    }

    /** The cookie that signs the browser in until {@link #LIFETIME} from now. */
    ResponseCookie issue(boolean secure) {
        long expires = clock.instant().plus(LIFETIME).getEpochSecond();
        String value = expires + "." + HexFormat.of().formatHex(token.sign(purpose(expires)));
        return cookie(value, LIFETIME, secure);
    }

    /** The cookie that signs the browser out. */
    ResponseCookie clear(boolean secure) {
        return cookie("", Duration.ZERO, secure);
    }

    boolean signedIn(HttpServletRequest request) {
        if (!token.configured() || request.getCookies() == null) {
            return false;
        }
        for (Cookie cookie : request.getCookies()) {
            if (COOKIE.equals(cookie.getName()) && valid(cookie.getValue())) {
                return true;
            }
        }
        return false;
    }

    private boolean valid(String value) {
        int dot = value.indexOf('.');
        if (dot < 1) {
            return false;
        }
        try {
            long expires = Long.parseLong(value.substring(0, dot));
            byte[] signature = HexFormat.of().parseHex(value.substring(dot + 1));
            return Instant.ofEpochSecond(expires).isAfter(clock.instant())
                    && MessageDigest.isEqual(signature, token.sign(purpose(expires)));
        } catch (IllegalArgumentException e) {
            return false; // not a number, not hex: not ours
        }
    }

    private static String purpose(long expires) {
        return "tamma-dashboard-session:" + expires;
    }

    private static ResponseCookie cookie(String value, Duration maxAge, boolean secure) {
        return ResponseCookie.from(COOKIE, value).httpOnly(true).secure(secure).sameSite("Strict").path("/")
                .maxAge(maxAge).build();
    }
}
