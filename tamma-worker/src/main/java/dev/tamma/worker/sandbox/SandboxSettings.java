package dev.tamma.worker.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link Sandbox} is set up, once per worker.
 *
 * @param hostEnvironment  the worker's environment; commands get only an allowlisted part of it
 * @param hiddenPaths      directories (or files) holding the worker's secrets, such as the Tamma home
 *                         and the token file's directory; under bubblewrap they look empty (the
 *                         user's home is always hidden too)
 * @param bubblewrap       the bwrap executable to try (a name looked up on the PATH, or a path);
 *                         {@code null} to run plain processes
 * @param headBytes        how much of the start of the output to keep
 * @param tailBytes        how much of the end of the output to keep
 * @param scratchDirectory where each run's fresh HOME and TMPDIR are made; never inside a workspace
 */
public record SandboxSettings(Map<String, String> hostEnvironment, List<Path> hiddenPaths, String bubblewrap,
        int headBytes, int tailBytes, Path scratchDirectory) {

    public static final int DEFAULT_HEAD_BYTES = 4 * 1024;
    public static final int DEFAULT_TAIL_BYTES = 16 * 1024;

    public SandboxSettings {
        hostEnvironment = Map.copyOf(hostEnvironment);
        hiddenPaths = List.copyOf(hiddenPaths);
        Objects.requireNonNull(scratchDirectory, "scratchDirectory");
        if (headBytes < 0 || tailBytes < 0) {
            throw new IllegalArgumentException("The output cap must not be negative, was head " + headBytes
                    + " bytes and tail " + tailBytes + " bytes");
        }
        for (Path hidden : hiddenPaths) {
            if (!hidden.isAbsolute() || hidden.getParent() == null) {
                throw new IllegalArgumentException("A hidden path must be an absolute path below /, was " + hidden);
            }
        }
    }

    /** Bubblewrap when it works, 4 KB of head and 16 KB of tail, scratch space in the JVM's temp directory. */
    public static SandboxSettings of(Map<String, String> hostEnvironment, List<Path> hiddenPaths) {
        return new SandboxSettings(hostEnvironment, hiddenPaths, "bwrap", DEFAULT_HEAD_BYTES, DEFAULT_TAIL_BYTES,
                Path.of(System.getProperty("java.io.tmpdir")));
    }

    public SandboxSettings withBubblewrap(String executable) {
        return new SandboxSettings(hostEnvironment, hiddenPaths, executable, headBytes, tailBytes, scratchDirectory);
    }

    public SandboxSettings withoutBubblewrap() {
        return withBubblewrap(null);
    }

    public SandboxSettings withOutputCap(int head, int tail) {
        return new SandboxSettings(hostEnvironment, hiddenPaths, bubblewrap, head, tail, scratchDirectory);
    }

    public SandboxSettings withScratchDirectory(Path directory) {
        return new SandboxSettings(hostEnvironment, hiddenPaths, bubblewrap, headBytes, tailBytes, directory);
    }
}
