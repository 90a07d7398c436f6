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
import org.kohsuke.github.authorization.AuthorizationProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Installation tokens of a GitHub App, as kohsuke's {@link AuthorizationProvider}: exchanged with
 * {@code POST /app/installations/{id}/access_tokens} under a fresh JWT, kept until
 * {@link #REFRESH_MARGIN} before {@code expires_at}, and dropped by {@link #invalidate()} when
 * GitHub answers 401 (revoked, or the clocks disagree).
 */
final class GitHubAppTokens implements AuthorizationProvider {

    static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();

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
    public synchronized String getEncodedAuthorization() throws IOException {
        if (token == null || !clock.instant().isBefore(expiresAt.minus(REFRESH_MARGIN))) {
            fetch();
        }
        return "token " + token;
    }

    /** The token in use, for git over HTTPS (user {@code x-access-token}). */
    synchronized String token() throws IOException {
        getEncodedAuthorization();
        return token;
    }

    synchronized void invalidate() {
        token = null;
    }

    private void fetch() throws IOException {
        URI uri = URI.create(apiUrl.toString().replaceAll("/$", "") + "/app/installations/" + installationId
                + "/access_tokens");
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + jwt.create(clock.instant()))
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
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
