package dev.tamma.worker.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.platform.Workspace;
import dev.tamma.core.platform.Workspace.Person;
import dev.tamma.core.workflow.Step;
import dev.tamma.platforms.testing.GitHttpServer;
import dev.tamma.platforms.testing.GitRepos;
import dev.tamma.worker.StepTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A step's workspace reaches its remote with the lease's credentials of the moment. */
class WorkspacesTest {

    @TempDir
    Path tmp;

    @Test
    void aPushAfterTheLeasesTokenWasRenewedSignsInWithTheNewOne() throws Exception {
        Path bare = GitRepos.bareWith(tmp.resolve("remotes"), "shop.git", Map.of("README.md", "# shop\n"));
        try (GitHttpServer server = new GitHttpServer(tmp.resolve("remotes"), "x-access-token", "ghs_granted_5e1")) {
            StepTask task = new StepTask(UUID.randomUUID(), "workflow-1", "acme/shop", Step.IMPLEMENT, 1, "{}",
                    Instant.now().plusSeconds(60), Map.of("username", "x-access-token", "token", "ghs_granted_5e1"));
            Workspaces workspaces = new Workspaces(tmp.resolve("work"), new Person("Tamma", "tamma@tamma.dev"));

            try (Workspace workspace = workspaces.checkout(task, server.url("shop.git"), List.of("main"))) {
                workspace.createBranch("tamma/3-long-step");
                Files.writeString(workspace.directory().resolve("NOTES.md"), "an hour's work\n");
                String sha = workspace.commitAll("Add notes", Optional.empty());
                // an hour on, the granted installation token is refused and a heartbeat brought the next one
                server.accept("x-access-token", "ghs_renewed_7d2");
                task.credentials().renew(Map.of("username", "x-access-token", "token", "ghs_renewed_7d2"));

                assertThat(workspace.push()).isEqualTo(sha);
            }
            try (Git remote = Git.open(bare.toFile())) {
                assertThat(remote.getRepository().resolve("refs/heads/tamma/3-long-step")).isNotNull();
            }
        }
    }
}
