package dev.tamma.orchestrator.platform;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tamma.orchestrator.platform.PlatformProperties.Check;
import dev.tamma.orchestrator.platform.PlatformProperties.Repository;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A broken repository entry stops the service at startup with the key that is wrong. */
class RepositoryEntryRulesTest {

    private static final String KEY = "tamma.platforms.repositories[2]";

    private static Repository plainGit(String name, String url, String token, Check check) {
        return new Repository(name, "plain-git", url == null ? null : URI.create(url), null, token, null, null, check,
                List.of("alice"), null);
    }

    private static Repository azure(String name, String url, String token) {
        return new Repository(name, "azure", url == null ? null : URI.create(url), null, token, null, null, null,
                List.of("alice@example.com"), null);
    }

    private static void refused(Repository entry, String message) {
        assertThatThrownBy(() -> RepositoryEntryRules.enforce(KEY, entry)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(KEY).hasMessageContaining(message);
    }

    @Test
    void plainGitRepositoriesNeedOnlyARemote() {
        assertThatCode(() -> RepositoryEntryRules.enforce(KEY, plainGit("local/shop", "/srv/git/shop.git", null, null)))
                .doesNotThrowAnyException();
        assertThatCode(() -> RepositoryEntryRules.enforce(KEY, plainGit("local/shop", "https://git.example.com/shop.git",
                "t0ken", new Check("make test", Duration.ofMinutes(5), null)))).doesNotThrowAnyException();
        assertThatCode(() -> RepositoryEntryRules.enforce(KEY, plainGit("local/shop", "ssh://git@git.example.com/shop.git",
                null, null))).doesNotThrowAnyException();
    }

    @Test
    void aPlainGitRepositoryWithoutARemoteIsRefused() {
        refused(plainGit("local/shop", null, null, null), ".url on plain-git is the remote");
        refused(plainGit("local/shop", "ftp://example.com/shop.git", null, null), ".url on plain-git is the remote");
    }

    @Test
    void aRemoteCarryingCredentialsIsRefusedWithoutRepeatingThem() {
        assertThatThrownBy(() -> RepositoryEntryRules.enforce(KEY,
                plainGit("local/shop", "https://tamma:s3cret-in-url@git.example.com/shop.git", null, null)))
                .hasMessageContaining(KEY + ".url must not carry credentials").hasMessageNotContaining("s3cret-in-url");
    }

    @Test
    void aPlainGitNameMustBeSafeAsADirectory() {
        refused(plainGit("../etc", "/srv/git/shop.git", null, null), KEY + ".name on plain-git");
        refused(plainGit("local/..", "/srv/git/shop.git", null, null), KEY + ".name on plain-git");
        refused(plainGit("local/sh op", "/srv/git/shop.git", null, null), KEY + ".name");
    }

    @Test
    void aCheckNeedsACommandAndAPositiveTimeout() {
        refused(plainGit("local/shop", "/srv/git/shop.git", null, new Check(" ", null, null)), KEY + ".check.command");
        refused(plainGit("local/shop", "/srv/git/shop.git", null, new Check("make", Duration.ZERO, null)),
                KEY + ".check.timeout must be positive");
    }

    @Test
    void settingsOfOtherPlatformsAreRefusedWhereTheyMeanNothing() {
        refused(new Repository("acme/shop", "gitlab", null, null, "t", null, null, null, List.of("alice"), null),
                KEY + ".writers is for azure and plain-git");
        refused(new Repository("acme/shop", "github", null, null, "t", null, null, new Check("make", null, null), List.of(),
                null), KEY + ".check is for plain-git");
        refused(new Repository("acme/shop", "plain-git", URI.create("/srv/shop.git"), null, null, null, null, null,
                List.of(), "Done"), KEY + ".closed-state is for azure");
    }

    @Test
    void azureRepositoriesNeedTheOrganizationUrlAProjectAndAToken() {
        assertThatCode(() -> RepositoryEntryRules.enforce(KEY, azure("storefront/shop", "https://dev.azure.com/acme", "t")))
                .doesNotThrowAnyException();
        refused(azure("storefront/shop", null, "t"), KEY + ".url on azure is the organization's URL");
        refused(azure("storefront/shop", "https://dev.azure.com/", "t"), KEY + ".url on azure is the organization's URL");
        refused(azure("acme/storefront/shop", "https://dev.azure.com/acme", "t"), KEY + ".name on azure is project/repository");
        refused(azure("storefront/shop", "https://dev.azure.com/acme", null), KEY + ": set a token");
    }

    @Test
    void anUnknownPlatformIsRefusedNamingTheKnownOnes() {
        refused(new Repository("acme/shop", "sourcehut", null, null, "t", null, null, null, List.of(), null),
                KEY + ".platform must be one of github, gitlab, gitea, forgejo, bitbucket, azure, plain-git, was sourcehut");
    }
}
