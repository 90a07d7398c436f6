package dev.tamma.worker.sandbox;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The bwrap command line for a run, and the probe that tells whether bwrap works here at all: it
 * can be installed and still fail, for instance in a container without user namespaces.
 */
final class Bubblewrap {

    /** Everything a run uses that could be refused by the kernel; probed once with {@code true}. */
    private static final List<String> CONFINEMENT = List.of("--die-with-parent", "--new-session", "--unshare-pid",
            "--cap-drop", "ALL", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp");

    private final String executable;
    private final String version;

    private Bubblewrap(String executable, String version) {
        this.executable = executable;
        this.version = version;
    }

    /** Whether bwrap can run here: the working bwrap, or why not. */
    record Probe(Bubblewrap bubblewrap, String problem) {
    }

    static Probe probe(String name, Map<String, String> hostEnvironment) {
        String path = hostEnvironment.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        String executable = locate(name, path);
        if (executable == null) {
            return new Probe(null, name + " is not installed (not found on the PATH)");
        }
        try {
            Outcome version = run(List.of(executable, "--version"), path);
            if (!version.ok()) {
                return new Probe(null, executable + " --version failed: " + version.output());
            }
            List<String> trial = new ArrayList<>(List.of(executable));
            trial.addAll(CONFINEMENT);
            trial.addAll(List.of("--unshare-net", "true"));
            Outcome trialRun = run(trial, path);
            if (!trialRun.ok()) {
                return new Probe(null, executable + " is installed but cannot confine a process here: "
                        + trialRun.output());
            }
            return new Probe(new Bubblewrap(executable, version.output()), null);
        } catch (IOException e) {
            return new Probe(null, executable + " cannot be started: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Probe(null, "the check of " + executable + " was interrupted");
        }
    }

    String version() {
        return version;
    }

    /**
     * The command line: the host read-only, private /dev, /proc and /tmp, the hidden paths empty,
     * then the run's scratch directory, JAVA_HOME and the workspace made visible again on top.
     */
    List<String> commandLine(String shellCommand, Path workspace, Path scratch, List<Path> hidden, String javaHome,
            boolean network) {
        List<String> args = new ArrayList<>(List.of(executable));
        args.addAll(CONFINEMENT);
        if (!network) {
            args.add("--unshare-net");
        }
        List<Path> insideWorkspace = new ArrayList<>();
        for (Path path : hidden) {
            if (path.startsWith(workspace)) {
                insideWorkspace.add(path);
            } else {
                hide(args, path);
            }
        }
        if (javaHome != null && Files.isDirectory(Path.of(javaHome))) {
            args.addAll(List.of("--ro-bind", javaHome, javaHome));
        }
        args.addAll(List.of("--bind", scratch.toString(), scratch.toString()));
        args.addAll(List.of("--bind", workspace.toString(), workspace.toString()));
        insideWorkspace.forEach(path -> hide(args, path));
        args.addAll(List.of("--chdir", workspace.toString(), "sh", "-c", shellCommand));
        return args;
    }

    private static void hide(List<String> args, Path path) {
        if (Files.isDirectory(path)) {
            args.addAll(List.of("--tmpfs", path.toString()));
        } else if (Files.exists(path)) {
            args.addAll(List.of("--ro-bind", "/dev/null", path.toString()));
        }
    }

    static String locate(String name, String path) {
        if (name.contains(File.separator)) {
            return Files.isExecutable(Path.of(name)) ? name : null;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, name))) {
                return Path.of(directory, name).toString();
            }
        }
        return null;
    }

    private record Outcome(boolean ok, String output) {
    }

    /** Runs a short command to its end, at most ten seconds; its output goes through a file so a hang cannot block. */
    private static Outcome run(List<String> command, String path) throws IOException, InterruptedException {
        Path output = Files.createTempFile("tamma-bwrap-probe-", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().clear();
            builder.environment().put("PATH", path);
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Outcome(false, "no answer within 10 seconds");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8).strip();
            text = text.length() > 300 ? text.substring(0, 300) + "..." : text;
            return new Outcome(process.exitValue() == 0, text.isEmpty() ? "exit code " + process.exitValue() : text);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
