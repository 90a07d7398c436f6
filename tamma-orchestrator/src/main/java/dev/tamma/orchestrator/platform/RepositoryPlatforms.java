package dev.tamma.orchestrator.platform;

import dev.tamma.core.platform.GitPlatform;
import dev.tamma.core.platform.RepositoryId;
import dev.tamma.core.platform.Secret;
import dev.tamma.platforms.bitbucket.BitbucketPlatform;
import dev.tamma.platforms.gitea.GiteaFlavour;
import dev.tamma.platforms.gitea.GiteaPlatform;
import dev.tamma.platforms.github.GitHubAuth;
import dev.tamma.platforms.github.GitHubPlatform;
import dev.tamma.platforms.gitlab.GitLabPlatform;
import dev.tamma.platforms.http.Resilience;
import dev.tamma.platforms.workspace.GitCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The configured repositories, each connected to its platform on first use. Bad configuration is
 * refused at startup with the key that is wrong; a platform is only contacted when needed.
 */
@Component
public class RepositoryPlatforms {

    /** A repository's platform, and the git credentials a lease for it hands a worker. */
    public record Connected(GitPlatform platform, Supplier<GitCredentials> credentials) {
    }

    private final Map<String, PlatformProperties.Repository> configured = new LinkedHashMap<>();
    private final Map<String, Connected> connected = new ConcurrentHashMap<>();
    private final Clock clock;

    public RepositoryPlatforms(PlatformProperties properties, Clock clock) {
        this.clock = clock;
        List<PlatformProperties.Repository> repositories = properties.repositories();
        for (int i = 0; i < repositories.size(); i++) {
            PlatformProperties.Repository r = repositories.get(i);
            String key = "tamma.platforms.repositories[" + i + "]";
            if (r.name() == null || !r.name().matches("[^/\\s]+/[^\\s]+")) {
                throw new IllegalArgumentException(key + ".name must be owner/name, was " + r.name());
            }
            if (!List.of("github", "gitlab", "gitea", "forgejo", "bitbucket").contains(String.valueOf(r.platform()))) {
                throw new IllegalArgumentException(key + ".platform must be github, gitlab, gitea, forgejo or "
                        + "bitbucket, was " + r.platform());
            }
            boolean hasToken = r.token() != null && !r.token().isBlank() || r.tokenFile() != null;
            if (hasToken == (r.githubApp() != null)) {
                throw new IllegalArgumentException(key + ": set a token (token or token-file)"
                        + ("github".equals(r.platform()) ? " or github-app, not both" : ""));
            }
            if (r.githubApp() != null && !"github".equals(r.platform())) {
                throw new IllegalArgumentException(key + ".github-app is for GitHub repositories only");
            }
            if (("gitea".equals(r.platform()) || "forgejo".equals(r.platform())) && (r.url() == null || r.user() == null)) {
                throw new IllegalArgumentException(key + ": " + r.platform() + " needs url (https://HOST/api/v1) and user");
            }
            configured.put(r.name(), r);
        }
    }

    /** The repositories with a platform configured. */
    public List<String> repositories() {
        return List.copyOf(configured.keySet());
    }

    public Optional<Connected> forRepository(String repository) {
        PlatformProperties.Repository config = configured.get(repository);
        return config == null ? Optional.empty() : Optional.of(connected.computeIfAbsent(repository, r -> connect(config)));
    }

    private Connected connect(PlatformProperties.Repository r) {
        String[] parts = r.name().split("/", 2);
        RepositoryId id = new RepositoryId(parts[0], parts[1]);
        Resilience resilience = Resilience.withDefaults();
        return switch (r.platform()) {
            case "github" -> {
                GitHubAuth auth = r.githubApp() == null ? new GitHubAuth.PersonalToken(token(r))
                        : new GitHubAuth.App(r.githubApp().appId(), r.githubApp().installationId(),
                                Secret.of(read(r.githubApp().privateKeyFile(), r.name())));
                GitHubPlatform p = GitHubPlatform.connect(orDefault(r.url(), GitHubPlatform.GITHUB_COM), id, auth, clock,
                        resilience);
                yield new Connected(p, p::gitCredentials);
            }
            case "gitlab" -> {
                GitLabPlatform p = new GitLabPlatform(orDefault(r.url(), GitLabPlatform.GITLAB_COM), id, token(r),
                        resilience, clock);
                yield new Connected(p, p::gitCredentials);
            }
            case "gitea", "forgejo" -> {
                GiteaPlatform p = new GiteaPlatform("gitea".equals(r.platform()) ? GiteaFlavour.GITEA : GiteaFlavour.FORGEJO,
                        r.url(), id, r.user(), token(r), resilience, clock);
                yield new Connected(p, p::gitCredentials);
            }
            default -> {
                BitbucketPlatform p = new BitbucketPlatform(orDefault(r.url(), BitbucketPlatform.BITBUCKET_ORG), id,
                        token(r), resilience, clock);
                yield new Connected(p, p::gitCredentials);
            }
        };
    }

    private static Secret token(PlatformProperties.Repository r) {
        return Secret.of(r.tokenFile() != null ? read(r.tokenFile(), r.name()) : r.token());
    }

    private static String read(Path file, String repository) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the secret file for " + repository + ": " + file, e);
        }
    }

    private static URI orDefault(URI url, URI fallback) {
        return url == null ? fallback : url;
    }
}
