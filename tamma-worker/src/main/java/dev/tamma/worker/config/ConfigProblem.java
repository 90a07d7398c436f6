package dev.tamma.worker.config;

/**
 * One thing wrong in a repository's {@code .tamma.yml}.
 *
 * @param line     1-based line in the file, 0 when the problem belongs to no single line
 * @param column   1-based column, 0 when unknown
 * @param key      the key path, e.g. {@code attempts.build} or {@code protectedPaths[2]}; empty for
 *                 YAML syntax errors
 * @param message  what is wrong, starting with the key
 * @param lineText the text of that line in the file, for showing it to people
 */
public record ConfigProblem(int line, int column, String key, String message, String lineText) {

    /** Where, then what: {@code line 7, column 3: attempts.build must be between 1 and 10, was 12}. */
    public String describe() {
        if (line <= 0) {
            return message;
        }
        return "line " + line + (column > 0 ? ", column " + column : "") + ": " + message;
    }
}
