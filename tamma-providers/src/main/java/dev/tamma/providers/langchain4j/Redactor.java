package dev.tamma.providers.langchain4j;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes secrets from text that leaves a provider (exception messages, vendor error bodies):
 * the provider's own key wherever it appears, and anything shaped like a well-known key.
 */
public final class Redactor {

    private static final Pattern KEY_SHAPES = Pattern.compile(
            "(sk-[A-Za-z0-9_*\\-]{6,}|AIza[0-9A-Za-z_\\-]{10,}|gh[pousr]_[A-Za-z0-9]{10,}|github_pat_[A-Za-z0-9_]{10,}"
                    + "|(?i:bearer)\\s+[A-Za-z0-9._\\-]{8,})");
    private static final int MAX_LENGTH = 2000;

    private final List<String> secrets;

    public Redactor(List<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 4).toList();
    }

    public String redact(String text) {
        if (text == null) {
            return "";
        }
        String clean = text;
        for (String secret : secrets) {
            clean = clean.replace(secret, "***");
        }
        clean = KEY_SHAPES.matcher(clean).replaceAll("***");
        return clean.length() > MAX_LENGTH ? clean.substring(0, MAX_LENGTH) + "..." : clean;
    }
}
