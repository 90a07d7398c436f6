package dev.tamma.orchestrator.platform;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The repositories Tamma works on and how it reaches their platform
 * ({@code tamma.platforms.repositories[n].*}).
 */
@ConfigurationProperties("tamma.platforms")
public record PlatformProperties(List<Repository> repositories) {

    public PlatformProperties {
        repositories = repositories == null ? List.of() : List.copyOf(repositories);
    }

    /**
     * @param name      {@code owner/name} as the platform spells it
     * @param platform  github, gitlab, gitea, forgejo or bitbucket
     * @param url       the API's base URL; empty for the public service (github.com, gitlab.com, bitbucket.org)
     * @param user      the account the token belongs to, where the platform needs it for git (gitea, forgejo)
     * @param token     the access token, or {@code tokenFile} holding it
     * @param githubApp a GitHub App installation instead of a token
     */
    public record Repository(String name, String platform, URI url, String user, String token, Path tokenFile,
            GitHubApp githubApp) {

        @Override
        public String toString() {
            return "Repository[name=" + name + ", platform=" + platform + ", url=" + url + ", token="
                    + (token == null ? "none" : "[redacted]") + ", tokenFile=" + tokenFile + "]";
        }
    }

    /** @param privateKeyFile the app's PEM private key, as GitHub hands it out */
    public record GitHubApp(long appId, long installationId, Path privateKeyFile) {
    }
}
