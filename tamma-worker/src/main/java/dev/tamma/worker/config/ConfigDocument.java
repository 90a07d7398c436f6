package dev.tamma.worker.config;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * A YAML file read as a tree of nodes that remember their line and column, with typed reads that
 * record a problem and fall back to the default instead of stopping, so that one pass finds every
 * problem in the file. The tree model of Jackson has no locations, hence SnakeYAML's nodes.
 */
final class ConfigDocument {

    /** A value in the file: its key path, the node of its key (absent for list items and the root) and its node. */
    record Field(String path, Node key, Node value) {

        /** The key as written; for a list item, its place in the path. */
        String name() {
            return key instanceof ScalarNode scalar ? scalar.getValue() : path.substring(path.lastIndexOf('.') + 1);
        }

        boolean isAbsent() {
            return value == null || value.getTag().equals(Tag.NULL);
        }

        Field child(String name, Node keyNode, Node valueNode) {
            return new Field(path.isEmpty() ? name : path + "." + name, keyNode, valueNode);
        }
    }

    private static final Pattern UNQUOTED_STAR = Pattern.compile("^\\s*(?:-\\s+|[^:#]+:\\s+)\\*");

    private final String[] lines;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Field root;

    ConfigDocument(String yaml, String source) {
        this.lines = yaml.split("\r\n|\r|\n", -1);
        Node node = null;
        try {
            // Non-scalar keys are let through so that they are reported with their place, like other problems.
            LoadSettings settings = LoadSettings.builder().setLabel(source).setSchema(new CoreSchema())
                    .setAllowNonScalarKeys(true).build();
            node = new Compose(settings).composeString(yaml).orElse(null);
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            String problem = e.getProblem() == null ? e.getContext() : e.getProblem();
            add(mark, "", "the file is not valid YAML: " + problem + starHint(mark));
        } catch (YamlEngineException e) {
            add(Optional.empty(), "", "the file is not valid YAML: " + e.getMessage());
        }
        this.root = new Field("", null, node);
    }

    Field root() {
        return root;
    }

    /** In the order of the file, whatever order the keys were checked in. */
    List<ConfigProblem> problems() {
        return problems.stream()
                .sorted(Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column))
                .toList();
    }

    /** Records a problem with a value, at the value. */
    void problem(Field field, String message) {
        Node at = field.value() != null ? field.value() : field.key();
        add(at == null ? Optional.empty() : at.getStartMark(), field.path(), subject(field.path()) + message);
    }

    /** Records a problem with a key itself (unknown, repeated), at the key. */
    void keyProblem(Field field, String message) {
        add(field.key() == null ? Optional.empty() : field.key().getStartMark(), field.path(),
                subject(field.path()) + message);
    }

    /**
     * The entries of a map whose keys are all in {@code known}; other keys are problems, with a
     * suggestion when one is close. An absent value is an empty map.
     */
    Map<String, Field> map(Field field, Collection<String> known, String example) {
        Map<String, Field> entries = entries(field, example);
        entries.values().removeIf(entry -> {
            if (known.contains(entry.name())) {
                return false;
            }
            keyProblem(entry, "is not a known key; " + KeySuggestion.hint(entry.name(), known));
            return true;
        });
        return entries;
    }

    /** The entries of a map with any keys, for the caller to check. */
    Map<String, Field> entries(Field field, String example) {
        Map<String, Field> entries = new LinkedHashMap<>();
        if (field.isAbsent()) {
            return entries;
        }
        if (!(field.value() instanceof MappingNode mapping)) {
            problem(field, "must be a map of keys, like " + example + ", was " + shown(field));
            return entries;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                add(tuple.getKeyNode().getStartMark(), field.path(), subject(field.path()) + "has a key that is not a name");
                continue;
            }
            Field entry = field.child(keyNode.getValue(), keyNode, tuple.getValueNode());
            Field earlier = entries.putIfAbsent(keyNode.getValue(), entry);
            if (earlier != null) {
                keyProblem(entry, "is given twice; the first is on line " + lineOf(earlier.key()));
            }
        }
        return entries;
    }

    List<Field> list(Field field, String example) {
        if (field.isAbsent()) {
            return List.of();
        }
        if (!(field.value() instanceof SequenceNode sequence)) {
            problem(field, "must be a list, like " + example + ", was " + shown(field));
            return List.of();
        }
        List<Field> items = new ArrayList<>();
        List<Node> nodes = sequence.getValue();
        for (int i = 0; i < nodes.size(); i++) {
            items.add(new Field(field.path() + "[" + i + "]", null, nodes.get(i)));
        }
        return items;
    }

    /** Any non-empty scalar as text (a label may well look like a number). */
    Optional<String> text(Field field) {
        if (field.isAbsent()) {
            return Optional.empty();
        }
        if (!(field.value() instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
            problem(field, "must be a text, was " + shown(field));
            return Optional.empty();
        }
        return Optional.of(scalar.getValue().strip());
    }

    boolean bool(Field field, boolean fallback) {
        if (field.isAbsent()) {
            return fallback;
        }
        String written = field.value() instanceof ScalarNode scalar ? scalar.getValue().toLowerCase(Locale.ROOT) : "";
        if (!field.value().getTag().equals(Tag.BOOL) || !(written.equals("true") || written.equals("false"))) {
            problem(field, "must be true or false, was " + shown(field));
            return fallback;
        }
        return written.equals("true");
    }

    int integer(Field field, int fallback, int min, int max) {
        if (field.isAbsent()) {
            return fallback;
        }
        Optional<BigInteger> parsed = field.value() instanceof ScalarNode scalar && field.value().getTag().equals(Tag.INT)
                ? parseInteger(scalar.getValue()) : Optional.empty();
        if (parsed.isEmpty()) {
            problem(field, "must be a whole number, was " + shown(field));
            return fallback;
        }
        BigInteger value = parsed.get();
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            problem(field, max == Integer.MAX_VALUE ? "must be " + min + " or more, was " + value
                    : "must be between " + min + " and " + max + ", was " + value);
            return fallback;
        }
        return value.intValue();
    }

    /** One of {@code choices} (case-insensitive), e.g. {@code squash} for a merge method. */
    <T> T choice(Field field, Map<String, T> choices, T fallback) {
        if (field.isAbsent()) {
            return fallback;
        }
        String written = field.value() instanceof ScalarNode scalar ? scalar.getValue().strip().toLowerCase(Locale.ROOT) : "";
        T chosen = choices.get(written);
        if (chosen == null) {
            List<String> names = List.copyOf(choices.keySet());
            problem(field, "must be " + String.join(", ", names.subList(0, names.size() - 1)) + " or "
                    + names.getLast() + ", was " + shown(field));
            return fallback;
        }
        return chosen;
    }

    /** {@code 30m}, {@code 2h}, {@code 1h30m}, {@code 3d}, {@code 45s}, or ISO-8601 such as {@code PT30M}; positive. */
    Duration duration(Field field, Duration fallback) {
        if (field.isAbsent()) {
            return fallback;
        }
        String text = field.value() instanceof ScalarNode scalar ? scalar.getValue().strip() : "";
        Optional<Duration> parsed = DurationText.parse(text);
        if (parsed.isEmpty()) {
            problem(field, "must be a duration like 30m, 2h, 1h30m, 3d or PT30M, was " + shown(field));
            return fallback;
        }
        if (parsed.get().isZero() || parsed.get().isNegative()) {
            problem(field, "must be longer than zero, was " + shown(field));
            return fallback;
        }
        return parsed.get();
    }

    <T> Optional<T> convert(Field field, Function<String, T> parser) {
        return text(field).flatMap(text -> {
            try {
                return Optional.of(parser.apply(text));
            } catch (IllegalArgumentException e) {
                problem(field, e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** How a value is quoted back in a message: scalars as written, collections by kind. */
    static String shown(Field field) {
        return switch (field.value()) {
            case ScalarNode scalar -> "'" + abbreviate(scalar.getValue()) + "'";
            case SequenceNode ignored -> "a list";
            case MappingNode ignored -> "a map";
            case null -> "nothing";
            default -> "something else";
        };
    }

    private static String abbreviate(String value) {
        String oneLine = value.replaceAll("\\s+", " ");
        return oneLine.length() > 60 ? oneLine.substring(0, 57) + "..." : oneLine;
    }

    /** A plain value starting with {@code *} is a YAML alias, which is rarely what a glob writer meant. */
    private String starHint(Optional<Mark> mark) {
        int line = mark.map(Mark::getLine).orElse(-1);
        boolean unquotedStar = line >= 0 && line < lines.length && UNQUOTED_STAR.matcher(lines[line]).find();
        return unquotedStar ? " (a value starting with * must be quoted, like '**/db/migration/**')" : "";
    }

    /** YAML 1.2 core integers: decimal, {@code 0x} hex, {@code 0o} octal. */
    private static Optional<BigInteger> parseInteger(String text) {
        try {
            if (text.startsWith("0x")) {
                return Optional.of(new BigInteger(text.substring(2), 16));
            }
            if (text.startsWith("0o")) {
                return Optional.of(new BigInteger(text.substring(2), 8));
            }
            return Optional.of(new BigInteger(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String subject(String path) {
        return path.isEmpty() ? "the file " : path + " ";
    }

    private static int lineOf(Node node) {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }

    private void add(Optional<Mark> mark, String path, String message) {
        int line = mark.map(m -> m.getLine() + 1).orElse(0);
        int column = mark.map(m -> m.getColumn() + 1).orElse(0);
        String text = line > 0 && line <= lines.length ? lines[line - 1] : null;
        problems.add(new ConfigProblem(line, column, path, message, text));
    }

    /** Where a key path was written, for problems found by others (the providers section's parser). */
    Optional<Mark> locate(String path) {
        Node node = root.value();
        Node at = node;
        for (String part : path.split("\\.|(?=\\[)")) {
            if (part.isEmpty()) {
                continue;
            }
            Node next = null;
            if (part.matches("\\[\\d{1,9}]") && node instanceof SequenceNode sequence) {
                int index = Integer.parseInt(part.substring(1, part.length() - 1));
                next = index < sequence.getValue().size() ? sequence.getValue().get(index) : null;
                at = next == null ? at : next;
            } else if (node instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(part)) {
                        next = tuple.getValueNode();
                        at = key;
                    }
                }
            }
            if (next == null) {
                break;
            }
            node = next;
        }
        return at == null ? Optional.empty() : at.getStartMark();
    }

    void problemAt(Optional<Mark> mark, String path, String message) {
        add(mark, path, message);
    }
}
