package dev.tamma.core.platform;

import java.util.List;
import java.util.Objects;

/** Argument checks shared by the records of this package; each error names the bad argument. */
final class Checks {

    static String notBlank(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }

    static long positive(long value, String what) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + value);
        }
        return value;
    }

    static <T> List<T> copy(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    private Checks() {
    }
}
