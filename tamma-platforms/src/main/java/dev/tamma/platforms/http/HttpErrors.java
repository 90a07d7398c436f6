package dev.tamma.platforms.http;

import dev.tamma.core.platform.PlatformException;
import dev.tamma.core.platform.PlatformException.Kind;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An HTTP error answer as a {@link PlatformException}, the same way for every REST platform: the
 * status decides the kind; a 403 or 429 carrying rate-limit headers is RATE_LIMITED with the time
 * the platform named ({@code Retry-After}, GitHub's and Gitea's {@code X-RateLimit-Reset}, GitLab's
 * {@code RateLimit-Reset}). The message has the method, path, status and the platform's own words,
 * never a header, so never a token.
 */
public final class HttpErrors {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static PlatformException of(String platform, String method, String path, int status, HttpHeaders headers,
            String body, Clock clock) {
        Optional<Instant> retryAt = retryAt(headers, clock);
        boolean limited = status == 429 || (status == 403 && (retryAt.isPresent()
                && (headers.firstValue("Retry-After").isPresent() || remaining(headers) == 0)));
        Kind kind = limited ? Kind.RATE_LIMITED : switch (status) {
            case 401 -> Kind.UNAUTHORIZED;
            case 403 -> Kind.FORBIDDEN;
            case 404, 410 -> Kind.NOT_FOUND;
            case 405, 409 -> Kind.CONFLICT;
            case 400, 422 -> Kind.INVALID;
            default -> Kind.UNAVAILABLE;
        };
        Instant at = kind == Kind.RATE_LIMITED ? retryAt.orElse(clock.instant().plusSeconds(60)) : null;
        return new PlatformException(kind, status, platform + ": " + method + " " + path + " answered " + status
                + message(body).map(m -> ": " + m).orElse(""), at, null);
    }

    static Optional<Instant> retryAt(HttpHeaders headers, Clock clock) {
        Optional<String> retryAfter = headers.firstValue("Retry-After").map(String::strip);
        if (retryAfter.isPresent()) {
            String value = retryAfter.get();
            if (value.matches("\\d+")) {
                return Optional.of(clock.instant().plusSeconds(Long.parseLong(value)));
            }
            try {
                return Optional.of(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException ignored) {
                // fall through to the reset headers
            }
        }
        for (String name : new String[] {"X-RateLimit-Reset", "RateLimit-Reset"}) {
            Optional<String> reset = headers.firstValue(name).map(String::strip).filter(v -> v.matches("\\d+"));
            if (reset.isPresent()) {
                long seconds = Long.parseLong(reset.get());
                // an epoch second, or (IETF draft) seconds from now when the number is small
                return Optional.of(seconds > 1_000_000_000L ? Instant.ofEpochSecond(seconds)
                        : clock.instant().plusSeconds(seconds));
            }
        }
        return Optional.empty();
    }

    private static long remaining(HttpHeaders headers) {
        return headers.firstValue("X-RateLimit-Remaining").or(() -> headers.firstValue("RateLimit-Remaining"))
                .map(String::strip).filter(v -> v.matches("\\d+")).map(Long::parseLong).orElse(-1L);
    }

    private static Optional<String> message(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode json = JSON.readTree(body);
            for (String field : new String[] {"message", "error", "error_description"}) {
                if (json.path(field).isString()) {
                    return Optional.of(clip(json.path(field).asString()));
                }
            }
            if (json.path("error").path("message").isString()) {
                return Optional.of(clip(json.path("error").path("message").asString()));
            }
            if (json.path("message").isObject() || json.path("message").isArray()) {
                return Optional.of(clip(json.path("message").toString()));
            }
        } catch (RuntimeException notJson) {
            // plain text error pages
        }
        return Optional.of(clip(body.strip()));
    }

    private static String clip(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    private HttpErrors() {
    }
}
