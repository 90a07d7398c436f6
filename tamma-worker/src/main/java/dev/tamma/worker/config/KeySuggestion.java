package dev.tamma.worker.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for a key that is not known: a different spelling or a small typo of a known one. */
final class KeySuggestion {

    private KeySuggestion() {
    }

    /** {@code did you mean protectedPaths?}, or the known keys when none is close. */
    static String hint(String written, Collection<String> known) {
        return closest(written, known).map(key -> "did you mean " + key + "?")
                .orElseGet(() -> "known keys are " + String.join(", ", known.stream().sorted().toList()));
    }

    static Optional<String> closest(String written, Collection<String> known) {
        String plain = plain(written);
        int allowed = plain.length() <= 4 ? 1 : 2;
        return known.stream()
                .filter(key -> distance(plain, plain(key)) <= allowed)
                .min(Comparator.comparingInt(key -> distance(plain, plain(key))));
    }

    /** Case, dashes and underscores do not count: {@code protected_paths} is close to {@code protectedPaths}. */
    private static String plain(String key) {
        return key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
