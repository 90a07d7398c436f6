package dev.tamma.orchestrator.lease;

import dev.tamma.orchestrator.platform.RepositoryPlatforms;
import dev.tamma.platforms.PlatformAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The credentials a lease carries: the token configured for the task's repository, and only that
 * one, with where its platform is. Platforms with short-lived tokens (a GitHub App's installation
 * tokens) plug in here.
 */
@Component
public class LeaseCredentials {

    /** How long a heartbeat waits for credentials before it answers without them. */
    static final Duration RENEWAL_WAIT = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(LeaseCredentials.class);

    private final List<RepositoryToken> tokens;
    private final RepositoryPlatforms platforms;
    private final Executor fetches = task -> Thread.ofVirtual().name("tamma-lease-credentials").start(task);
    /** Repositories whose credentials could not be renewed last time: warned about once, not per heartbeat. */
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    public LeaseCredentials(Properties properties, RepositoryPlatforms platforms) {
        this.tokens = properties.repositories();
        this.platforms = platforms;
    }

    /**
     * The repository's platform credentials when its platform is configured (a GitHub App's
     * current installation token, for one; nothing for a plain-Git remote without a token), else
     * {@code {"token": ...}} for the first {@code tamma.credentials} glob that matches, else nothing.
     */
    public Map<String, String> forRepository(String repository) {
        Optional<RepositoryPlatforms.Connected> platform = platforms.forRepository(repository);
        if (platform.isPresent()) {
            return platform.get().credentials().get()
                    .map(git -> Map.of("username", git.username(), "token", git.token().reveal()))
                    .orElse(Map.of());
        }
        Path asPath = Path.of(repository);
        for (RepositoryToken t : tokens) {
            if (FileSystems.getDefault().getPathMatcher("glob:" + t.repository()).matches(asPath)) {
                return Map.of("token", t.secret());
            }
        }
        return Map.of();
    }

    /**
     * The repository's credentials for a heartbeat: those of {@link #forRepository}, within
     * {@link #RENEWAL_WAIT}, or none. A heartbeat must extend its lease whatever the platform does;
     * a slow token exchange goes on in the background and serves the next heartbeat.
     */
    public Map<String, String> renewal(String repository) {
        String reason;
        try {
            Map<String, String> current = CompletableFuture.supplyAsync(() -> forRepository(repository), fetches)
                    .get(RENEWAL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (failing.remove(repository)) {
                log.info("The credentials for {} are renewed again", repository);
            }
            return current;
        } catch (TimeoutException e) {
            reason = "no answer within " + RENEWAL_WAIT.toSeconds() + " s";
        } catch (ExecutionException e) {
            reason = String.valueOf(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
        if (failing.add(repository)) {
            log.warn("Cannot renew the credentials for {} ({}); heartbeats go on without them and workers keep"
                    + " theirs until they can", repository, reason);
        } else {
            log.debug("Still cannot renew the credentials for {} ({})", repository, reason);
        }
        return Map.of();
    }

    /**
     * Where the repository's platform is, for workers that connect to it themselves: nothing
     * secret, and nothing for a repository without a platform entry.
     */
    public Optional<PlatformAddress> platform(String repository) {
        return platforms.address(repository);
    }

    /** {@code tamma.credentials.repositories[n].repository|token|token-file}. */
    @ConfigurationProperties("tamma.credentials")
    public record Properties(List<RepositoryToken> repositories) {
        public Properties {
            repositories = repositories == null ? List.of() : List.copyOf(repositories);
        }
    }

    /** A token for the repositories matching a glob, given inline or in a file. Never printed. */
    public record RepositoryToken(String repository, String token, Path tokenFile) {
        public RepositoryToken {
            if (repository == null || repository.isBlank()) {
                throw new IllegalArgumentException("tamma.credentials.repositories[].repository is required");
            }
            if ((token == null || token.isBlank()) == (tokenFile == null)) {
                throw new IllegalArgumentException("tamma.credentials for " + repository
                        + ": set exactly one of token and token-file");
            }
        }

        String secret() {
            if (tokenFile == null) {
                return token;
            }
            String secret;
            try {
                secret = Files.readString(tokenFile).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the token file for " + repository + ": " + tokenFile, e);
            }
            if (secret.isEmpty()) { // a rotation half done, say: better no token than an empty one
                throw new IllegalStateException("The token file for " + repository + " is empty: " + tokenFile);
            }
            return secret;
        }

        @Override
        public String toString() {
            return "RepositoryToken[repository=" + repository + ", token=" + (token == null ? "none" : "[redacted]")
                    + ", tokenFile=" + tokenFile + "]";
        }
    }
}
