package dev.tamma.orchestrator.lease;

import dev.tamma.orchestrator.platform.RepositoryPlatforms;
import dev.tamma.platforms.PlatformAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The credentials a lease carries: the token configured for the task's repository, and only that
 * one, with where its platform is. Platforms with short-lived tokens (a GitHub App's installation
 * tokens) plug in here.
 */
@Component
public class LeaseCredentials {

    private final List<RepositoryToken> tokens;
    private final RepositoryPlatforms platforms;

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
            try {
                return Files.readString(tokenFile).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the token file for " + repository + ": " + tokenFile, e);
            }
        }

        @Override
        public String toString() {
            return "RepositoryToken[repository=" + repository + ", token=" + (token == null ? "none" : "[redacted]")
                    + ", tokenFile=" + tokenFile + "]";
        }
    }
}
