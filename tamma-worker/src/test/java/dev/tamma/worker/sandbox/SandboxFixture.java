package dev.tamma.worker.sandbox;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Sandboxes for tests, and a way to find the processes a command started. */
public final class SandboxFixture {

    private SandboxFixture() {
    }

    /** The real PATH and LANG, plus {@code extra}: the worker's environment as a test wants it. */
    static Map<String, String> hostEnvironment(Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>();
        environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        environment.put("LANG", "C.UTF-8");
        environment.putAll(extra);
        return environment;
    }

    /** A sandbox of the given kind; a bubblewrap one only where bwrap works, else the test is skipped. */
    static Sandbox sandbox(Isolation.Kind kind, SandboxSettings settings) {
        Sandbox sandbox = new Sandbox(kind == Isolation.Kind.PROCESS ? settings.withoutBubblewrap() : settings);
        if (kind == Isolation.Kind.BUBBLEWRAP) {
            assumeTrue(sandbox.isolation(false).kind() == Isolation.Kind.BUBBLEWRAP,
                    "bubblewrap is not installed or not usable here: " + sandbox.isolation(false).description());
        }
        return sandbox;
    }

    static Sandbox sandbox(Isolation.Kind kind) {
        return sandbox(kind, SandboxSettings.of(hostEnvironment(Map.of()), List.of()));
    }

    /** A number for {@code sleep} that no other process on the machine has on its command line. */
    static long marker() {
        return ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000);
    }

    /** Live processes running {@code sleep <marker>}, whatever PID namespace they are in. */
    static List<ProcessHandle> sleeping(long... markers) {
        return ProcessHandle.allProcesses().filter(p -> {
            String[] arguments = p.info().arguments().orElse(new String[0]);
            String command = p.info().command().orElse("");
            if (!command.endsWith("sleep") || arguments.length != 1) {
                return false;
            }
            for (long marker : markers) {
                if (arguments[0].equals(Long.toString(marker))) {
                    return true;
                }
            }
            return false;
        }).toList();
    }

    static Path absolute(String first, String... more) {
        return Path.of(first, more).toAbsolutePath();
    }

    /**
     * A new directory the sandbox shows as part of the host: under the module's {@code target}, or
     * under {@code /var/tmp} when the checkout itself lies in {@code /tmp}, which the sandbox replaces
     * with a private one.
     */
    public static Path hostDirectory(String prefix) throws java.io.IOException {
        Path target = Path.of("target").toAbsolutePath();
        Path parent = target.startsWith("/tmp") && java.nio.file.Files.isWritable(Path.of("/var/tmp"))
                ? Path.of("/var/tmp") : target;
        return java.nio.file.Files.createDirectories(parent.resolve(prefix + java.util.UUID.randomUUID()));
    }
}
