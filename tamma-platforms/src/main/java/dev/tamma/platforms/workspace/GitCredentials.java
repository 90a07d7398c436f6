package dev.tamma.platforms.workspace;

import dev.tamma.core.platform.Secret;
import java.util.Objects;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * The user name and token git sends over HTTP. Handed to JGit only as a {@link CredentialsProvider}
 * for one command, so the token never lands in {@code .git/config}, a remote URL or a reflog.
 * The user name is what the platform expects beside a token: {@code x-access-token} on GitHub,
 * {@code oauth2} on GitLab, the account name on Gitea, {@code x-token-auth} on Bitbucket.
 */
public record GitCredentials(String username, Secret token) {

    public GitCredentials {
        Objects.requireNonNull(username, "username");
        if (username.isBlank()) {
            throw new IllegalArgumentException("git user name must not be blank");
        }
        Objects.requireNonNull(token, "token");
    }

    /**
     * Whether a remote URL has a secret in it: any user part of an http(s) URL, or a
     * {@code user:password} part of any other. ({@code ssh://git@host/...} names a user, not a secret.)
     */
    public static boolean carriesCredentials(String url) {
        return url.matches("(?i)^https?://[^/]*@.*") || url.matches("(?i)^[a-z][a-z0-9+.-]*://[^/@]*:[^/@]*@.*");
    }

    public CredentialsProvider provider() {
        return new UsernamePasswordCredentialsProvider(username, token.reveal());
    }

    @Override
    public String toString() {
        return "GitCredentials[" + username + ", ***]";
    }
}
