package dev.tamma.platforms.github;

import dev.tamma.core.platform.PlatformException;
import dev.tamma.core.platform.PlatformException.Kind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import org.kohsuke.github.authorization.AuthorizationProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Installation tokens of a GitHub App, as kohsuke's {@link AuthorizationProvider}: exchanged with
 * {@code POST /app/installations/{id}/access_tokens} under a fresh JWT, kept until
 * {@link #REFRESH_MARGIN} before {@code expires_at}, and dropped by {@link #invalidate()} when
 * GitHub answers 401 (revoked, or the clocks disagree). A lock rather than {@code synchronized}:
 * callers on virtual threads wait for a refresh without pinning their carrier (Java 21).
 */
final class GitHubAppTokens implements AuthorizationProvider {

    static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);
    /** How long one exchange may take: every caller of this installation waits for it. */
    static final Duration EXCHANGE_TIMEOUT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ReentrantLock lock = new ReentrantLock();

    private final URI apiUrl;
    private final long installationId;
    private final AppJwt jwt;
    private final HttpClient http;
    private final Clock clock;
    private String token;
    private Instant expiresAt = Instant.MIN;

    GitHubAppTokens(URI apiUrl, GitHubAuth.App app, HttpClient http, Clock clock) {
        this.apiUrl = apiUrl;
        this.installationId = app.installationId();
        this.jwt = new AppJwt(app.appId(), app.privateKeyPem().reveal());
        this.http = http;
        this.clock = clock;
    }

    @Override
    public String getEncodedAuthorization() throws IOException {
        return "token " + token();
    }

    /** The token in use, for git over HTTPS (user {@code x-access-token}). */
    String token() throws IOException {
        lock.lock();
        try {
            if (token == null || !clock.instant().isBefore(expiresAt.minus(REFRESH_MARGIN))) {
                fetch();
            }
            return token;
        } finally {
            lock.unlock();
        }
    }

    void invalidate() {
        lock.lock();
        try {
            token = null;
        } finally {
            lock.unlock();
        }
    }

    private void fetch() throws IOException {
        URI uri = URI.create(apiUrl.toString().replaceAll("/$", "") + "/app/installations/" + installationId
                + "/access_tokens");
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + jwt.create(clock.instant()))
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .timeout(EXCHANGE_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching a GitHub App installation token", e);
        }
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            Kind kind = response.statusCode() == 401 ? Kind.UNAUTHORIZED
                    : response.statusCode() == 404 ? Kind.NOT_FOUND
                    : response.statusCode() == 403 ? Kind.FORBIDDEN : Kind.UNAVAILABLE;
            throw new PlatformException(kind, response.statusCode(), "GitHub refused an installation token for installation "
                    + installationId + " (" + response.statusCode() + ")");
        }
        JsonNode body = JSON.readTree(response.body());
        token = body.path("token").asString();
        expiresAt = Instant.parse(body.path("expires_at").asString());
    }
}
