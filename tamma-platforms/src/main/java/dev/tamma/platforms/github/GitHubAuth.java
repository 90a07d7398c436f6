package dev.tamma.platforms.github;

import dev.tamma.core.platform.Secret;
import java.util.Objects;
import java.util.function.Supplier;

/** How Tamma signs in to GitHub. */
public sealed interface GitHubAuth {

    /** A personal access token (classic or fine-grained). */
    record PersonalToken(Secret token) implements GitHubAuth {
        public PersonalToken {
            Objects.requireNonNull(token, "GitHub token");
        }
    }

    /**
     * An access token read afresh for every call, so whoever supplies it may renew it: the
     * installation token a worker's lease carries, which the lease's heartbeats renew.
     */
    record Token(Supplier<Secret> current) implements GitHubAuth {
        public Token {
            Objects.requireNonNull(current, "GitHub token");
        }
    }

    /**
     * A GitHub App installation: a JWT signed with the app's private key (PEM, PKCS#1 as GitHub
     * hands it out, or PKCS#8) is exchanged for an installation token, which is cached until
     * shortly before it expires and fetched again when GitHub refuses it.
     */
    record App(long appId, long installationId, Secret privateKeyPem) implements GitHubAuth {
        public App {
            if (appId <= 0) {
                throw new IllegalArgumentException("GitHub App id must be positive, got " + appId);
            }
            if (installationId <= 0) {
                throw new IllegalArgumentException("GitHub App installation id must be positive, got " + installationId);
            }
            Objects.requireNonNull(privateKeyPem, "GitHub App private key");
        }
    }
}
