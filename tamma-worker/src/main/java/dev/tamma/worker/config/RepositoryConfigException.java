package dev.tamma.worker.config;

import dev.tamma.core.platform.CommentMarker;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A {@code .tamma.yml} that cannot be used, with every problem found in it (not only the first),
 * each naming its key and line. {@link #toMarkdown()} is what gets posted on the issue when the file
 * comes from the repository.
 */
public final class RepositoryConfigException extends IllegalArgumentException {

    /** The one comment on an issue that explains a broken file, kept up to date by whoever reads it. */
    public static final CommentMarker MARKER = new CommentMarker("config-error");

    private final String source;
    private final List<ConfigProblem> problems;

    public RepositoryConfigException(String source, List<ConfigProblem> problems) {
        super(render(source, problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a configuration error needs at least one problem");
        }
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** The file's name as given to the parser, e.g. {@code .tamma.yml}. */
    public String source() {
        return source;
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    /**
     * A comment for the issue: every problem with the line it is on. The file's text goes inside a
     * code block, so nothing in it can format the comment or mention anyone.
     */
    public String toMarkdown() {
        StringBuilder block = new StringBuilder();
        for (ConfigProblem problem : problems) {
            block.append(problem.describe()).append('\n');
            if (problem.line() > 0 && problem.lineText() != null) {
                String number = String.valueOf(problem.line());
                block.append("  ").append(number).append(" | ").append(problem.lineText()).append('\n');
                if (problem.column() > 0) {
                    block.append("  ").append(" ".repeat(number.length())).append(" | ")
                            .append(" ".repeat(problem.column() - 1)).append("^\n");
                }
            }
        }
        String fence = "`".repeat(Math.max(3, longestBacktickRun(block) + 1));
        String name = source.replace("`", "");
        return "**Tamma cannot use `" + name + "`**: " + count(problems.size()) + ".\n\n"
                + fence + "text\n" + block + fence + "\n\n"
                + "Every key, its default and an example are described in Tamma's `docs/configuration.md`, "
                + "section \"Repository configuration: .tamma.yml\".\n";
    }

    private static String render(String source, List<ConfigProblem> problems) {
        return problems.stream()
                .map(p -> p.line() > 0 ? source + " " + p.describe() : source + ": " + p.describe()).collect(Collectors.joining("\n"));
    }

    private static String count(int problems) {
        return problems == 1 ? "1 problem" : problems + " problems";
    }

    private static int longestBacktickRun(CharSequence text) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }
}
