package dev.tamma.platforms.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.RefSpec;

/** Real git repositories for tests: a bare "remote" and a seeding clone that pushes to it. */
public final class GitRepos {

    public static final PersonIdent ALICE = new PersonIdent("Alice", "alice@example.com");

    private GitRepos() {
    }

    /** A bare repository {@code name} under {@code root} whose {@code main} holds {@code files}. */
    public static Path bareWith(Path root, String name, Map<String, String> files) throws IOException, GitAPIException {
        Path bare = root.resolve(name);
        Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
        // git http-backend serves a repository only when receive-pack is allowed for pushes
        try (Git g = Git.open(bare.toFile())) {
            g.getRepository().getConfig().setBoolean("http", null, "receivepack", true);
            g.getRepository().getConfig().save();
        }
        commitOn(bare, "main", files, "Initial commit");
        return bare;
    }

    /** Commits {@code files} on {@code branch} (created from main when missing) and pushes it. */
    public static String commitOn(Path bare, String branch, Map<String, String> files, String message)
            throws IOException, GitAPIException {
        Path work = Files.createTempDirectory("seed-");
        try (Git git = Git.init().setInitialBranch("main").setDirectory(work.toFile()).call()) {
            git.remoteAdd().setName("origin").setUri(new org.eclipse.jgit.transport.URIish(bare.toUri().toURL())).call();
            git.fetch().setRemote("origin").setRefSpecs(new RefSpec("+refs/heads/*:refs/remotes/origin/*")).call();
            String start = git.getRepository().exactRef("refs/remotes/origin/" + branch) != null
                    ? "refs/remotes/origin/" + branch
                    : git.getRepository().exactRef("refs/remotes/origin/main") != null ? "refs/remotes/origin/main" : null;
            if (start != null) {
                git.checkout().setCreateBranch(true).setName(branch).setStartPoint(start).setForced(true).call();
            } else if (!branch.equals("main")) {
                git.checkout().setOrphan(true).setName(branch).call();
            }
            for (var e : files.entrySet()) {
                Path file = work.resolve(e.getKey());
                Files.createDirectories(file.getParent());
                if (e.getValue() == null) {
                    Files.deleteIfExists(file);
                } else {
                    Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
                }
            }
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            String sha = git.commit().setMessage(message).setAuthor(ALICE).setCommitter(ALICE).call().name();
            git.push().setRemote("origin").setRefSpecs(new RefSpec("HEAD:refs/heads/" + branch)).setForce(true).call();
            return sha;
        } finally {
            try (var paths = Files.walk(work)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    public static String fileUrl(Path bare) {
        return bare.toUri().toString();
    }
}
