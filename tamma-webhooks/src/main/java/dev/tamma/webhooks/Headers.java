package dev.tamma.webhooks;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A delivery's HTTP headers, looked up without regard to case (HTTP header names are
 * case-insensitive and proxies rewrite them). Immutable. {@link #toString()} lists the names only:
 * header values can hold credentials.
 */
public final class Headers {

    private final Map<String, List<String>> values;

    private Headers(Map<String, List<String>> values) {
        this.values = values;
    }

    /** Headers with one value each. */
    public static Headers of(Map<String, String> single) {
        TreeMap<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        single.forEach((name, value) -> {
            if (name != null && value != null) {
                map.computeIfAbsent(name, n -> new java.util.ArrayList<>()).add(value);
            }
        });
        return freeze(map);
    }

    /** Headers as servlet containers and Spring's {@code HttpHeaders} give them: several values per name. */
    public static Headers ofMultiple(Map<String, ? extends Collection<String>> multiple) {
        TreeMap<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        multiple.forEach((name, list) -> {
            if (name != null && list != null) {
                List<String> target = map.computeIfAbsent(name, n -> new java.util.ArrayList<>());
                list.stream().filter(v -> v != null).forEach(target::add);
            }
        });
        return freeze(map);
    }

    /** Headers from alternating names and values: {@code of("X-GitHub-Event", "issues", ...)}. */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        TreeMap<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.computeIfAbsent(namesAndValues[i], n -> new java.util.ArrayList<>()).add(namesAndValues[i + 1]);
        }
        return freeze(map);
    }

    private static Headers freeze(TreeMap<String, List<String>> map) {
        map.replaceAll((name, list) -> List.copyOf(list));
        return new Headers(Collections.unmodifiableMap(map));
    }

    /** The first value of header {@code name}, stripped; empty when absent or blank. */
    public Optional<String> first(String name) {
        List<String> list = values.get(name);
        if (list == null || list.isEmpty()) {
            return Optional.empty();
        }
        String value = list.getFirst().strip();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** Every value of header {@code name}. */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public boolean contains(String name) {
        return first(name).isPresent();
    }

    /** A copy of these headers with {@code name} set to {@code value} (for tests and tools). */
    public Headers with(String name, String value) {
        TreeMap<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        map.putAll(values);
        map.put(name, List.of(value));
        return freeze(map);
    }

    /** A copy of these headers without {@code name}. */
    public Headers without(String name) {
        TreeMap<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        map.putAll(values);
        map.remove(name);
        return freeze(map);
    }

    @Override
    public String toString() {
        return "Headers" + values.keySet();
    }
}
