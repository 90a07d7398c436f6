package dev.tamma.core.webhook;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A Git platform that sends webhooks. {@link #id()} is the path segment of its endpoint. */
public enum Platform {
    GITHUB("github", "GitHub"),
    GITLAB("gitlab", "GitLab"),
    GITEA("gitea", "Gitea"),
    FORGEJO("forgejo", "Forgejo"),
    BITBUCKET("bitbucket", "Bitbucket Cloud"),
    AZURE_DEVOPS("azure", "Azure DevOps");

    private final String id;
    private final String displayName;

    Platform(String id, String displayName) {
        this.id = id;
        this.displayName = displayName;
    }

    /** The lowercase name used in URLs ({@code /webhooks/<id>}) and configuration keys. */
    public String id() {
        return id;
    }

    /** The platform's own name, for messages. */
    public String displayName() {
        return displayName;
    }

    /** The platform whose {@link #id()} is {@code id}, ignoring case. */
    public static Optional<Platform> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.id.equals(wanted)).findFirst();
    }
}
