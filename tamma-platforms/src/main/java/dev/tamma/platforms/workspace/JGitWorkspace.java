package dev.tamma.platforms.workspace;

import dev.tamma.core.platform.PlatformException;
import dev.tamma.core.platform.RebaseConflictException;
import dev.tamma.core.platform.Workspace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.RebaseCommand;
import org.eclipse.jgit.api.RebaseResult;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefLeaseSpec;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * A {@link Workspace} on JGit. The token reaches JGit only as a {@link CredentialsProvider} passed to
 * each clone, fetch and push, read afresh each time (a lease's token may be renewed while its step
 * runs); the remote URL in {@code .git/config} is the plain one.
 */
public final class JGitWorkspace implements Workspace {

    private final Git git;
    private final Path directory;
    private final Supplier<Optional<GitCredentials>> credentials;
    private final Person tamma;

    private JGitWorkspace(Git git, Path directory, Supplier<Optional<GitCredentials>> credentials, Person tamma) {
        this.git = git;
        this.directory = directory;
        this.credentials = credentials;
        this.tamma = tamma;
    }

    /**
     * Clones {@code branch} of {@code remoteUrl} into a new directory under {@code parent}.
     * {@code depth} above 0 asks for a shallow clone; the history is deepened when a rebase needs it.
     * {@code credentials} is asked at each clone, fetch and push, for the credentials of the moment.
     */
    public static JGitWorkspace cloneInto(Path parent, String remoteUrl, String branch,
            Supplier<Optional<GitCredentials>> credentials, Person tamma, int depth) {
        Objects.requireNonNull(remoteUrl, "remote URL");
        Objects.requireNonNull(credentials, "credentials");
        if (GitCredentials.carriesCredentials(remoteUrl)) {
            throw new IllegalArgumentException("the remote URL must not carry credentials; pass them as GitCredentials");
        }
        Path directory;
        try {
            Files.createDirectories(parent);
            directory = Files.createTempDirectory(parent, "ws-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a workspace under " + parent, e);
        }
        try {
            var clone = Git.cloneRepository().setURI(remoteUrl).setDirectory(directory.toFile())
                    .setBranch(branch).setCredentialsProvider(provider(credentials));
            if (depth > 0) {
                clone.setDepth(depth);
            }
            Git git = clone.call();
            StoredConfig config = git.getRepository().getConfig();
            config.setString("user", null, "name", tamma.name());
            config.setString("user", null, "email", tamma.email());
            config.save();
            return new JGitWorkspace(git, directory, credentials, tamma);
        } catch (GitAPIException | IOException e) {
            delete(directory);
            throw GitErrors.translate("clone of " + remoteUrl, e);
        }
    }

    @Override
    public Path directory() {
        return directory;
    }

    @Override
    public void createBranch(String branch) {
        try {
            git.checkout().setCreateBranch(true).setName(branch).call();
        } catch (GitAPIException e) {
            throw new IllegalArgumentException("cannot create branch '" + branch + "': " + e.getMessage(), e);
        }
    }

    @Override
    public boolean hasChanges() {
        try {
            return !git.status().call().isClean();
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot read the status of " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String commitAll(String message, Optional<Person> coAuthor) {
        Objects.requireNonNull(message, "commit message");
        if (message.isBlank()) {
            throw new IllegalArgumentException("commit message must not be blank");
        }
        String full = coAuthor.map(p -> message.stripTrailing() + "\n\nCo-authored-by: " + p.ident() + "\n")
                .orElse(message);
        try {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            PersonIdent ident = new PersonIdent(tamma.name(), tamma.email());
            RevCommit commit = git.commit().setMessage(full).setAuthor(ident).setCommitter(ident).call();
            return commit.name();
        } catch (GitAPIException e) {
            throw new IllegalStateException("commit failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String push() {
        try {
            String branch = git.getRepository().getBranch();
            String remoteRef = "refs/heads/" + branch;
            var push = git.push().setRemote("origin").setCredentialsProvider(provider(credentials))
                    .setRefSpecs(new RefSpec("HEAD:" + remoteRef));
            Ref tracking = git.getRepository().exactRef("refs/remotes/origin/" + branch);
            if (tracking != null) {
                // after a rebase the branch is rewritten: overwrite it only if nobody else pushed to it
                push.setForce(true).setRefLeaseSpecs(new RefLeaseSpec(remoteRef, tracking.getObjectId().name()));
            }
            for (PushResult result : push.call()) {
                RemoteRefUpdate update = result.getRemoteUpdate(remoteRef);
                if (update.getStatus() != RemoteRefUpdate.Status.OK
                        && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                    throw new PlatformException(PlatformException.Kind.CONFLICT, 0,
                            "push of " + branch + " rejected: " + update.getStatus()
                                    + (update.getMessage() == null ? "" : " (" + update.getMessage() + ")"));
                }
            }
            ObjectId head = git.getRepository().resolve("HEAD");
            return head.name();
        } catch (GitAPIException | IOException e) {
            throw GitErrors.translate("push", e);
        }
    }

    @Override
    public String rebaseOnto(String baseBranch) {
        try {
            fetch(baseBranch);
            RebaseResult result = git.rebase().setUpstream("refs/remotes/origin/" + baseBranch).call();
            if (result.getStatus().isSuccessful()) {
                return git.getRepository().resolve("HEAD").name();
            }
            List<String> conflicts = new ArrayList<>(result.getConflicts() == null ? List.of() : result.getConflicts());
            if (conflicts.isEmpty()) {
                conflicts.addAll(git.status().call().getConflicting());
            }
            if (git.getRepository().getRepositoryState().isRebasing()) {
                git.rebase().setOperation(RebaseCommand.Operation.ABORT).call();
            }
            throw new RebaseConflictException(baseBranch, conflicts.stream().sorted().toList());
        } catch (GitAPIException | IOException e) {
            throw GitErrors.translate("rebase onto " + baseBranch, e);
        }
    }

    @Override
    public Diff diffFrom(String baseBranch) {
        String base = "refs/remotes/origin/" + baseBranch;
        try {
            fetch(baseBranch);
            Repository repository = git.getRepository();
            ObjectId head = repository.resolve("HEAD");
            ObjectId baseId = repository.resolve(base);
            RevCommit mergeBase;
            try (RevWalk walk = new RevWalk(repository)) {
                walk.setRevFilter(RevFilter.MERGE_BASE);
                walk.markStart(walk.parseCommit(head));
                walk.markStart(walk.parseCommit(baseId));
                mergeBase = walk.next();
            }
            if (mergeBase == null) {
                throw new IllegalStateException("the current branch and " + baseBranch + " share no history");
            }
            ByteArrayOutputStream patch = new ByteArrayOutputStream();
            List<String> files = new ArrayList<>();
            int added = 0;
            int deleted = 0;
            try (DiffFormatter formatter = new DiffFormatter(patch); ObjectReader reader = repository.newObjectReader()) {
                formatter.setRepository(repository);
                formatter.setDetectRenames(true);
                CanonicalTreeParser from = new CanonicalTreeParser(null, reader, mergeBase.getTree());
                CanonicalTreeParser to = new CanonicalTreeParser(null, reader,
                        repository.parseCommit(head).getTree());
                for (DiffEntry entry : formatter.scan(from, to)) {
                    files.add(entry.getChangeType() == DiffEntry.ChangeType.DELETE ? entry.getOldPath() : entry.getNewPath());
                    for (Edit edit : formatter.toFileHeader(entry).toEditList()) {
                        added += edit.getLengthB();
                        deleted += edit.getLengthA();
                    }
                    formatter.format(entry);
                }
            }
            return new Diff(patch.toString(StandardCharsets.UTF_8), files.stream().sorted().toList(), added, deleted);
        } catch (GitAPIException | IOException e) {
            throw GitErrors.translate("diff against " + baseBranch, e);
        }
    }

    @Override
    public void deleteRemoteBranch(String branch) {
        String remoteRef = "refs/heads/" + branch;
        try {
            for (PushResult result : git.push().setRemote("origin").setCredentialsProvider(provider(credentials))
                    .setRefSpecs(new RefSpec(":" + remoteRef)).call()) {
                RemoteRefUpdate update = result.getRemoteUpdate(remoteRef);
                if (update != null && update.getStatus() != RemoteRefUpdate.Status.OK
                        && update.getStatus() != RemoteRefUpdate.Status.NON_EXISTING
                        && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                    throw new PlatformException(PlatformException.Kind.CONFLICT, 0,
                            "deleting branch " + branch + " was refused: " + update.getStatus()
                                    + (update.getMessage() == null ? "" : " (" + update.getMessage() + ")"));
                }
            }
        } catch (GitAPIException e) {
            throw GitErrors.translate("delete of branch " + branch, e);
        }
    }

    private void fetch(String branch) throws GitAPIException, IOException {
        var fetch = git.fetch().setRemote("origin").setCredentialsProvider(provider(credentials))
                .setRefSpecs(new RefSpec("+refs/heads/" + branch + ":refs/remotes/origin/" + branch));
        if (!git.getRepository().getObjectDatabase().getShallowCommits().isEmpty()) {
            fetch.setUnshallow(true);
        }
        fetch.call();
    }

    @Override
    public void close() {
        git.close();
        delete(directory);
    }

    private static CredentialsProvider provider(Supplier<Optional<GitCredentials>> credentials) {
        return credentials.get().map(GitCredentials::provider).orElse(null);
    }

    static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete workspace " + directory, e);
        }
    }
}
