package dev.tamma.platforms.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tamma.core.platform.PlatformException;
import dev.tamma.core.platform.RebaseConflictException;
import dev.tamma.core.platform.Secret;
import dev.tamma.core.platform.Workspace;
import dev.tamma.core.platform.Workspace.Person;
import dev.tamma.core.workflow.FailureCause;
import dev.tamma.platforms.testing.CapturedLogs;
import dev.tamma.platforms.testing.GitHttpServer;
import dev.tamma.platforms.testing.GitRepos;
import dev.tamma.platforms.testing.Grep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JGitWorkspaceTest {

    private static final String TOKEN = "tok_s3cr3t_7f2a9c";
    private static final Person TAMMA = new Person("Tamma", "tamma@tamma.dev");
    private static final Person REQUESTER = new Person("Alice", "alice@example.com");

    @TempDir
    Path tmp;
    private Path bare;
    private GitHttpServer http;

    @BeforeEach
    void remote() throws Exception {
        bare = GitRepos.bareWith(tmp.resolve("remotes"), "app.git",
                Map.of("README.md", "# app\n", "src/Login.java", "class Login {}\n"));
        http = new GitHttpServer(tmp.resolve("remotes"), "x-access-token", TOKEN);
    }

    @AfterEach
    void stop() {
        http.close();
    }

    private JGitWorkspace cloneOverHttp(String token, int depth) {
        return JGitWorkspace.cloneInto(tmp.resolve("work"), http.url("app.git"), "main",
                () -> Optional.of(new GitCredentials("x-access-token", Secret.of(token))), TAMMA, depth);
    }

    @Test
    void pushesACommitByTammaCoAuthoredByTheRequesterWithoutLeakingTheToken() throws Exception {
        try (CapturedLogs logs = new CapturedLogs(); JGitWorkspace ws = cloneOverHttp(TOKEN, 0)) {
            ws.createBranch("tamma/7-fix-login");
            Files.writeString(ws.directory().resolve("src/Login.java"), "class Login { /* fixed */ }\n");
            Files.delete(ws.directory().resolve("README.md"));
            Files.writeString(ws.directory().resolve("NEW.md"), "new\n");
            String sha = ws.commitAll("Fix login with long passwords", Optional.of(REQUESTER));

            assertThat(ws.push()).isEqualTo(sha);

            try (Git remote = Git.open(bare.toFile()); RevWalk walk = new RevWalk(remote.getRepository())) {
                Repository repo = remote.getRepository();
                RevCommit pushed = walk.parseCommit(repo.resolve("refs/heads/tamma/7-fix-login"));
                assertThat(pushed.name()).isEqualTo(sha);
                assertThat(pushed.getAuthorIdent().getName()).isEqualTo("Tamma");
                assertThat(pushed.getAuthorIdent().getEmailAddress()).isEqualTo("tamma@tamma.dev");
                assertThat(pushed.getFullMessage())
                        .isEqualTo("Fix login with long passwords\n\nCo-authored-by: Alice <alice@example.com>\n");
                assertThat(org.eclipse.jgit.treewalk.TreeWalk.forPath(repo, "README.md", pushed.getTree())).isNull();
                assertThat(org.eclipse.jgit.treewalk.TreeWalk.forPath(repo, "NEW.md", pushed.getTree())).isNotNull();
            }
            assertThat(Grep.filesContaining(ws.directory(), TOKEN)).isEmpty();
            assertThat(Files.readString(ws.directory().resolve(".git/config"))).contains(http.url("app.git"));
            assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(TOKEN));
            assertThat(http.requestLines()).anyMatch(l -> l.contains("git-receive-pack"))
                    .noneMatch(l -> l.contains(TOKEN));
        }
    }

    @Test
    void eachPushSignsInWithTheCredentialsOfTheMoment() throws Exception {
        AtomicReference<String> current = new AtomicReference<>(TOKEN);
        try (JGitWorkspace ws = JGitWorkspace.cloneInto(tmp.resolve("work"), http.url("app.git"), "main",
                () -> Optional.of(new GitCredentials("x-access-token", Secret.of(current.get()))), TAMMA, 0)) {
            ws.createBranch("tamma/8-renewed");
            Files.writeString(ws.directory().resolve("NEW.md"), "new\n");
            String sha = ws.commitAll("Add a file", Optional.empty());
            // the token the clone used has expired, and the step's lease brought a new one
            http.accept("x-access-token", "tok_renewed_41c7");
            current.set("tok_renewed_41c7");

            assertThat(ws.push()).isEqualTo(sha);
        }
        try (Git remote = Git.open(bare.toFile())) {
            assertThat(remote.getRepository().resolve("refs/heads/tamma/8-renewed")).isNotNull();
        }
    }

    @Test
    void aRefusedTokenIsAStructuralFailureThatDoesNotShowTheToken() {
        assertThatThrownBy(() -> cloneOverHttp("wrong_token_123", 0))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.kind()).isEqualTo(PlatformException.Kind.UNAUTHORIZED);
                    assertThat(e.failureCause()).isEqualTo(FailureCause.STRUCTURAL);
                    assertThat(e.getMessage()).doesNotContain("wrong_token_123");
                });
        assertThat(tmp.resolve("work").toFile().list()).isEmpty();
    }

    @Test
    void aRemoteUrlWithCredentialsInItIsRefused() {
        assertThatThrownBy(() -> JGitWorkspace.cloneInto(tmp.resolve("work"),
                "https://user:" + TOKEN + "@example.com/app.git", "main", Optional::empty, TAMMA, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not carry credentials")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void onlyUrlsWithASecretInThemAreRefused() {
        assertThat(GitCredentials.carriesCredentials("https://x-access-token:" + TOKEN + "@github.com/a/b.git")).isTrue();
        assertThat(GitCredentials.carriesCredentials("https://oauth2@gitlab.com/a/b.git")).isTrue();
        assertThat(GitCredentials.carriesCredentials("ftp://user:pw@host/a.git")).isTrue();
        assertThat(GitCredentials.carriesCredentials("ssh://git@github.com/a/b.git")).isFalse();
        assertThat(GitCredentials.carriesCredentials("https://github.com/a/b.git")).isFalse();
        assertThat(GitCredentials.carriesCredentials("file:///srv/git/app.git")).isFalse();
        assertThat(new GitCredentials("x-access-token", Secret.of(TOKEN)).toString()).doesNotContain(TOKEN);
    }

    @Test
    void rebasesAShallowCloneOntoTheMovedBaseAndForcePushesWithLease() throws Exception {
        try (JGitWorkspace ws = cloneOverHttp(TOKEN, 1)) {
            try (Git git = Git.open(ws.directory().toFile())) {
                assertThat(git.getRepository().getObjectDatabase().getShallowCommits()).as("shallow clone").isNotEmpty();
            }
            ws.createBranch("tamma/7-fix-login");
            Files.writeString(ws.directory().resolve("src/Login.java"), "class Login { /* fixed */ }\n");
            String before = ws.commitAll("Fix login", Optional.empty());
            ws.push();
            String baseMoved = GitRepos.commitOn(bare, "main", Map.of("CHANGELOG.md", "1.1\n"), "Release notes");

            String after = ws.rebaseOnto("main");

            assertThat(after).isNotEqualTo(before);
            assertThat(ws.push()).isEqualTo(after);
            try (Git remote = Git.open(bare.toFile()); RevWalk walk = new RevWalk(remote.getRepository())) {
                RevCommit head = walk.parseCommit(remote.getRepository().resolve("refs/heads/tamma/7-fix-login"));
                assertThat(head.name()).isEqualTo(after);
                assertThat(head.getParent(0).name()).isEqualTo(baseMoved);
            }
        }
    }

    @Test
    void aRebaseConflictNamesTheFilesAndLeavesTheBranchAsItWas() throws Exception {
        try (JGitWorkspace ws = JGitWorkspace.cloneInto(tmp.resolve("work"), GitRepos.fileUrl(bare), "main",
                Optional::empty, TAMMA, 0)) {
            ws.createBranch("tamma/7-fix-login");
            Files.writeString(ws.directory().resolve("src/Login.java"), "class Login { int ours; }\n");
            String before = ws.commitAll("Fix login", Optional.empty());
            GitRepos.commitOn(bare, "main", Map.of("src/Login.java", "class Login { int theirs; }\n"), "Their fix");

            assertThatThrownBy(() -> ws.rebaseOnto("main"))
                    .isInstanceOfSatisfying(RebaseConflictException.class, e -> {
                        assertThat(e.files()).containsExactly("src/Login.java");
                        assertThat(e.failureCause()).isEqualTo(FailureCause.STRUCTURAL);
                        assertThat(e).hasMessage("rebase onto main conflicts in: src/Login.java");
                    });
            try (Git git = Git.open(ws.directory().toFile())) {
                assertThat(git.getRepository().resolve("HEAD").name()).isEqualTo(before);
                assertThat(git.getRepository().getBranch()).isEqualTo("tamma/7-fix-login");
                assertThat(git.status().call().isClean()).isTrue();
            }
        }
    }

    @Test
    void aShallowCloneFromAServerWithoutShallowSupportIsAFullClone() throws Exception {
        // the dumb HTTP protocol: static files, as any web server serves them, no upload-pack
        new ProcessBuilder("git", "update-server-info").directory(bare.toFile()).start().waitFor();
        var files = com.sun.net.httpserver.SimpleFileServer.createFileServer(
                new java.net.InetSocketAddress("127.0.0.1", 0), tmp.resolve("remotes").toAbsolutePath(),
                com.sun.net.httpserver.SimpleFileServer.OutputLevel.NONE);
        files.start();
        try (JGitWorkspace ws = JGitWorkspace.cloneInto(tmp.resolve("work"),
                "http://127.0.0.1:" + files.getAddress().getPort() + "/app.git", "main", Optional::empty, TAMMA, 1)) {
            assertThat(ws.directory().resolve("src/Login.java")).exists();
            try (Git git = Git.open(ws.directory().toFile())) {
                assertThat(git.getRepository().getObjectDatabase().getShallowCommits()).isEmpty();
            }
        } finally {
            files.stop(0);
        }
    }

    @Test
    void theDiffCountsFromTheMergeBaseSoWorkOnTheBaseBranchIsNotPartOfIt() throws Exception {
        try (JGitWorkspace ws = cloneOverHttp(TOKEN, 1)) {
            ws.createBranch("tamma/7-fix-login");
            Files.writeString(ws.directory().resolve("src/Login.java"), "class Login {\n  // fixed\n}\n");
            Files.writeString(ws.directory().resolve("src/LoginTest.java"), "class LoginTest {}\n");
            Files.delete(ws.directory().resolve("README.md"));
            ws.commitAll("Fix login", Optional.empty());
            GitRepos.commitOn(bare, "main", Map.of("CHANGELOG.md", "1.1\n"), "Release notes");

            Workspace.Diff diff = ws.diffFrom("main");

            assertThat(diff.files()).containsExactly("README.md", "src/Login.java", "src/LoginTest.java");
            assertThat(diff.addedLines()).isEqualTo(4);
            assertThat(diff.deletedLines()).isEqualTo(2);
            assertThat(diff.patch()).contains("+++ b/src/LoginTest.java", "-# app", "+  // fixed")
                    .doesNotContain("CHANGELOG");
        }
    }

    @Test
    void deletesARemoteBranchAndDeletingItAgainIsNoError() throws Exception {
        try (JGitWorkspace ws = cloneOverHttp(TOKEN, 0)) {
            ws.createBranch("tamma/7-fix-login");
            ws.push();
            ws.deleteRemoteBranch("tamma/7-fix-login");
            ws.deleteRemoteBranch("tamma/7-fix-login");
        }
        try (Git remote = Git.open(bare.toFile())) {
            assertThat(remote.getRepository().exactRef("refs/heads/tamma/7-fix-login")).isNull();
            assertThat(remote.getRepository().exactRef("refs/heads/main")).isNotNull();
        }
    }

    @Test
    void closingDeletesTheWorkspace() {
        JGitWorkspace ws = JGitWorkspace.cloneInto(tmp.resolve("work"), GitRepos.fileUrl(bare), "main",
                Optional::empty, TAMMA, 0);
        Path dir = ws.directory();
        assertThat(dir.resolve("README.md")).exists();
        ws.close();
        assertThat(dir).doesNotExist();
    }

    @Test
    void aBlankCommitMessageIsRefused() {
        try (JGitWorkspace ws = JGitWorkspace.cloneInto(tmp.resolve("work"), GitRepos.fileUrl(bare), "main",
                Optional::empty, TAMMA, 0)) {
            assertThatThrownBy(() -> ws.commitAll(" ", Optional.empty())).hasMessage("commit message must not be blank");
        }
    }
}
