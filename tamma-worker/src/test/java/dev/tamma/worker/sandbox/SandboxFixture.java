package dev.tamma.worker.sandbox;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Sandboxes for tests, and a way to find the processes a command started. */
final class SandboxFixture {

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
}
