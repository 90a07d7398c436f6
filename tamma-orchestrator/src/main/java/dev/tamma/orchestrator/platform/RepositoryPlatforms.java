package dev.tamma.orchestrator.platform;

import dev.tamma.core.platform.GitPlatform;
import dev.tamma.core.platform.Permission;
import dev.tamma.core.platform.RepositoryId;
import dev.tamma.core.platform.Secret;
import dev.tamma.core.platform.Workspace.Person;
import dev.tamma.orchestrator.platform.plaingit.PlainGitPlatforms;
import dev.tamma.orchestrator.webhook.WebhookProperties;
import dev.tamma.platforms.azure.AzureDevOpsPlatform;
import dev.tamma.platforms.azure.AzureDevOpsSettings;
import dev.tamma.platforms.bitbucket.BitbucketPlatform;
import dev.tamma.platforms.gitea.GiteaFlavour;
import dev.tamma.platforms.gitea.GiteaPlatform;
import dev.tamma.platforms.github.GitHubAuth;
import dev.tamma.platforms.github.GitHubPlatform;
import dev.tamma.platforms.gitlab.GitLabPlatform;
import dev.tamma.platforms.http.Resilience;
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
    private final String azureWebhookUser;
    private final Clock clock;

    /** {@code webhooks}: the Azure DevOps service hooks Tamma registers authenticate with its basic-auth user name. */
    public RepositoryPlatforms(PlatformProperties properties, WebhookProperties webhooks, PlainGitPlatforms plainGit,
            Clock clock) {
        this.plainGit = plainGit;
        this.azureWebhookUser = webhooks.azure().username();
        this.tamma = new Person(properties.gitIdentity().name(), properties.gitIdentity().email());
        this.clock = clock;
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
                yield new Connected(p, () -> Optional.of(p.gitCredentials()));
            }
            case "gitlab" -> {
                GitLabPlatform p = new GitLabPlatform(orDefault(r.url(), GitLabPlatform.GITLAB_COM), id, token(r),
                        resilience, clock);
                yield new Connected(p, () -> Optional.of(p.gitCredentials()));
            }
            case "gitea", "forgejo" -> {
                GiteaPlatform p = new GiteaPlatform("gitea".equals(r.platform()) ? GiteaFlavour.GITEA : GiteaFlavour.FORGEJO,
                        r.url(), id, r.user(), token(r), resilience, clock);
                yield new Connected(p, () -> Optional.of(p.gitCredentials()));
            }
            case "bitbucket" -> {
                BitbucketPlatform p = new BitbucketPlatform(orDefault(r.url(), BitbucketPlatform.BITBUCKET_ORG), id,
                        token(r), resilience, clock);
                yield new Connected(p, () -> Optional.of(p.gitCredentials()));
            }
            case "azure" -> {
                // https://dev.azure.com/ORG: the organization is the URL's last segment, the API lives below it
                String organizationUrl = r.url().toString().replaceAll("/+$", "");
                int slash = organizationUrl.lastIndexOf('/');
                RepositoryId azureId = new RepositoryId(organizationUrl.substring(slash + 1) + "/" + id.owner(), id.name());
                Map<String, Permission> writers = new LinkedHashMap<>();
                r.writers().forEach(w -> writers.put(w, Permission.WRITE));
                AzureDevOpsPlatform p = new AzureDevOpsPlatform(URI.create(organizationUrl.substring(0, slash)), azureId,
                        token(r), new AzureDevOpsSettings(r.closedState() == null ? "Closed" : r.closedState(), writers,
                                azureWebhookUser),
                        resilience, clock);
                yield new Connected(p, () -> Optional.of(p.gitCredentials()));
            }
            default -> {
                Optional<GitCredentials> credentials = r.hasToken()
                        ? Optional.of(new GitCredentials(r.user() == null ? "tamma" : r.user(), token(r)))
                        : Optional.empty();
                Optional<CheckCommand> check = Optional.ofNullable(r.check())
                        .map(c -> new CheckCommand(c.name(), c.command(), c.timeout()));
                yield new Connected(plainGit.connect(id, remote(r.url()), credentials, check, r.writers(), tamma),
                        () -> credentials);
            }
        };
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

    private static URI orDefault(URI url, URI fallback) {
        return url == null ? fallback : url;
    }
}
