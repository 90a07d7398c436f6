package dev.tamma.platforms.plaingit;

import dev.tamma.core.platform.MergeMethod;
import dev.tamma.core.platform.PlatformException;
import dev.tamma.core.platform.PlatformException.Kind;
import dev.tamma.core.platform.Workspace.Person;
import dev.tamma.platforms.workspace.GitCredentials;
import dev.tamma.platforms.workspace.GitErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefLeaseSpec;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A bare mirror of the remote's branches in Tamma's cache directory: what Plain Git reads files,
 * branches and heads from, and where it merges pull requests before pushing the base branch.
 */
final class GitMirror {

    private final String remoteUrl;
    private final Optional<GitCredentials> credentials;
    private final Path directory;

    GitMirror(String remoteUrl, Optional<GitCredentials> credentials, Path directory) {
        this.remoteUrl = remoteUrl;
        this.credentials = credentials;
        this.directory = directory;
    }

    /** Clones on first use, then fetches every branch, pruning deleted ones. */
    synchronized Git refreshed() {
        try {
            if (!Files.exists(directory.resolve("HEAD"))) {
                Files.createDirectories(directory);
                return Git.cloneRepository().setURI(remoteUrl).setBare(true).setDirectory(directory.toFile())
                        .setCredentialsProvider(provider()).call();
            }
            Git git = Git.open(directory.toFile());
            git.fetch().setRemote("origin").setCredentialsProvider(provider()).setRemoveDeletedRefs(true)
                    .setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*")).call();
            return git;
        } catch (GitAPIException | IOException e) {
            throw GitErrors.translate("fetch of " + remoteUrl, e);
        }
    }

    String defaultBranch() {
        try (Git git = refreshed()) {
            Ref head = git.getRepository().exactRef(Constants.HEAD);
            if (head != null && head.isSymbolic()) {
                return Repository.shortenRefName(head.getTarget().getName());
            }
            return "main";
        } catch (IOException e) {
            throw GitErrors.translate("reading HEAD of " + remoteUrl, e);
        }
    }

    Optional<String> branchHead(String branch) {
        try (Git git = refreshed()) {
            Ref ref = git.getRepository().exactRef(Constants.R_HEADS + branch);
            return Optional.ofNullable(ref).map(r -> r.getObjectId().name());
        } catch (IOException e) {
            throw GitErrors.translate("reading branch " + branch, e);
        }
    }

    Optional<byte[]> file(String path, String ref) {
        try (Git git = refreshed(); RevWalk walk = new RevWalk(git.getRepository())) {
            ObjectId id = git.getRepository().resolve(ref + "^{commit}");
            if (id == null) {
                throw PlatformException.notFound("ref '" + ref + "'");
            }
            try (TreeWalk tree = TreeWalk.forPath(git.getRepository(), path, walk.parseCommit(id).getTree())) {
                if (tree == null || (tree.getRawMode(0) & 0170000) != 0100000) {
                    return Optional.empty();
                }
                return Optional.of(git.getRepository().open(tree.getObjectId(0)).getBytes());
            }
        } catch (IOException e) {
            throw GitErrors.translate("reading " + path + " at " + ref, e);
        }
    }

    /**
     * Merges {@code head} into {@code base} in memory and pushes {@code base}, leased on the base
     * commit it merged into: a base that moved meanwhile is a CONFLICT, not an overwrite.
     */
    String merge(String head, String base, MergeMethod method, String message, Person tamma) {
        try (Git git = refreshed(); RevWalk walk = new RevWalk(git.getRepository());
                ObjectInserter inserter = git.getRepository().newObjectInserter()) {
            Repository repo = git.getRepository();
            RevCommit baseCommit = walk.parseCommit(require(repo, base));
            RevCommit headCommit = walk.parseCommit(require(repo, head));
            ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(repo, true);
            if (!merger.merge(baseCommit, headCommit)) {
                List<String> files = merger.getUnmergedPaths().isEmpty()
                        ? List.copyOf(merger.getFailingPaths().keySet()) : merger.getUnmergedPaths();
                throw new PlatformException(Kind.CONFLICT, 409,
                        "merging " + head + " into " + base + " conflicts in: " + String.join(", ", files.stream().sorted().toList()));
            }
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(merger.getResultTreeId());
            if (method == MergeMethod.MERGE) {
                commit.setParentIds(baseCommit, headCommit);
            } else {
                commit.setParentId(baseCommit);
            }
            PersonIdent ident = new PersonIdent(tamma.name(), tamma.email());
            commit.setAuthor(method == MergeMethod.SQUASH ? headCommit.getAuthorIdent() : ident);
            commit.setCommitter(ident);
            commit.setMessage(message);
            ObjectId merged = inserter.insert(commit);
            inserter.flush();
            push(git, merged, base, baseCommit);
            return merged.name();
        } catch (IOException | GitAPIException e) {
            throw GitErrors.translate("merge of " + head + " into " + base, e);
        }
    }

    private void push(Git git, ObjectId commit, String base, ObjectId expected) throws GitAPIException {
        String ref = Constants.R_HEADS + base;
        Iterable<PushResult> results = git.push().setRemote("origin").setCredentialsProvider(provider())
                .setRefSpecs(new RefSpec(commit.name() + ":" + ref))
                .setRefLeaseSpecs(new RefLeaseSpec(ref, expected.name())).call();
        for (PushResult result : results) {
            RemoteRefUpdate update = result.getRemoteUpdate(ref);
            if (update.getStatus() != RemoteRefUpdate.Status.OK) {
                throw new PlatformException(Kind.CONFLICT, 409,
                        "pushing the merge to " + base + " was rejected (" + update.getStatus() + "); the base moved");
            }
        }
    }

    private static ObjectId require(Repository repo, String branch) throws IOException {
        Ref ref = repo.exactRef(Constants.R_HEADS + branch);
        if (ref == null) {
            throw PlatformException.notFound("branch '" + branch + "'");
        }
        return ref.getObjectId();
    }

    /** Checks {@code sha} out into {@code into}; a commit the remote does not have is NOT_FOUND. */
    Path checkout(String sha, Path into) {
        try (Git mirror = refreshed()) {
            if (mirror.getRepository().resolve(sha + "^{commit}") == null) {
                throw PlatformException.notFound("commit " + sha);
            }
        } catch (IOException | RevisionSyntaxException e) {
            throw PlatformException.notFound("commit " + sha);
        }
        try (Git git = Git.cloneRepository().setURI(directory.toUri().toString()).setDirectory(into.toFile()).call()) {
            git.checkout().setName(sha).call();
            return into;
        } catch (GitAPIException e) {
            throw GitErrors.translate("checkout of " + sha, e);
        }
    }

    private CredentialsProvider provider() {
        return credentials.map(GitCredentials::provider).orElse(null);
    }
}
