package dev.tamma.platforms;

import dev.tamma.core.platform.GitPlatform;
import dev.tamma.core.platform.Permission;
import dev.tamma.core.platform.RepositoryId;
import dev.tamma.core.platform.Secret;
import dev.tamma.platforms.azure.AzureDevOpsPlatform;
import dev.tamma.platforms.azure.AzureDevOpsSettings;
import dev.tamma.platforms.bitbucket.BitbucketPlatform;
import dev.tamma.platforms.gitea.GiteaFlavour;
import dev.tamma.platforms.gitea.GiteaPlatform;
import dev.tamma.platforms.github.GitHubAuth;
import dev.tamma.platforms.github.GitHubPlatform;
import dev.tamma.platforms.gitlab.GitLabPlatform;
import dev.tamma.platforms.http.Resilience;
import dev.tamma.platforms.workspace.GitCredentials;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Connects a {@link PlatformAddress} and a credential to its platform: the orchestrator for its
 * configured repositories, remote workers from what a lease hands them. Plain Git is not made
 * here: its records live in the orchestrator's database.
 */
public final class PlatformConnections {

    /** A platform, and the user name and token git uses with it (a GitHub App's token of the moment). */
    public record Connection(GitPlatform platform, Supplier<GitCredentials> gitCredentials) {
    }

    private final Clock clock;
    private final String azureWebhookUser;

    /**
     * @param azureWebhookUser the basic-auth user name of the Azure DevOps service hooks Tamma registers;
     *                         {@code null} for {@code tamma}
     */
    public PlatformConnections(Clock clock, String azureWebhookUser) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.azureWebhookUser = azureWebhookUser;
    }

    public PlatformConnections(Clock clock) {
        this(clock, null);
    }

    /** With an access token: a personal, project or repository token. */
    public Connection connect(PlatformAddress address, Secret token) {
        Objects.requireNonNull(token, "token");
        return connect(address, () -> token);
    }

    /**
     * With an access token read where it is used: GitHub's client reads it at every call and git
     * operation, so the installation token a lease carries, which the lease's heartbeats renew, is
     * the one in use. The other platforms' tokens are configured ones that do not run out within a
     * step, and are read once here.
     */
    public Connection connect(PlatformAddress address, Supplier<Secret> current) {
        Objects.requireNonNull(current, "token");
        Secret token = Objects.requireNonNull(current.get(), "token");
        RepositoryId id = id(address);
        Resilience resilience = Resilience.withDefaults();
        return switch (address.type()) {
            case "github" -> {
                GitHubPlatform p = GitHubPlatform.connect(address.url(), id, new GitHubAuth.Token(current), clock,
                        resilience);
                yield new Connection(p, p::gitCredentials);
            }
            case "gitlab" -> {
                GitLabPlatform p = new GitLabPlatform(address.url(), id, token, resilience, clock);
                yield new Connection(p, p::gitCredentials);
            }
            case "gitea", "forgejo" -> {
                if (address.url() == null || address.user() == null || address.user().isBlank()) {
                    throw new IllegalArgumentException(address.type() + " repository " + address.repository()
                            + " needs its API URL (https://HOST/api/v1) and the user the token belongs to");
                }
                GiteaPlatform p = new GiteaPlatform("gitea".equals(address.type()) ? GiteaFlavour.GITEA
                        : GiteaFlavour.FORGEJO, address.url(), id, address.user(), token, resilience, clock);
                yield new Connection(p, p::gitCredentials);
            }
            case "bitbucket" -> {
                BitbucketPlatform p = new BitbucketPlatform(address.url(), id, token, resilience, clock);
                yield new Connection(p, p::gitCredentials);
            }
            case "azure" -> azure(address, id, token, resilience);
            case PlatformAddress.PLAIN_GIT -> throw new IllegalArgumentException("plain-git repository "
                    + address.repository() + " keeps its issues and pull requests in the orchestrator's database;"
                    + " only the orchestrator can connect to it");
            default -> throw new IllegalArgumentException("platform type '" + address.type() + "' of "
                    + address.repository() + " is not one of " + String.join(", ", PlatformAddress.TYPES));
        };
    }

    /** A GitHub App installation: installation tokens are fetched, and fetched again before they expire. */
    public Connection connect(PlatformAddress address, GitHubAuth.App app) {
        if (!"github".equals(address.type())) {
            throw new IllegalArgumentException("a GitHub App signs in to GitHub only, not to " + address.type()
                    + " repository " + address.repository());
        }
        GitHubPlatform p = GitHubPlatform.connect(address.url(), id(address), app, clock, Resilience.withDefaults());
        return new Connection(p, p::gitCredentials);
    }

    private Connection azure(PlatformAddress address, RepositoryId id, Secret token, Resilience resilience) {
        if (address.url() == null || address.url().getPath() == null
                || address.url().getPath().replaceAll("/+$", "").isEmpty()) {
            throw new IllegalArgumentException("azure repository " + address.repository()
                    + " needs the organization's URL (https://dev.azure.com/ORGANIZATION), was " + address.url());
        }
        // https://dev.azure.com/ORG: the organization is the URL's last segment, the API lives below it
        String organizationUrl = address.url().toString().replaceAll("/+$", "");
        int slash = organizationUrl.lastIndexOf('/');
        RepositoryId azureId = new RepositoryId(organizationUrl.substring(slash + 1) + "/" + id.owner(), id.name());
        Map<String, Permission> writers = new LinkedHashMap<>();
        address.writers().forEach(w -> writers.put(w, Permission.WRITE));
        AzureDevOpsSettings settings = new AzureDevOpsSettings(
                address.closedState() == null ? "Closed" : address.closedState(), writers, azureWebhookUser);
        AzureDevOpsPlatform p = new AzureDevOpsPlatform(URI.create(organizationUrl.substring(0, slash)), azureId, token,
                settings, resilience, clock);
        return new Connection(p, p::gitCredentials);
    }

    private static RepositoryId id(PlatformAddress address) {
        String[] parts = address.repository().split("/", 2);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException("repository must be owner/name, was " + address.repository());
        }
        return new RepositoryId(parts[0], parts[1]);
    }
}
