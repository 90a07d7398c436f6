package dev.tamma.orchestrator.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.WorkflowEvent;
import dev.tamma.core.workflow.WorkflowState;
import dev.tamma.core.workflow.WorkflowStatus;
import dev.tamma.orchestrator.workflow.WorkflowStarter;
import dev.tamma.platforms.testing.GitHttpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The happy path of {@link LoopEndToEndTest} on a repository configured as {@code platform: github}:
 * GitHub's API is a stateful fake behind WireMock, the code lives in a real git server the workers
 * clone from and push to with the repository's token, and the merge happens in that repository.
 */
class GitHubLoopEndToEndTest {

    private static final Duration LOOP = Duration.ofMinutes(3);
    private static final String MAINTAINER = "demo-maintainer";
    private static final String TOKEN = "ghp_loopEndToEndToken0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void devModeRunsTheWholeLoopAgainstGitHubAndMergesThePullRequest() throws Exception {
        Path gitRoot = Files.createDirectories(dir.resolve("git"));
        Path bare = SampleRepository.create(gitRoot.resolve("demo/greeter.git"),
                Files.createDirectories(dir.resolve("scratch")));
        try (Git git = Git.open(bare.toFile())) { // git http-backend takes pushes only where receive-pack is on
            git.getRepository().getConfig().setBoolean("http", null, "receivepack", true);
            git.getRepository().getConfig().save();
        }
        try (GitHttpServer gitServer = new GitHttpServer(gitRoot, "x-access-token", TOKEN);
                FakeGitHub github = new FakeGitHub(Demo.REPOSITORY, bare, gitServer.url("demo/greeter.git"), TOKEN,
                        Map.of(MAINTAINER, "admin"))) {
            long issue = github.openIssue("Greet people whose name we do not know",
                    "`Greeter.greet(null)` prints \"Hello, null!\".\n\n## Acceptance criteria\n"
                            + "- [ ] `greet(null)` and `greet` of a blank name return \"Hello, stranger!\"\n"
                            + "- [ ] greetings of named people are unchanged", List.of("tamma"), MAINTAINER);
            List<String> repository = List.of(
                    "--tamma.platforms.repositories[0].name=" + Demo.REPOSITORY,
                    "--tamma.platforms.repositories[0].platform=github",
                    "--tamma.platforms.repositories[0].url=" + github.baseUrl(),
                    "--tamma.platforms.repositories[0].token=" + TOKEN);
            try (LocalLoop loop = new LocalLoop(dir, bare, Scripts.demo(), repository)) {
                WorkflowStarter.Outcome outcome = loop.app.getBean(WorkflowStarter.class)
                        .start(Demo.REPOSITORY, issue, Mode.DEV);
                assertThat(outcome).isInstanceOf(WorkflowStarter.Outcome.Started.class);
                String workflow = ((WorkflowStarter.Outcome.Started) outcome).workflowId();

                WorkflowState done = loop.awaitState(workflow, LOOP, WorkflowState::isTerminal);

                assertThat(done.status()).isEqualTo(WorkflowStatus.DONE);
                List<WorkflowEvent> events = loop.events(workflow);
                assertThat(events.stream().filter(e -> e instanceof WorkflowEvent.StepCompleted)
                        .map(e -> ((WorkflowEvent.StepCompleted) e).step()).toList())
                        .containsExactlyElementsOf(Arrays.stream(Step.values()).filter(Step::runsOnWorker).toList());
                assertThat(events).filteredOn(e -> e instanceof WorkflowEvent.CheckpointPassed).hasSize(2);
                assertThat(events).noneMatch(e -> e instanceof WorkflowEvent.AttemptFailed);
                assertThat(fileOnMain(bare, "src/Greeter.java")).contains("Hello, stranger!");
                assertThat(fileOnMain(bare, "test/GreeterTest.java")).contains("Greeter.greet(null)");
                assertThat(github.issueOpen(issue)).isFalse();
                assertThat(done.change().issueUrl()).as("the issue's html_url, for the dashboard's link")
                        .startsWith("http").endsWith("/issues/" + issue);
                assertThat(done.change().pullRequestUrl()).as("the pull request's html_url")
                        .startsWith("http").endsWith("/pull/" + done.change().pullRequest());
                Map<String, Object> pullRequest = github.pullRequest(done.change().pullRequest());
                assertThat(pullRequest).containsEntry("state", "closed").containsKey("merged_at")
                        .containsEntry("draft", false);
                assertThat((String) pullRequest.get("head")).startsWith("tamma/1-greet-people");
                assertThat((String) pullRequest.get("body")).contains("Closes #1");
                assertThat(mainHead(bare).getName()).isEqualTo(pullRequest.get("merge_commit_sha"));
                assertThat(github.checkedShas()).as("CI_CHECKS read the checks of the pushed commit")
                        .contains((String) pullRequest.get("head_sha"));
                assertThat(github.commentBodies(issue)).anyMatch(c -> c.contains("## Plan for #1"))
                        .anyMatch(c -> c.contains("## Completion check for #1"));
                assertThat(gitServer.requestLines()).anyMatch(l -> l.contains("git-receive-pack"));
                assertThat(loop.app.getBean(JdbcClient.class).sql("SELECT payload::text FROM event")
                        .query(String.class).list()).as("the event log").noneMatch(p -> p.contains(TOKEN));
                assertThat(github.unhandled()).as("GitHub calls the fake does not know").isEmpty();
            }
        }
    }

    private static RevCommit mainHead(Path bare) throws Exception {
        try (Git git = Git.open(bare.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            return walk.parseCommit(git.getRepository().resolve("refs/heads/main"));
        }
    }

    private static String fileOnMain(Path bare, String path) throws Exception {
        try (Git git = Git.open(bare.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            ObjectId main = git.getRepository().resolve("refs/heads/main");
            try (TreeWalk tree = TreeWalk.forPath(git.getRepository(), path, walk.parseCommit(main).getTree())) {
                assertThat(tree).as(path + " on main").isNotNull();
                return new String(git.getRepository().open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
