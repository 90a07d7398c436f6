package dev.tamma.core.platform;

import java.util.regex.Pattern;

/**
 * A hidden HTML comment ({@code <!-- tamma:plan -->}) that lets Tamma find and edit its own comment
 * instead of adding a new one each time. Platforms render Markdown, so the marker stays invisible.
 */
public record CommentMarker(String key) {

    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._:-]*");

    public CommentMarker {
        Checks.notBlank(key, "marker key");
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException(
                    "marker key must be lower-case letters, digits, '.', '_', ':' or '-', got: '" + key + "'");
        }
    }

    public String tag() {
        return "<!-- tamma:" + key + " -->";
    }

    public boolean isIn(String body) {
        return body != null && body.contains(tag());
    }

    /** The body with the marker on its last line, once. */
    public String mark(String body) {
        String text = body == null ? "" : body.replace(tag(), "").stripTrailing();
        return text + "\n\n" + tag();
    }
}
