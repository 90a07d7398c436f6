package dev.tamma.core.platform;

/**
 * A token, password or key. {@link #toString()} never shows it, so a secret that ends up in a log,
 * an exception message or an event shows as {@code ***}; only {@link #reveal()} gives the value.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return new Secret(Checks.notBlank(value, "secret"));
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "***";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
