package dev.tamma.orchestrator.webhook;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Webhook endpoints ({@code tamma.webhooks.*}). Secrets are mandatory: an endpoint without one
 * refuses every delivery. Several secrets per platform may be active at once, for rotation.
 *
 * @param repositories     globs of the repositories whose deliveries are accepted; empty: all
 * @param maxBodyBytes     the largest body accepted
 * @param forkPullRequests accept events of pull requests from forks (default false: dropped on arrival)
 */
@ConfigurationProperties("tamma.webhooks")
public record WebhookProperties(Secrets github, GitLab gitlab, Secrets gitea, Secrets forgejo, Secrets bitbucket,
        Azure azure, List<String> repositories, Integer maxBodyBytes, boolean forkPullRequests) {

    public WebhookProperties {
        github = github == null ? new Secrets(List.of()) : github;
        gitlab = gitlab == null ? new GitLab(List.of(), List.of()) : gitlab;
        gitea = gitea == null ? new Secrets(List.of()) : gitea;
        forgejo = forgejo == null ? new Secrets(List.of()) : forgejo;
        bitbucket = bitbucket == null ? new Secrets(List.of()) : bitbucket;
        azure = azure == null ? new Azure(null, List.of()) : azure;
        repositories = repositories == null ? List.of() : List.copyOf(repositories);
        maxBodyBytes = maxBodyBytes == null ? 5 * 1024 * 1024 : maxBodyBytes;
    }

    /** HMAC secrets (GitHub, Gitea, Forgejo, Bitbucket). */
    public record Secrets(List<String> secrets) {
        public Secrets {
            secrets = secrets == null ? List.of() : List.copyOf(secrets);
        }

        @Override
        public String toString() {
            return "Secrets[" + secrets.size() + " configured]";
        }
    }

    /** GitLab's secret tokens, and signing tokens where the instance sends signatures. */
    public record GitLab(List<String> tokens, List<String> signingTokens) {
        public GitLab {
            tokens = tokens == null ? List.of() : List.copyOf(tokens);
            signingTokens = signingTokens == null ? List.of() : List.copyOf(signingTokens);
        }

        @Override
        public String toString() {
            return "GitLab[" + tokens.size() + " tokens, " + signingTokens.size() + " signing tokens]";
        }
    }

    /** Azure DevOps service hooks' basic authentication. */
    public record Azure(String username, List<String> passwords) {
        public Azure {
            passwords = passwords == null ? List.of() : List.copyOf(passwords);
        }

        @Override
        public String toString() {
            return "Azure[username=" + username + ", " + passwords.size() + " passwords]";
        }
    }
}
