package dev.tamma.core.platform;

import java.util.Objects;

/**
 * Which repository on a platform: {@code owner} is the user, organisation or group path
 * ({@code group/subgroup} on GitLab, {@code organization/project} on Azure DevOps), {@code name}
 * the repository itself.
 */
public record RepositoryId(String owner, String name) {

    public RepositoryId {
        owner = Checks.notBlank(owner, "repository owner");
        name = Checks.notBlank(name, "repository name");
        if (name.contains("/")) {
            throw new IllegalArgumentException("repository name must not contain '/': " + name);
        }
    }

    /** Parses {@code owner/name}; the owner may itself contain slashes. */
    public static RepositoryId parse(String fullName) {
        Objects.requireNonNull(fullName, "repository full name");
        int slash = fullName.lastIndexOf('/');
        if (slash <= 0 || slash == fullName.length() - 1) {
            throw new IllegalArgumentException("repository must be written owner/name, got: '" + fullName + "'");
        }
        return new RepositoryId(fullName.substring(0, slash), fullName.substring(slash + 1));
    }

    public String fullName() {
        return owner + "/" + name;
    }

    @Override
    public String toString() {
        return fullName();
    }
}
