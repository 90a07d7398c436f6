package dev.tamma.worker.step;

import dev.tamma.core.platform.PlatformException;
import dev.tamma.core.platform.Workspace;
import dev.tamma.core.platform.Workspace.Person;
import dev.tamma.platforms.workspace.GitCredentials;
import dev.tamma.platforms.workspace.GitErrors;
import dev.tamma.platforms.workspace.JGitWorkspace;
import dev.tamma.worker.StepTask;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Ref;

/**
 * Fresh working copies for steps, one per task, under one parent directory. Workers keep nothing
 * between tasks: a step that needs the work of an earlier one clones the branch it was pushed to.
 */
public final class Workspaces {

    private final Path parent;
    private final Person tamma;

    public Workspaces(Path parent, Person tamma) {
        this.parent = Objects.requireNonNull(parent, "parent");
        this.tamma = Objects.requireNonNull(tamma, "tamma");
    }

    public Person tamma() {
        return tamma;
    }

    /** Clones the first of {@code branches} the remote has; the caller closes the workspace. */
    public Workspace checkout(StepTask task, String cloneUrl, List<String> branches) {
        Set<String> existing = branchesOn(cloneUrl, task.credentials().git());
        String branch = branches.stream().filter(existing::contains).findFirst()
                .orElseThrow(() -> new PlatformException(PlatformException.Kind.NOT_FOUND, 404,
                        "none of the branches " + branches + " exists in " + cloneUrl));
        // read at each fetch and push: the lease's heartbeats may renew the token while the step runs
        return JGitWorkspace.cloneInto(parent, cloneUrl, branch, task.credentials()::git, tamma, 0);
    }

    /** Whether the remote has {@code branch}. */
    public boolean hasBranch(StepTask task, String cloneUrl, String branch) {
        return branchesOn(cloneUrl, task.credentials().git()).contains(branch);
    }

    private static Set<String> branchesOn(String cloneUrl, Optional<GitCredentials> credentials) {
        try {
            Collection<Ref> refs = Git.lsRemoteRepository().setRemote(cloneUrl).setHeads(true)
                    .setCredentialsProvider(credentials.map(GitCredentials::provider).orElse(null)).call();
            return refs.stream().map(r -> r.getName().substring("refs/heads/".length())).collect(Collectors.toSet());
        } catch (GitAPIException e) {
            throw GitErrors.translate("listing the branches of " + cloneUrl, e);
        }
    }
}
