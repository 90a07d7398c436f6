package dev.tamma.orchestrator.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which claims name the user and let them in. */
class OidcUsersTest {

    private static OidcUsers users(String userClaim, List<String> allowedUsers, List<String> allowedGroups) {
        return new OidcUsers(new OidcProperties(URI.create("https://id.example.com"), "tamma", null, null, null,
                userClaim, null, allowedUsers, allowedGroups, false, null, null));
    }

    @Test
    void theLoginIsPreferredUsernameElseEmail() {
        OidcUsers users = users(null, List.of("alice"), List.of());

        assertThat(users.login(Map.of("preferred_username", "alice", "email", "a@example.com"))).hasValue("alice");
        assertThat(users.login(Map.of("email", "a@example.com", "preferred_username", " "))).hasValue("a@example.com");
        assertThat(users.loginClaim(Map.of("email", "a@example.com"))).hasValue("email");
        assertThat(users.login(Map.of("sub", "123"))).isEmpty();
    }

    @Test
    void aConfiguredClaimIsTheOnlyOneRead() {
        OidcUsers users = users("github_login", List.of("octocat"), List.of());

        assertThat(users.login(Map.of("github_login", "octocat", "preferred_username", "x"))).hasValue("octocat");
        assertThat(users.refusal(Map.of("preferred_username", "octocat", "email", "o@example.com")))
                .hasValueSatisfying(reason -> assertThat(reason).isEqualTo(
                        "the sign-in names no user: it has no github_login claim (tamma.auth.oidc.user-claim)"));
    }

    @Test
    void allowedUsersAndGroupsLetIn() {
        OidcUsers users = users(null, List.of("Alice"), List.of("ops", "admins"));

        assertThat(users.authorities(Map.of("preferred_username", "alice"))).containsExactly(OidcUsers.MAY_USE_TAMMA);
        assertThat(users.refusal(Map.of("preferred_username", "bob", "groups", List.of("staff", "ops")))).isEmpty();
        assertThat(users.refusal(Map.of("preferred_username", "carol", "groups", "staff admins"))).isEmpty();
        assertThat(users.refusal(Map.of("preferred_username", "dave", "groups", List.of("staff"))))
                .hasValue("dave is signed in but may not use Tamma: not in tamma.auth.oidc.allowed-users, and none "
                        + "of their groups [staff] (claim 'groups') is in tamma.auth.oidc.allowed-groups");
        assertThat(users.authorities(Map.of("preferred_username", "dave"))).isEmpty();
    }
}
