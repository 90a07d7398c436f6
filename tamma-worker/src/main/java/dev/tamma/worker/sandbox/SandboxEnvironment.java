package dev.tamma.worker.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The environment a command gets: an allowlist of harmless host variables, HOME and TMPDIR in the
 * run's own scratch directory, JAVA_HOME when the host has one, and the names a caller passes. A
 * name that looks like a secret cannot be passed, because the list may come from a repository's
 * own configuration and the worker's environment holds its token and provider keys.
 */
final class SandboxEnvironment {

    static final List<String> ALLOWED = List.of("PATH", "LANG", "LC_ALL", "TZ", "TERM", "JAVA_HOME");
    private static final List<String> SET_BY_SANDBOX = List.of("HOME", "TMPDIR");
    private static final List<String> SECRET_WORDS = List.of("TOKEN", "SECRET", "PASSWORD", "PASSWD", "CREDENTIAL",
            "API_KEY", "APIKEY", "ACCESS_KEY", "PRIVATE_KEY");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private SandboxEnvironment() {
    }

    static Map<String, String> build(Map<String, String> host, List<String> passed, Path home, Path tmp) {
        List<String> names = new ArrayList<>(ALLOWED);
        for (String name : passed) {
            checkPassable(name);
            names.add(name);
        }
        Map<String, String> environment = new HashMap<>();
        for (String name : names) {
            String value = host.get(name);
            if (value != null) {
                environment.put(name, value);
            }
        }
        environment.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
        environment.put("HOME", home.toString());
        environment.put("TMPDIR", tmp.toString());
        return environment;
    }

    /** Refuses a name that is not a variable name, that the sandbox sets itself, or that looks like a secret. */
    static void checkPassable(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not an environment variable name");
        }
        String upper = name.toUpperCase(Locale.ROOT);
        if (SET_BY_SANDBOX.contains(upper)) {
            throw new IllegalArgumentException(name + " cannot be passed to a sandboxed command: the sandbox sets it"
                    + " to the run's own directory");
        }
        if (upper.startsWith("TAMMA_") || upper.endsWith("_KEY") || SECRET_WORDS.stream().anyMatch(upper::contains)) {
            throw new IllegalArgumentException(name + " cannot be passed to a sandboxed command: it looks like a"
                    + " secret (Tamma settings, tokens, keys and passwords never reach commands)");
        }
    }
}
