package dev.tamma.platforms.gitlab;

import dev.tamma.core.platform.PlatformException;
import dev.tamma.core.platform.PlatformException.Kind;
import dev.tamma.platforms.http.HttpErrors;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gitlab4j.api.GitLabApiException;

/** GitLab4J's exceptions through the shared HTTP error mapping, so 429 and {@code RateLimit-Reset} mean the same. */
final class GitLabErrors {

    static PlatformException translate(String action, GitLabApiException e, Clock clock) {
        int status = e.getHttpStatus();
        if (status <= 0) {
            return new PlatformException(Kind.UNAVAILABLE, 0, "gitlab: " + action + " failed: " + summary(e), null, e);
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (e.getHeaders() != null) {
            e.getHeaders().forEach(headers::put);
        }
        PlatformException mapped = HttpErrors.of("gitlab", action, "", status, HttpHeaders.of(headers, (k, v) -> true),
                "{\"message\":" + quote(summary(e)) + "}", clock);
        return new PlatformException(mapped.kind(), status, "gitlab: " + action + " answered " + status + ": " + summary(e),
                mapped.retryAt().orElse(null), e);
    }

    private static String summary(GitLabApiException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String line = message.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private GitLabErrors() {
    }
}
