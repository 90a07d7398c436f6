package dev.tamma.orchestrator.platform;

import dev.tamma.platforms.PlatformAddress;
import dev.tamma.platforms.workspace.GitCredentials;
import java.util.List;
import java.util.Set;

/**
 * What a {@code tamma.platforms.repositories[n]} entry must hold for its platform. Broken rules
 * stop the service at startup with the key that is wrong and what it should be.
 */
final class RepositoryEntryRules {

    static final List<String> PLATFORMS = PlatformAddress.TYPES;
    private static final Set<String> REMOTE_SCHEMES = Set.of("file", "http", "https", "ssh", "git");
    /** A plain-Git name becomes two directories under tamma.home, so it keeps to safe characters. */
    private static final String SAFE_NAME = "(?!\\.\\.?/)[A-Za-z0-9._-]+/(?!\\.\\.?$)[A-Za-z0-9._-]+";

    private RepositoryEntryRules() {
    }

    static void enforce(String key, PlatformProperties.Repository r) {
        if (r.name() == null || !r.name().matches("[^/\\s]+/[^\\s]+")) {
            throw new IllegalArgumentException(key + ".name must be owner/name, was " + r.name());
        }
        String platform = String.valueOf(r.platform());
        if (!PLATFORMS.contains(platform)) {
            throw new IllegalArgumentException(key + ".platform must be one of " + String.join(", ", PLATFORMS) + ", was "
                    + r.platform());
        }
        if (r.githubApp() != null && !"github".equals(platform)) {
            throw new IllegalArgumentException(key + ".github-app is for GitHub repositories only");
        }
        if ("github".equals(platform) ? r.hasToken() == (r.githubApp() != null) : !r.hasToken() && !"plain-git".equals(platform)) {
            throw new IllegalArgumentException(key + ": set a token (token or token-file)"
                    + ("github".equals(platform) ? " or github-app, not both" : ""));
        }
        if (r.token() != null && !r.token().isBlank() && r.tokenFile() != null) {
            throw new IllegalArgumentException(key + ": set token or token-file, not both");
        }
        if (!r.writers().isEmpty() && !Set.of("azure", "plain-git").contains(platform)) {
            throw new IllegalArgumentException(key + ".writers is for azure and plain-git repositories; " + platform
                    + " says itself who has write access");
        }
        if (r.check() != null && !"plain-git".equals(platform)) {
            throw new IllegalArgumentException(key + ".check is for plain-git repositories; " + platform + " has its own CI");
        }
        if (r.closedState() != null && !"azure".equals(platform)) {
            throw new IllegalArgumentException(key + ".closed-state is for azure repositories");
        }
        switch (platform) {
            case "gitea", "forgejo" -> {
                if (r.url() == null || r.user() == null) {
                    throw new IllegalArgumentException(key + ": " + platform + " needs url (https://HOST/api/v1) and user");
                }
            }
            case "azure" -> azure(key, r);
            case "plain-git" -> plainGit(key, r);
            default -> {
            }
        }
    }

    private static void azure(String key, PlatformProperties.Repository r) {
        if (r.name().split("/").length != 2) {
            throw new IllegalArgumentException(key + ".name on azure is project/repository, was " + r.name());
        }
        if (r.url() == null || !"https".equals(r.url().getScheme()) && !"http".equals(r.url().getScheme())
                || r.url().getPath() == null || r.url().getPath().replaceAll("/+$", "").isEmpty()) {
            throw new IllegalArgumentException(key + ".url on azure is the organization's URL "
                    + "(https://dev.azure.com/ORGANIZATION, or https://HOST/tfs/COLLECTION), was " + r.url());
        }
        if (r.closedState() != null && r.closedState().isBlank()) {
            throw new IllegalArgumentException(key + ".closed-state must not be blank");
        }
    }

    private static void plainGit(String key, PlatformProperties.Repository r) {
        if (!r.name().matches(SAFE_NAME)) {
            throw new IllegalArgumentException(key + ".name on plain-git is owner/name of letters, digits, '.', '_' "
                    + "and '-' (it names Tamma's cache directory), was " + r.name());
        }
        if (r.url() == null || r.url().getScheme() != null && !REMOTE_SCHEMES.contains(r.url().getScheme())) {
            throw new IllegalArgumentException(key + ".url on plain-git is the remote: a path, file://, https:// or "
                    + "ssh:// URL, was " + r.url());
        }
        if (GitCredentials.carriesCredentials(r.url().toString())) {
            throw new IllegalArgumentException(key + ".url must not carry credentials; set user and token instead");
        }
        if (r.check() != null) {
            if (r.check().command() == null || r.check().command().isBlank()) {
                throw new IllegalArgumentException(key + ".check.command must be set, for example ./mvnw -B verify");
            }
            if (r.check().timeout().isNegative() || r.check().timeout().isZero()) {
                throw new IllegalArgumentException(key + ".check.timeout must be positive, was " + r.check().timeout());
            }
        }
    }
}
