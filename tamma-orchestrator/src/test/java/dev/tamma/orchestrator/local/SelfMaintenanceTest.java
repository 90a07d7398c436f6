package dev.tamma.orchestrator.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.platform.Issue;
import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.HumanWait;
import dev.tamma.core.workflow.UserCommand;
import dev.tamma.core.workflow.WorkflowState;
import dev.tamma.core.workflow.WorkflowStatus;
import dev.tamma.orchestrator.workflow.WorkflowStarter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tamma on its own repository, as docs/self-maintenance.md describes: a clone of this repository, its
 * own {@code .tamma.yml} (business mode) with the build and test narrowed to a check of the docs so
 * the test stays fast, and a scripted model that makes a small documentation change.
 */
class SelfMaintenanceTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String DOC = "docs/self-maintenance.md";
    private static final String ADDED = "Tamma keeps this page up to date too.";

    @TempDir
    Path dir;

    @Test
    void tammaMakesADocumentationChangeToItsOwnRepositoryWithApprovals() throws Exception {
        Path bare = cloneOfThisRepository();
        String page = new String(Files.readAllBytes(ROOT.resolve(DOC)), StandardCharsets.UTF_8);
        String script = Scripts.with("implement", List.of(
                Map.of("expect", Map.of("contains", "Phase 1 of 2"), "toolCalls", List.of(
                        Map.of("name", "done", "arguments", Map.of("summary", "a documentation change needs no test")))),
                Scripts.writes("Phase 2 of 2", DOC, page.stripTrailing() + "\n\n" + ADDED + "\n", "added the sentence")));
        try (LocalLoop loop = new LocalLoop(dir, bare, script,
                "--tamma.platforms.repositories[0].check.command=grep -q 'tamma run' " + DOC)) {
            Issue issue = loop.platform().openIssue("Say in the self-maintenance page that Tamma maintains it",
                    "## Acceptance criteria\n- [ ] docs/self-maintenance.md says Tamma keeps it up to date", List.of("tamma"),
                    "alice");
            String workflow = ((WorkflowStarter.Outcome.Started) loop.app.getBean(WorkflowStarter.class)
                    .start(Demo.REPOSITORY, issue.number(), Mode.DEV)).workflowId();
            assertThat(loop.state(workflow).config().mode()).as("this repository's .tamma.yml asks for business mode")
                    .isEqualTo(Mode.BUSINESS);

            loop.awaitState(workflow, Duration.ofMinutes(3), s -> s.waitingFor() == HumanWait.DESIGN_APPROVAL);
            loop.command(workflow, "maintainer", true, new UserCommand.Approve());
            loop.awaitState(workflow, Duration.ofMinutes(3), s -> s.waitingFor() == HumanWait.MERGE_APPROVAL);
            loop.command(workflow, "maintainer", true, new UserCommand.ApproveMerge());
            WorkflowState done = loop.awaitState(workflow, Duration.ofMinutes(3), WorkflowState::isTerminal);

            assertThat(done.status()).isEqualTo(WorkflowStatus.DONE);
            try (Git git = Git.open(bare.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
                RevCommit head = walk.parseCommit(git.getRepository().resolve("refs/heads/main"));
                assertThat(head.getAuthorIdent().getName()).isEqualTo("Tamma");
                try (TreeWalk file = TreeWalk.forPath(git.getRepository(), DOC, head.getTree())) {
                    assertThat(new String(git.getRepository().open(file.getObjectId(0)).getBytes(), StandardCharsets.UTF_8))
                            .endsWith(ADDED + "\n");
                }
            }
        }
    }

    /**
     * A bare clone of this repository's committed state on {@code main}, with the build and test of its
     * own {@code .tamma.yml} narrowed to a check of the docs (the full build would take minutes).
     */
    private Path cloneOfThisRepository() throws Exception {
        Path work = dir.resolve("tamma-work");
        try (Git git = Git.cloneRepository().setURI(ROOT.toUri().toString()).setDirectory(work.toFile()).call()) {
            if (git.getRepository().resolve("refs/heads/main") == null) {
                git.branchCreate().setName("main").call();
            }
            git.checkout().setName("main").call();
            Path config = work.resolve(".tamma.yml");
            String narrowed = Files.readString(config)
                    .replaceAll("(?m)^  build: \\./mvnw.*$", "  build: test -f README.md")
                    .replaceAll("(?m)^  test: \\./mvnw.*$", "  test: grep -q 'tamma run' " + DOC);
            assertThat(narrowed).contains("build: test -f README.md", "test: grep -q");
            Files.writeString(config, narrowed);
            git.add().addFilepattern(".tamma.yml").call();
            PersonIdent me = new PersonIdent("Test", "test@example.com");
            git.commit().setMessage("Narrow the build for the self-maintenance test").setAuthor(me).setCommitter(me).call();
        }
        Path bare = dir.resolve("tamma.git");
        Git.cloneRepository().setURI(work.toUri().toString()).setDirectory(bare.toFile()).setBare(true)
                .setBranch("main").call().close();
        return bare;
    }
}
