package dev.tamma.providers.agent;

import dev.tamma.core.ai.JsonSchema;
import dev.tamma.core.ai.ToolCall;
import dev.tamma.core.ai.ToolSpec;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The built-in agent's tools over one workspace: list, read, search, write, edit (exact search and
 * replace) and run a command. Every path stays inside the workspace. A tool never throws at the
 * model: a failure is a result starting with {@code ERROR:} that says what was wrong.
 */
public final class WorkspaceTools {

    public static final String DONE = "done";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_READ = 50_000;
    private static final int MAX_MATCHES = 200;
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "node_modules", "target", "build", ".gradle");

    private final Path root;
    private final CommandRunner commands;
    private final Duration commandTimeout;
    private final Set<String> changed = new TreeSet<>();

    public WorkspaceTools(Path workspace, CommandRunner commands, Duration commandTimeout) {
        this.root = workspace.toAbsolutePath().normalize();
        this.commands = commands;
        this.commandTimeout = commandTimeout;
    }

    public static List<ToolSpec> specs() {
        return List.of(
                new ToolSpec("list_files", "Lists files under a directory of the workspace, recursively.",
                        JsonSchema.object().with("path", JsonSchema.string("directory relative to the workspace; '.' for all"), false)),
                new ToolSpec("read_file", "Reads a text file of the workspace.",
                        JsonSchema.object().with("path", JsonSchema.string("file relative to the workspace"), true)),
                new ToolSpec("search", "Finds lines matching a regular expression in the workspace's files.",
                        JsonSchema.object().with("pattern", JsonSchema.string("Java regular expression"), true)
                                .with("path", JsonSchema.string("directory or file to search; default the whole workspace"), false)),
                new ToolSpec("write_file", "Creates or replaces a whole file.",
                        JsonSchema.object().with("path", JsonSchema.string("file relative to the workspace"), true)
                                .with("content", JsonSchema.string("the complete new content"), true)),
                new ToolSpec("edit_file", "Replaces one exact occurrence of a text in a file. The search text must occur "
                        + "exactly once; include surrounding lines to make it unique.",
                        JsonSchema.object().with("path", JsonSchema.string("file relative to the workspace"), true)
                                .with("search", JsonSchema.string("the exact text to replace"), true)
                                .with("replace", JsonSchema.string("the text to put instead"), true)),
                new ToolSpec("run_command", "Runs a shell command in the workspace and returns its exit code and output.",
                        JsonSchema.object().with("command", JsonSchema.string("the shell command"), true)),
                new ToolSpec(DONE, "Call when the task is complete, with a summary of what changed.",
                        JsonSchema.object().with("summary", JsonSchema.string("what was changed and why"), true)));
    }

    /** Files written or edited so far, relative to the workspace. */
    public List<String> changedFiles() {
        return List.copyOf(changed);
    }

    public String run(ToolCall call) {
        JsonNode args;
        try {
            args = JSON.readTree(call.argumentsJson());
        } catch (JacksonException e) {
            return "ERROR: the arguments of " + call.name() + " are not a JSON object: " + e.getOriginalMessage();
        }
        try {
            return switch (call.name()) {
                case "list_files" -> list(optional(args, "path", "."));
                case "read_file" -> read(required(args, "path"));
                case "search" -> search(required(args, "pattern"), optional(args, "path", "."));
                case "write_file" -> write(required(args, "path"), required(args, "content"));
                case "edit_file" -> edit(required(args, "path"), required(args, "search"), required(args, "replace"));
                case "run_command" -> command(required(args, "command"));
                default -> "ERROR: there is no tool named '" + call.name() + "'";
            };
        } catch (ToolError e) {
            return "ERROR: " + e.getMessage();
        } catch (IOException e) {
            return "ERROR: " + call.name() + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    String list(String path) throws IOException {
        Path dir = resolve(path);
        if (!Files.isDirectory(dir)) {
            throw new ToolError("list_files: " + path + " is not a directory");
        }
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).filter(this::visible).map(this::relative).sorted().limit(1000)
                    .forEach(files::add);
        }
        return files.isEmpty() ? "(no files)" : String.join("\n", files);
    }

    String read(String path) throws IOException {
        Path file = resolve(path);
        if (!Files.isRegularFile(file)) {
            throw new ToolError("read_file: " + path + " does not exist or is not a file");
        }
        String text = readText(file, "read_file", path);
        return text.length() > MAX_READ ? text.substring(0, MAX_READ) + "\n[truncated at " + MAX_READ + " characters]" : text;
    }

    String search(String regex, String path) throws IOException {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new ToolError("search: '" + regex + "' is not a valid regular expression: " + e.getDescription());
        }
        Path start = resolve(path);
        List<String> matches = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(start)) {
            for (Path file : walk.filter(Files::isRegularFile).filter(this::visible).sorted().toList()) {
                List<String> lines;
                try {
                    lines = Files.readAllLines(file);
                } catch (MalformedInputException binary) {
                    continue;
                }
                for (int i = 0; i < lines.size() && matches.size() < MAX_MATCHES; i++) {
                    if (pattern.matcher(lines.get(i)).find()) {
                        matches.add(relative(file) + ":" + (i + 1) + ": " + lines.get(i));
                    }
                }
            }
        }
        return matches.isEmpty() ? "no match for " + regex : String.join("\n", matches);
    }

    String write(String path, String content) throws IOException {
        Path file = resolve(path);
        if (Files.isDirectory(file)) {
            throw new ToolError("write_file: " + path + " is a directory");
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        changed.add(relative(file));
        return "wrote " + relative(file) + " (" + content.length() + " characters)";
    }

    String edit(String path, String search, String replace) throws IOException {
        Path file = resolve(path);
        if (!Files.isRegularFile(file)) {
            throw new ToolError("edit_file: " + path + " does not exist; use write_file to create it");
        }
        if (search.isEmpty()) {
            throw new ToolError("edit_file: the search text is empty");
        }
        String text = readText(file, "edit_file", path);
        int first = text.indexOf(search);
        if (first < 0) {
            throw new ToolError("edit_file: the search text was not found in " + path
                    + "; read the file and copy the text exactly, whitespace included");
        }
        int count = 0;
        for (int at = first; at >= 0; at = text.indexOf(search, at + 1)) {
            count++;
        }
        if (count > 1) {
            throw new ToolError("edit_file: the search text occurs " + count + " times in " + path
                    + "; include more surrounding lines so it occurs once");
        }
        Files.writeString(file, text.substring(0, first) + replace + text.substring(first + search.length()));
        changed.add(relative(file));
        return "edited " + relative(file);
    }

    String command(String command) {
        CommandRunner.Result result = commands.run(root, command, commandTimeout);
        if (result.timedOut()) {
            return "the command timed out after " + commandTimeout.toSeconds() + "s and was stopped\n" + result.output();
        }
        return "exit code " + result.exitCode() + "\n" + result.output();
    }

    private Path resolve(String path) {
        Path resolved = root.resolve(path).normalize();
        if (!resolved.startsWith(root)) {
            throw new ToolError("the path " + path + " is outside the workspace");
        }
        return resolved;
    }

    private boolean visible(Path file) {
        for (Path part : root.relativize(file)) {
            if (SKIPPED_DIRECTORIES.contains(part.toString())) {
                return false;
            }
        }
        return true;
    }

    private String relative(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static String readText(Path file, String tool, String path) throws IOException {
        try {
            return Files.readString(file);
        } catch (MalformedInputException e) {
            throw new ToolError(tool + ": " + path + " is not a UTF-8 text file");
        }
    }

    private static String required(JsonNode args, String name) {
        JsonNode value = args.path(name);
        if (!value.isString()) {
            throw new ToolError("the argument '" + name + "' is required and must be a string");
        }
        return value.asString();
    }

    private static String optional(JsonNode args, String name, String fallback) {
        JsonNode value = args.path(name);
        return value.isString() && !value.asString().isBlank() ? value.asString() : fallback;
    }

    /** A tool's failure, reported to the model as text. */
    static final class ToolError extends RuntimeException {
        ToolError(String message) {
            super(message);
        }
    }
}
