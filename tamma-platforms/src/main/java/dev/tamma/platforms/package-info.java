/**
 * Git platforms behind the {@code GitPlatform} port of {@code dev.tamma.core.platform}, one
 * sub-package each: {@code plaingit} (JGit, Tamma as the tracker), {@code github} (kohsuke
 * github-api, plus GraphQL for threads and auto-merge), {@code gitlab} (GitLab4J), {@code gitea}
 * (Gitea and Forgejo), {@code bitbucket} (Bitbucket Cloud) and {@code azure} (Azure DevOps). Shared:
 * {@code http} (retries, rate limits, ETags, the REST client) and {@code workspace} (the JGit
 * working copy). See {@code docs/platforms.md} for what each platform can do.
 */
package dev.tamma.platforms;
