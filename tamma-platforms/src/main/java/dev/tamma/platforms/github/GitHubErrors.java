package dev.tamma.platforms.github;

import dev.tamma.core.platform.PlatformException;
import dev.tamma.core.platform.PlatformException.Kind;
import java.io.IOException;
import org.kohsuke.github.HttpException;

/** kohsuke's exceptions as the port's {@link PlatformException}s; messages keep GitHub's words, never a token. */
final class GitHubErrors {

    static PlatformException translate(String action, IOException e) {
        GitHubLimits.LimitReached limit = find(e, GitHubLimits.LimitReached.class);
        if (limit != null) {
            return new PlatformException(Kind.RATE_LIMITED, limit.status(), "github: " + action + ": " + limit.getMessage(),
                    limit.retryAt(), e);
        }
        HttpException http = find(e, HttpException.class);
        int status = http != null ? http.getResponseCode()
                : find(e, java.io.FileNotFoundException.class) != null ? 404 : -1;
        Kind kind = switch (status) {
            case 401 -> Kind.UNAUTHORIZED;
            case 403 -> Kind.FORBIDDEN;
            case 404, 410 -> Kind.NOT_FOUND;
            case 405, 409 -> Kind.CONFLICT;
            case 400, 422 -> Kind.INVALID;
            case 429 -> Kind.RATE_LIMITED;
            default -> Kind.UNAVAILABLE;
        };
        return new PlatformException(kind, Math.max(status, 0),
                "github: " + action + " failed" + (status > 0 ? " (" + status + ")" : "") + ": " + summary(e), null, e);
    }

    private static String summary(IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String line = message.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private GitHubErrors() {
    }
}
