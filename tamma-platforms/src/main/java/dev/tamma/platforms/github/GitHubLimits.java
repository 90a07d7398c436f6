package dev.tamma.platforms.github;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * GitHub's primary limit ({@code x-ratelimit-remaining: 0} with {@code x-ratelimit-reset}) and its
 * secondary limit ({@code retry-after}) end the call at once with {@link LimitReached}, instead of
 * kohsuke's default of sleeping in the calling thread: the shared retry layer decides when to try
 * again, on an injected clock.
 */
final class GitHubLimits {

    /** A spent limit and when GitHub says it lifts. */
    static final class LimitReached extends IOException {
        private final transient Instant retryAt;
        private final int status;

        LimitReached(int status, Instant retryAt, String which) {
            super("GitHub " + which + " rate limit reached; retry at " + retryAt);
            this.status = status;
            this.retryAt = retryAt;
        }

        Instant retryAt() {
            return retryAt;
        }

        int status() {
            return status;
        }
    }

    static GitHubRateLimitHandler primary(Clock clock) {
        return new GitHubRateLimitHandler() {
            @Override
            public void onError(GitHubConnectorResponse response) throws IOException {
                throw new LimitReached(response.statusCode(), resetOf(response, clock), "primary");
            }
        };
    }

    static GitHubAbuseLimitHandler secondary(Clock clock) {
        return new GitHubAbuseLimitHandler() {
            @Override
            public void onError(GitHubConnectorResponse response) throws IOException {
                throw new LimitReached(response.statusCode(), resetOf(response, clock), "secondary");
            }
        };
    }

    /** {@code retry-after} seconds from now, else {@code x-ratelimit-reset}, else one minute from now. */
    static Instant resetOf(GitHubConnectorResponse response, Clock clock) {
        String retryAfter = response.header("Retry-After");
        if (retryAfter != null && retryAfter.strip().matches("\\d+")) {
            return clock.instant().plusSeconds(Long.parseLong(retryAfter.strip()));
        }
        String reset = response.header("X-RateLimit-Reset");
        if (reset != null && reset.strip().matches("\\d+")) {
            return Instant.ofEpochSecond(Long.parseLong(reset.strip()));
        }
        return clock.instant().plusSeconds(60);
    }

    private GitHubLimits() {
    }
}
