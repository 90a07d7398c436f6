package dev.tamma.platforms;

import dev.tamma.platforms.bitbucket.BitbucketPlatform;
import dev.tamma.platforms.github.GitHubPlatform;
import dev.tamma.platforms.gitlab.GitLabPlatform;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Where a repository's platform is, without any secret: everything a connection needs besides a
 * token. The orchestrator builds one from {@code tamma.platforms.repositories[n]}, and a lease hands
 * it to remote workers as it is.
 *
 * @param type        {@code github}, {@code gitlab}, {@code gitea}, {@code forgejo}, {@code bitbucket},
 *                    {@code azure} or {@code plain-git}
 * @param url         the API's base URL; the public service's when empty (github.com, gitlab.com,
 *                    bitbucket.org); on Azure DevOps the organization's URL; on plain Git the remote
 * @param repository  {@code owner/name} as the platform spells it; on Azure DevOps {@code project/repository}
 * @param user        the account the token belongs to, where git needs it (gitea, forgejo)
 * @param closedState the work item state that closes an issue on Azure DevOps; {@code Closed} when empty
 * @param writers     who may command Tamma where the platform cannot say (azure); workers never ask
 */
public record PlatformAddress(String type, URI url, String repository, String user, String closedState,
        List<String> writers) {

    public static final String PLAIN_GIT = "plain-git";
    public static final List<String> TYPES = List.of("github", "gitlab", "gitea", "forgejo", "bitbucket", "azure",
            PLAIN_GIT);

    public PlatformAddress {
        Objects.requireNonNull(type, "platform type");
        Objects.requireNonNull(repository, "repository");
        writers = writers == null ? List.of() : List.copyOf(writers);
        if (url == null) {
            url = switch (type) {
                case "github" -> GitHubPlatform.GITHUB_COM;
                case "gitlab" -> GitLabPlatform.GITLAB_COM;
                case "bitbucket" -> BitbucketPlatform.BITBUCKET_ORG;
                default -> null;
            };
        }
    }

    /** An address with only what reaching the repository takes. */
    public PlatformAddress(String type, URI url, String repository, String user, String closedState) {
        this(type, url, repository, user, closedState, List.of());
    }

    /** Plain Git keeps its issues and pull requests in the orchestrator's database, out of a remote worker's reach. */
    public boolean isPlainGit() {
        return PLAIN_GIT.equals(type);
    }
}
