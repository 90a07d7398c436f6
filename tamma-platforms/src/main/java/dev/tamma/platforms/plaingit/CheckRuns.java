package dev.tamma.platforms.plaingit;

import dev.tamma.core.platform.Check;
import dev.tamma.core.platform.CiState;
import dev.tamma.core.platform.CiStatus;
import dev.tamma.core.platform.PlatformException;
import dev.tamma.core.platform.PlatformException.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Stream;

/**
 * Plain Git's CI in the background. The first question about a commit starts its check on the
 * executor and is answered PENDING, as is every later one until the check ends; then its result,
 * with the log as the check's link. One run per commit. A run that could not start (no such
 * commit, the remote unreachable) fails the next question and is forgotten, so the one after
 * starts it again.
 */
final class CheckRuns {

    private final CheckCommand check;
    private final GitMirror mirror;
    private final Path directory;
    private final Executor executor;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    CheckRuns(CheckCommand check, GitMirror mirror, Path directory, Executor executor) {
        this.check = check;
        this.mirror = mirror;
        this.directory = directory;
        this.executor = executor;
    }

    CiStatus status(String sha) {
        Run fresh = new Run(sha);
        Run run = runs.putIfAbsent(sha, fresh);
        if (run == null) {
            run = fresh;
            try {
                executor.execute(fresh::execute);
            } catch (RejectedExecutionException e) {
                runs.remove(sha, fresh);
                throw new PlatformException(Kind.UNAVAILABLE, 0, "cannot start the check of " + sha + ": " + e.getMessage(),
                        null, e);
            }
        }
        return run.status();
    }

    private final class Run {
        private final String sha;
        private volatile CiStatus result;
        private volatile RuntimeException error;

        Run(String sha) {
            this.sha = sha;
        }

        void execute() {
            try {
                result = CiStatus.combine(sha, List.of(inCheckout()));
            } catch (RuntimeException e) {
                error = e;
            }
        }

        CiStatus status() {
            RuntimeException failed = error;
            if (failed != null) {
                runs.remove(sha, this);
                throw failed;
            }
            CiStatus done = result;
            return done != null ? done : new CiStatus(sha, CiState.PENDING, List.of(new Check(check.name(), CiState.PENDING, "")));
        }

        /** Runs the check in a fresh checkout, which is deleted afterwards; the log beside it stays. */
        private Check inCheckout() {
            Path tree;
            try {
                tree = Files.createTempDirectory(Files.createDirectories(directory), "run-").resolve("tree");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare a checkout for the check of " + sha, e);
            }
            try {
                return check.run(mirror.checkout(sha, tree));
            } finally {
                delete(tree);
            }
        }
    }

    private static void delete(Path tree) {
        if (!Files.exists(tree)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(tree)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a checkout left behind only takes space; the result stands
        }
    }
}
