package dev.tamma.worker.config;

import dev.tamma.worker.config.RepositoryConfig.Commands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How to build and test a repository whose {@code .tamma.yml} does not say: the first of the
 * known build files found at its root decides. The order puts the most specific first: a wrapper
 * before its tool, a language's own tool before a {@code Makefile}.
 */
public final class BuildDetection {

    /** What a workspace runs, or why that could not be told. */
    public sealed interface Result permits Found, NotFound {
    }

    /**
     * @param why which setting or file each command came from, e.g. {@code detected Maven wrapper from mvnw}
     */
    public record Found(Optional<String> setup, String build, String test, Optional<String> lint, String why)
            implements Result {
    }

    /** @param message what was looked for and what to set instead */
    public record NotFound(String message) implements Result {
    }

    private record Rule(String file, String tool, String setup, String build, String test) {
    }

    private static final String PYTHON_BUILD = "python3 -m compileall -q .";
    private static final String PYTHON_TEST = "python3 -m pytest";

    private static final List<Rule> RULES = List.of(
            new Rule("mvnw", "Maven wrapper", null, "./mvnw -B -q compile", "./mvnw -B verify"),
            new Rule("pom.xml", "Maven", null, "mvn -B -q compile", "mvn -B verify"),
            new Rule("gradlew", "Gradle wrapper", null, "./gradlew --no-daemon assemble", "./gradlew --no-daemon check"),
            new Rule("build.gradle.kts", "Gradle", null, "gradle --no-daemon assemble", "gradle --no-daemon check"),
            new Rule("build.gradle", "Gradle", null, "gradle --no-daemon assemble", "gradle --no-daemon check"),
            new Rule("package.json", "npm", "npm install", "npm run build --if-present", "npm test"),
            new Rule("pyproject.toml", "Python", null, PYTHON_BUILD, PYTHON_TEST),
            new Rule("setup.py", "Python", null, PYTHON_BUILD, PYTHON_TEST),
            new Rule("pytest.ini", "Python", null, PYTHON_BUILD, PYTHON_TEST),
            new Rule("Cargo.toml", "Cargo", null, "cargo build", "cargo test"),
            new Rule("go.mod", "Go", null, "go build ./...", "go test ./..."),
            new Rule("Makefile", "make", null, "make", "make test"),
            new Rule("GNUmakefile", "make", null, "make", "make test"),
            new Rule("makefile", "make", null, "make", "make test"));

    private BuildDetection() {
    }

    /** Detects from the files at the workspace's root alone. */
    public static Result detect(Path workspace) {
        for (Rule rule : RULES) {
            if (Files.isRegularFile(workspace.resolve(rule.file()))) {
                return new Found(Optional.ofNullable(setup(rule, workspace)), rule.build(), rule.test(),
                        Optional.empty(), "detected " + rule.tool() + " from " + rule.file());
            }
        }
        return new NotFound("none of " + String.join(", ", RULES.stream().map(Rule::file).toList())
                + " is at the repository root");
    }

    /** The configured commands, with detection filling in build or test where they are not set. */
    static Result resolve(Commands commands, Path workspace) {
        if (commands.build().isPresent() && commands.test().isPresent()) {
            return new Found(commands.setup(), commands.build().get(), commands.test().get(), commands.lint(),
                    "build and test from " + RepositoryConfig.FILE_NAME);
        }
        Result detected = detect(workspace);
        if (detected instanceof NotFound notFound) {
            return new NotFound("Cannot tell how to build and test this repository: " + RepositoryConfig.FILE_NAME
                    + " sets " + configured(commands) + ", and " + notFound.message() + ". Set commands.build and "
                    + "commands.test in " + RepositoryConfig.FILE_NAME + ".");
        }
        Found found = (Found) detected;
        String why = commands.build().isPresent() ? "build from " + RepositoryConfig.FILE_NAME + ", test " + found.why()
                : commands.test().isPresent() ? "test from " + RepositoryConfig.FILE_NAME + ", build " + found.why()
                : found.why();
        return new Found(commands.setup().or(found::setup), commands.build().orElse(found.build()),
                commands.test().orElse(found.test()), commands.lint(), why);
    }

    /** npm's clean install needs a lock file; without one, a plain install. */
    private static String setup(Rule rule, Path workspace) {
        if (rule.setup() == null) {
            return null;
        }
        boolean locked = Files.isRegularFile(workspace.resolve("package-lock.json"))
                || Files.isRegularFile(workspace.resolve("npm-shrinkwrap.json"));
        return locked ? "npm ci" : rule.setup();
    }

    private static String configured(Commands commands) {
        if (commands.build().isPresent()) {
            return "commands.build but not commands.test";
        }
        return commands.test().isPresent() ? "commands.test but not commands.build"
                : "neither commands.build nor commands.test";
    }
}
