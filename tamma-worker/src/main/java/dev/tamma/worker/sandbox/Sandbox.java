package dev.tamma.worker.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the commands of a step (builds, tests, the coding agent's {@code run_command}) so that they
 * cannot read the worker's secrets or outlive their step: a scrubbed environment, a fresh HOME and
 * TMPDIR outside the workspace, a wall-clock timeout, an output cap, and a kill of the whole process
 * tree on timeout or interrupt. Where bubblewrap works, the command also runs inside it: the host
 * read-only, the workspace writable, the secret directories empty, its own /tmp, /dev and /proc,
 * and no network unless the command's policy allows it. Otherwise it is a plain process, and the
 * sandbox says so once in the log and in every result's {@link Isolation}. One sandbox serves all
 * of a worker's steps; runs at the same time do not share anything.
 */
public final class Sandbox {

    private static final Logger log = LoggerFactory.getLogger(Sandbox.class);
    private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(2);

    private final SandboxSettings settings;
    private final Bubblewrap bubblewrap;
    private final String fallbackReason;
    private final String setsid;

    /** Checks once whether bubblewrap works here; logs a warning when commands will run without it. */
    public Sandbox(SandboxSettings settings) {
        this.settings = settings;
        Bubblewrap.Probe probe = settings.bubblewrap() == null
                ? new Bubblewrap.Probe(null, "bubblewrap is switched off")
                : Bubblewrap.probe(settings.bubblewrap(), settings.hostEnvironment());
        this.bubblewrap = probe.bubblewrap();
        this.fallbackReason = probe.problem();
        this.setsid = Bubblewrap.locate("setsid", settings.hostEnvironment().getOrDefault("PATH", "/usr/bin:/bin"));
        if (bubblewrap != null) {
            log.info("Commands run in {}, the host read-only and {} hidden", bubblewrap.version(), hiddenPaths());
        } else {
            log.warn("Commands run as plain processes, not in bubblewrap: {}. They get a scrubbed environment, a"
                    + " timeout and an output cap, but can read the host's files and use the network; install"
                    + " bubblewrap (apt-get install bubblewrap) to confine them", fallbackReason);
        }
    }

    /** The isolation a command with this network policy gets. */
    public Isolation isolation(boolean network) {
        if (bubblewrap != null) {
            return new Isolation(Isolation.Kind.BUBBLEWRAP, bubblewrap.version() + ", network " + (network ? "on" : "off"));
        }
        return new Isolation(Isolation.Kind.PROCESS, "plain process, host files and network visible ("
                + fallbackReason + ")");
    }

    /**
     * Runs the command to its end, its timeout, or an interrupt of the calling thread. On an
     * interrupt, the command and everything it started are killed before the
     * {@link InterruptedException} is thrown.
     *
     * @throws IllegalArgumentException when the workspace is not a directory or a passed variable looks like a secret
     * @throws UncheckedIOException     when {@code sh} (or bwrap) cannot be started
     */
    public SandboxResult run(SandboxCommand command) throws InterruptedException {
        Path workspace = workspaceOf(command);
        command.passedVariables().forEach(SandboxEnvironment::checkPassable);
        Path scratch = scratchDirectory(workspace);
        try {
            Path home = Files.createDirectory(scratch.resolve("home"));
            Path tmp = Files.createDirectory(scratch.resolve("tmp"));
            Map<String, String> environment = SandboxEnvironment.build(settings.hostEnvironment(),
                    command.passedVariables(), home, tmp);
            List<String> commandLine = bubblewrap != null
                    ? bubblewrap.commandLine(command.command(), workspace, scratch, hiddenPaths(),
                            environment.get("JAVA_HOME"), command.network())
                    : plainCommandLine(command.command());
            return start(commandLine, environment, workspace, command);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the run of '" + command.command() + "' in " + workspace
                    + ": " + e.getMessage(), e);
        } finally {
            deleteRecursively(scratch);
        }
    }

    private SandboxResult start(List<String> commandLine, Map<String, String> environment, Path workspace,
            SandboxCommand command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(commandLine).directory(workspace.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close(); // nothing to read on stdin: a prompt ends instead of waiting for the timeout
        ProcessTree tree = new ProcessTree(process, bubblewrap == null && setsid != null);
        OutputCapture output = new OutputCapture(settings.headBytes(), settings.tailBytes());
        Thread reader = Thread.ofVirtual().name("tamma-sandbox-output-" + process.pid())
                .start(() -> output.readFully(process.getInputStream()));
        boolean timedOut;
        try {
            timedOut = !process.waitFor(command.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            tree.kill();
            process.getInputStream().close();
            log.info("Killed '{}' in {}: the worker is stopping", command.command(), workspace);
            throw e;
        }
        if (timedOut) {
            tree.kill();
        } else {
            tree.killLeftovers();
        }
        reader.join(OUTPUT_DRAIN);
        if (reader.isAlive()) {
            process.getInputStream().close(); // a process that escaped the tree still holds the output open
            reader.join(OUTPUT_DRAIN);
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - started);
        return new SandboxResult(timedOut ? -1 : process.exitValue(), timedOut, output.text(), output.totalBytes(),
                duration, isolation(command.network()));
    }

    private List<String> plainCommandLine(String command) {
        List<String> line = new ArrayList<>();
        if (setsid != null) {
            line.add(setsid); // its own process group, so a kill reaches processes orphaned by their parent
        }
        line.addAll(List.of("sh", "-c", command));
        return line;
    }

    private static Path workspaceOf(SandboxCommand command) {
        if (!Files.isDirectory(command.workspace())) {
            throw new IllegalArgumentException("The workspace " + command.workspace() + " of '" + command.command()
                    + "' is not a directory");
        }
        try {
            return command.workspace().toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot resolve the workspace " + command.workspace(), e);
        }
    }

    private Path scratchDirectory(Path workspace) {
        try {
            Path scratch = Files.createTempDirectory(Files.createDirectories(settings.scratchDirectory()),
                    "tamma-run-").toRealPath();
            if (scratch.startsWith(workspace)) {
                deleteRecursively(scratch);
                throw new IllegalArgumentException("The sandbox's scratch directory " + settings.scratchDirectory()
                        + " is inside the workspace " + workspace + "; HOME and TMPDIR must be outside it");
            }
            return scratch;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a scratch directory in " + settings.scratchDirectory(), e);
        }
    }

    /**
     * The configured secret paths and the user's home, resolved on each run (a token directory may
     * appear after the worker started), as bubblewrap mounts need real paths.
     */
    private List<Path> hiddenPaths() {
        List<Path> paths = new ArrayList<>(settings.hiddenPaths());
        String home = settings.hostEnvironment().getOrDefault("HOME", System.getProperty("user.home"));
        if (home != null && !home.isBlank() && !Path.of(home).toAbsolutePath().equals(Path.of("/"))) {
            paths.add(Path.of(home).toAbsolutePath());
        }
        List<Path> resolved = new ArrayList<>();
        for (Path path : paths) {
            try {
                Path real = path.toRealPath();
                if (!resolved.contains(real)) {
                    resolved.add(real);
                }
            } catch (IOException missing) {
                // nothing there to hide
            }
        }
        return List.copyOf(resolved);
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            log.debug("Cannot delete the scratch directory {}: {}", directory, e.getMessage());
        }
    }
}
