package dev.tamma.orchestrator.platform;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The repositories Tamma works on and how it reaches their platform
 * ({@code tamma.platforms.repositories[n].*}), and the identity Tamma commits merges with where it
 * merges itself (plain Git).
 */
@ConfigurationProperties("tamma.platforms")
public record PlatformProperties(List<Repository> repositories, GitIdentity gitIdentity) {

    public PlatformProperties {
        repositories = repositories == null ? List.of() : List.copyOf(repositories);
        gitIdentity = gitIdentity == null ? new GitIdentity(null, null) : gitIdentity;
    }

    /**
     * @param name      {@code owner/name} as the platform spells it; on Azure DevOps {@code project/repository}
     * @param platform  github, gitlab, gitea, forgejo, bitbucket, azure or plain-git
     * @param url       the API's base URL, empty for the public service (github.com, gitlab.com, bitbucket.org);
     *                  on Azure DevOps the organization's URL ({@code https://dev.azure.com/ORG}); on plain Git
     *                  the remote: a path, {@code file://}, {@code https://} or {@code ssh://}
     * @param user      the account the token belongs to, where the platform needs it for git (gitea, forgejo,
     *                  plain-git over HTTPS)
     * @param token     the access token, or {@code tokenFile} holding it (optional on plain Git)
     * @param githubApp a GitHub App installation instead of a token
     * @param check     plain Git's CI: the command run in a checkout of each pushed commit
     * @param writers   who may command Tamma where no platform can say (plain-git, azure)
     * @param closedState the work item state that closes an issue on Azure DevOps ({@code Closed}, or {@code Done}
     *                  in the Scrum and Basic processes)
     */
    public record Repository(String name, String platform, URI url, String user, String token, Path tokenFile,
            GitHubApp githubApp, Check check, List<String> writers, String closedState) {

        public Repository {
            writers = writers == null ? List.of() : List.copyOf(writers);
        }

        boolean hasToken() {
            return token != null && !token.isBlank() || tokenFile != null;
        }

        @Override
        public String toString() {
            return "Repository[name=" + name + ", platform=" + platform + ", url=" + url + ", token="
                    + (token == null ? "none" : "[redacted]") + ", tokenFile=" + tokenFile + "]";
        }
    }

    /** @param privateKeyFile the app's PEM private key, as GitHub hands it out */
    public record GitHubApp(long appId, long installationId, Path privateKeyFile) {
    }

    /**
     * @param command run with {@code sh -c} in the checkout; exit 0 is green
     * @param timeout a check still running then is stopped and fails (default 30 minutes)
     * @param name    the check's name in CI status and comments (default {@code check})
     */
    public record Check(String command, Duration timeout, String name) {
        public Check {
            timeout = timeout == null ? Duration.ofMinutes(30) : timeout;
            name = name == null || name.isBlank() ? "check" : name;
        }
    }

    /** Who Tamma's own merge commits are by (default {@code Tamma <tamma@localhost>}). */
    public record GitIdentity(String name, String email) {
        public GitIdentity {
            name = name == null || name.isBlank() ? "Tamma" : name;
            email = email == null || email.isBlank() ? "tamma@localhost" : email;
        }
    }
}
