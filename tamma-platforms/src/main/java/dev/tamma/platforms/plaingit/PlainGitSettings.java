package dev.tamma.platforms.plaingit;

import dev.tamma.core.platform.Permission;
import dev.tamma.core.platform.RepositoryId;
import dev.tamma.core.platform.Workspace.Person;
import dev.tamma.platforms.workspace.GitCredentials;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How Tamma reaches a repository that has no hosting platform: its URL (file://, https://, ssh://
 * or a local path), optional credentials, a cache directory for the mirror and check runs, the
 * check command that stands in for CI, and who may command Tamma (there is no platform to ask).
 */
public record PlainGitSettings(RepositoryId id, String remoteUrl, Optional<GitCredentials> credentials, Path cacheDirectory,
        Optional<CheckCommand> check, Map<String, Permission> permissions, Person tamma, Clock clock) {

    public PlainGitSettings {
        Objects.requireNonNull(id, "repository id");
        Objects.requireNonNull(remoteUrl, "remote URL");
        if (remoteUrl.isBlank()) {
            throw new IllegalArgumentException("remote URL must not be blank");
        }
        if (GitCredentials.carriesCredentials(remoteUrl)) {
            throw new IllegalArgumentException("the remote URL must not carry credentials; pass them as GitCredentials");
        }
        credentials = credentials == null ? Optional.empty() : credentials;
        Objects.requireNonNull(cacheDirectory, "cache directory");
        check = check == null ? Optional.empty() : check;
        permissions = Map.copyOf(permissions == null ? Map.of() : permissions);
        Objects.requireNonNull(tamma, "Tamma's git identity");
        clock = clock == null ? Clock.systemUTC() : clock;
    }
}
