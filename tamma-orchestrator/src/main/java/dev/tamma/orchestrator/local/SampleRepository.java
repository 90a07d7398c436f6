package dev.tamma.orchestrator.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The demo's repository: a tiny Java library with a test, made fresh as a bare repository whose
 * {@code main} holds one commit, the way a team's remote would look.
 */
final class SampleRepository {

    static final List<String> FILES = List.of("README.md", ".tamma.yml", "src/Greeter.java", "test/GreeterTest.java");

    private SampleRepository() {
    }

    /** Creates {@code bare} with the sample's files on {@code main}; returns it. */
    static Path create(Path bare, Path scratch) {
        return create(bare, scratch, Map.of());
    }

    /** Creates {@code bare} with the sample's files, some replaced by {@code overrides} (path to content). */
    static Path create(Path bare, Path scratch, Map<String, String> overrides) {
        Path work = scratch.resolve("greeter-seed");
        try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            for (String file : FILES) {
                Path target = work.resolve(file);
                Files.createDirectories(target.getParent());
                if (overrides.containsKey(file)) {
                    Files.writeString(target, overrides.get(file));
                } else {
                    Files.write(target, resource("demo/repository/" + file));
                }
            }
            git.add().addFilepattern(".").call();
            PersonIdent author = new PersonIdent("Demo Maintainer", "maintainer@example.com");
            git.commit().setMessage("A greeter with its test").setAuthor(author).setCommitter(author).call();
            Git.cloneRepository().setURI(work.toUri().toString()).setDirectory(bare.toFile()).setBare(true).call().close();
            return bare;
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot create the demo repository in " + bare + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo repository in " + work, e);
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = SampleRepository.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the demo resource " + name + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo resource " + name, e);
        }
    }
}
