package dev.tamma.worker.config;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A path pattern relative to the repository root, as in {@code protectedPaths}: {@code *} matches
 * within one directory, {@code **} across directories ({@code **}{@code /} also matches no
 * directory at all, so {@code **}{@code /pom.xml} matches the root {@code pom.xml}), {@code ?} one
 * character, {@code [abc]} / {@code [!abc]} one of a set, {@code {a,b}} either. A pattern is always
 * anchored at the root: {@code pom.xml} is the root file only. A trailing {@code /} means everything
 * under that directory.
 */
public final class PathGlob {

    private final String pattern;
    private final Pattern regex;

    private PathGlob(String pattern, Pattern regex) {
        this.pattern = pattern;
        this.regex = regex;
    }

    /** @throws IllegalArgumentException saying what is wrong with the pattern */
    public static PathGlob of(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        String glob = pattern.strip();
        while (glob.startsWith("./")) {
            glob = glob.substring(2);
        }
        if (glob.startsWith("/")) {
            glob = glob.substring(1);
        }
        if (glob.endsWith("/")) {
            glob = glob + "**";
        }
        if (glob.isEmpty()) {
            throw new IllegalArgumentException("is empty");
        }
        try {
            return new PathGlob(pattern, Pattern.compile(toRegex(glob)));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("is not a valid pattern: " + e.getDescription());
        }
    }

    /** Whether a path relative to the repository root, with {@code /} separators, matches. */
    public boolean matches(String path) {
        String normalised = path.replace('\\', '/');
        while (normalised.startsWith("./")) {
            normalised = normalised.substring(2);
        }
        return regex.matcher(normalised.startsWith("/") ? normalised.substring(1) : normalised).matches();
    }

    public String pattern() {
        return pattern;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PathGlob glob && glob.pattern.equals(pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    @Override
    public String toString() {
        return pattern;
    }

    private static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        int alternatives = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        boolean wholeSegment = (i == 0 || glob.charAt(i - 1) == '/')
                                && i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                        regex.append(wholeSegment ? "(?:.*/)?" : ".*");
                        i += wholeSegment ? 2 : 1;
                    } else {
                        regex.append("[^/]*");
                    }
                }
                case '?' -> regex.append("[^/]");
                case '[' -> i = appendSet(glob, i, regex);
                case '{' -> {
                    alternatives++;
                    regex.append("(?:");
                }
                case ',' -> regex.append(alternatives > 0 ? "|" : ",");
                case '}' -> {
                    if (alternatives == 0) {
                        throw new IllegalArgumentException("has a '}' without a '{' before it");
                    }
                    alternatives--;
                    regex.append(')');
                }
                case '\\' -> {
                    if (i + 1 == glob.length()) {
                        throw new IllegalArgumentException("ends with a lone '\\'");
                    }
                    regex.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (alternatives > 0) {
            throw new IllegalArgumentException("has a '{' that is never closed");
        }
        return regex.toString();
    }

    /** Copies {@code [...]} starting at {@code open}; returns the index of its {@code ]}. */
    private static int appendSet(String glob, int open, StringBuilder regex) {
        int i = open + 1;
        boolean negated = i < glob.length() && (glob.charAt(i) == '!' || glob.charAt(i) == '^');
        if (negated) {
            i++;
        }
        int first = i;
        while (i < glob.length() && (glob.charAt(i) != ']' || i == first)) {
            i++;
        }
        if (i >= glob.length()) {
            throw new IllegalArgumentException("has a '[' that is never closed");
        }
        StringBuilder set = new StringBuilder(negated ? "[^/" : "[");
        for (char c : glob.substring(first, i).toCharArray()) {
            set.append(c == '\\' || c == '[' || c == ']' || c == '&' || c == '^' ? "\\" + c : String.valueOf(c));
        }
        regex.append(set).append(']');
        return i;
    }
}
