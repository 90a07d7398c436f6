package dev.tamma.orchestrator.platform;

import dev.tamma.core.platform.GitPlatform;
import dev.tamma.core.platform.RepositoryId;
import dev.tamma.core.platform.Secret;
import dev.tamma.core.platform.Workspace.Person;
import dev.tamma.orchestrator.platform.plaingit.PlainGitPlatforms;
import dev.tamma.orchestrator.webhook.WebhookProperties;
import dev.tamma.platforms.PlatformAddress;
import dev.tamma.platforms.PlatformConnections;
import dev.tamma.platforms.github.GitHubAuth;
import dev.tamma.platforms.plaingit.CheckCommand;
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
 * refused at startup with the key that is wrong ({@link RepositoryEntryRules}); a platform is only
 * contacted when needed.
 */
@Component
public class RepositoryPlatforms {

    /** A repository's platform, and the git credentials a lease for it hands a worker (none for a local remote). */
    public record Connected(GitPlatform platform, Supplier<Optional<GitCredentials>> credentials) {
    }

    private final Map<String, PlatformProperties.Repository> configured = new LinkedHashMap<>();
    private final Map<String, Connected> connected = new ConcurrentHashMap<>();
    private final PlainGitPlatforms plainGit;
    private final Person tamma;
    private final PlatformConnections connections;

    /** {@code webhooks}: the Azure DevOps service hooks Tamma registers authenticate with its basic-auth user name. */
    public RepositoryPlatforms(PlatformProperties properties, WebhookProperties webhooks, PlainGitPlatforms plainGit,
            Clock clock) {
        this.plainGit = plainGit;
        this.connections = new PlatformConnections(clock, webhooks.azure().username());
        this.tamma = new Person(properties.gitIdentity().name(), properties.gitIdentity().email());
        List<PlatformProperties.Repository> repositories = properties.repositories();
        for (int i = 0; i < repositories.size(); i++) {
            PlatformProperties.Repository r = repositories.get(i);
            String key = "tamma.platforms.repositories[" + i + "]";
            RepositoryEntryRules.enforce(key, r);
            if (configured.putIfAbsent(r.name(), r) != null) {
                throw new IllegalArgumentException(key + ".name: " + r.name() + " is configured twice");
            }
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

    /**
     * Where the repository's platform is, without any secret: what a lease tells a remote worker
     * so it can connect with the lease's token.
     */
    public Optional<PlatformAddress> address(String repository) {
        return Optional.ofNullable(configured.get(repository)).map(RepositoryPlatforms::address);
    }

    private static PlatformAddress address(PlatformProperties.Repository r) {
        return new PlatformAddress(r.platform(), r.url(), r.name(), r.user(), r.closedState(), r.writers());
    }

    private Connected connect(PlatformProperties.Repository r) {
        if (!PlatformAddress.PLAIN_GIT.equals(r.platform())) {
            PlatformConnections.Connection c = r.githubApp() == null ? connections.connect(address(r), token(r))
                    : connections.connect(address(r), new GitHubAuth.App(r.githubApp().appId(),
                            r.githubApp().installationId(), Secret.of(read(r.githubApp().privateKeyFile(), r.name()))));
            return new Connected(c.platform(), () -> Optional.of(c.gitCredentials().get()));
        }
        String[] parts = r.name().split("/", 2);
        Optional<GitCredentials> credentials = r.hasToken()
                ? Optional.of(new GitCredentials(r.user() == null ? "tamma" : r.user(), token(r)))
                : Optional.empty();
        Optional<CheckCommand> check = Optional.ofNullable(r.check())
                .map(c -> new CheckCommand(c.name(), c.command(), c.timeout()));
        return new Connected(plainGit.connect(new RepositoryId(parts[0], parts[1]), remote(r.url()), credentials, check,
                r.writers(), tamma), () -> credentials);
    }

    /** A path without a scheme is a local repository, made absolute so the mirror finds it from anywhere. */
    private static String remote(URI url) {
        return url.getScheme() == null ? Path.of(url.getPath()).toAbsolutePath().normalize().toString() : url.toString();
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

}
