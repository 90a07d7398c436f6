package dev.tamma.platforms.plaingit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tamma.core.platform.CiState;
import dev.tamma.core.platform.Issue;
import dev.tamma.core.platform.IssueFilter;
import dev.tamma.core.platform.MergeMethod;
import dev.tamma.core.platform.NewPullRequest;
import dev.tamma.core.platform.Permission;
import dev.tamma.core.platform.PlatformException;
import dev.tamma.core.platform.PullRequest;
import dev.tamma.core.platform.PullRequestState;
import dev.tamma.core.platform.RepositoryId;
import dev.tamma.core.platform.Secret;
import dev.tamma.core.platform.Workspace.Person;
import dev.tamma.platforms.testing.GitHttpServer;
import dev.tamma.platforms.testing.GitRepos;
import dev.tamma.platforms.workspace.GitCredentials;
import dev.tamma.platforms.workspace.JGitWorkspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline loop on Plain Git: an issue, a workspace, a push, a draft, a red then green check, a merge. */
class PlainGitRoundTripTest {

    private static final String TOKEN = "roundtrip_token_42";
    private static final Person TAMMA = new Person("Tamma", "tamma@tamma.dev");

    @TempDir
    Path tmp;

    private static CiState settled(PlainGitPlatform git, String sha) {
        return await().atMost(Duration.ofMinutes(1)).until(() -> git.ciStatus(sha).state(), s -> s != CiState.PENDING);
    }

    @Test
    void anIssueBecomesAMergedChange() throws Exception {
        GitRepos.bareWith(tmp.resolve("remotes"), "app.git", Map.of("README.md", "# app\n", "check.sh", "test -f DONE\n"));
        try (GitHttpServer server = new GitHttpServer(tmp.resolve("remotes"), "tamma", TOKEN)) {
            GitCredentials credentials = new GitCredentials("tamma", Secret.of(TOKEN));
            PlainGitPlatform git = new PlainGitPlatform(new PlainGitSettings(RepositoryId.parse("local/app"),
                    server.url("app.git"), Optional.of(credentials), tmp.resolve("cache"),
                    Optional.of(new CheckCommand("check", "sh check.sh", Duration.ofMinutes(1))),
                    Map.of("alice", Permission.WRITE), TAMMA, Clock.systemUTC()), new InMemoryPlainGitRecords());
            Issue issue = git.openIssue("Mark the app done", "Add a DONE file.", List.of("tamma"), "alice");
            assertThat(git.issues(IssueFilter.labelled("tamma"))).containsExactly(issue);

            PullRequest pr;
            try (JGitWorkspace ws = JGitWorkspace.cloneInto(tmp.resolve("work"), server.url("app.git"), "main",
                    () -> Optional.of(credentials), TAMMA, 1)) {
                ws.createBranch("tamma/1-mark-done");
                Files.writeString(ws.directory().resolve("NOTES.md"), "started\n");
                String first = ws.commitAll("Start", Optional.of(new Person("Alice", "alice@example.com")));
                ws.push();
                pr = git.createPullRequest(new NewPullRequest("Mark the app done", "Closes #1", "tamma/1-mark-done",
                        "main", true).adaptedTo(git.capabilities()));
                assertThat(pr.draft()).isTrue();
                assertThat(pr.headSha()).isEqualTo(first);
                assertThat(settled(git, first)).isEqualTo(CiState.FAILURE);

                Files.writeString(ws.directory().resolve("DONE"), "yes\n");
                String second = ws.commitAll("Mark done", Optional.empty());
                ws.push();
                assertThat(git.pullRequest(pr.number()).headSha()).isEqualTo(second);
                assertThat(settled(git, second)).isEqualTo(CiState.SUCCESS);
            }

            String merged = git.merge(pr.number(), MergeMethod.SQUASH).sha();

            assertThat(git.pullRequest(pr.number()).state()).isEqualTo(PullRequestState.MERGED);
            assertThat(git.file("DONE", merged).map(b -> new String(b, StandardCharsets.UTF_8))).contains("yes\n");
            assertThat(git.file("DONE", "main")).isPresent();
            assertThatThrownBy(() -> git.merge(pr.number(), MergeMethod.SQUASH)).isInstanceOfSatisfying(
                    PlatformException.class, e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.INVALID));
            assertThatThrownBy(() -> git.merge(pr.number(), MergeMethod.REBASE)).isInstanceOfSatisfying(
                    PlatformException.class, e -> assertThat(e.kind()).isEqualTo(PlatformException.Kind.UNSUPPORTED));
            git.closeIssue(issue.number());
            assertThat(git.issues(IssueFilter.labelled("tamma"))).isEmpty();
            assertThat(git.permission("alice").canWrite()).isTrue();
            assertThat(git.permission("mallory")).isEqualTo(Permission.NONE);
        }
    }
}
