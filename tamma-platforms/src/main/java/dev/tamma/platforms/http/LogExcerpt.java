package dev.tamma.platforms.http;

import dev.tamma.core.platform.Secret;
import dev.tamma.core.platform.SecretRedaction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.regex.Pattern;

/**
 * The end of a CI log as text a coding agent can read: the failure is usually at the end, so only
 * the last {@code maxChars} are kept, without terminal colour codes or GitLab's collapsible-section
 * markers, and with the platform's own token and anything shaped like a credential masked
 * ({@link SecretRedaction}).
 */
public final class LogExcerpt {

    /** CSI sequences (colours, erase line), OSC sequences (titles, links) and the other two-byte escapes. */
    private static final Pattern ANSI = Pattern.compile(
            "\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)|\u001B[@-Z\\\\-_]");
    private static final Pattern GITLAB_SECTION = Pattern.compile("section_(?:start|end):\\d+:[A-Za-z0-9_.\\-]+(?:\\[[^\\]]*])?\r");
    /** Bytes kept from a streamed log: room for multi-byte characters and the escapes that are stripped. */
    private static final int MIN_WINDOW = 64 * 1024;

    private LogExcerpt() {
    }

    /** The last bytes of {@code in} as text, enough for an excerpt of {@code maxChars}; the rest is read and dropped. */
    public static String tail(InputStream in, int maxChars) throws IOException {
        int window = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(MIN_WINDOW, 8L * maxChars));
        byte[] ring = new byte[window];
        long total = 0;
        byte[] chunk = new byte[8192];
        for (int n; (n = in.read(chunk)) > 0; ) {
            int at = (int) (total % window);
            int first = Math.min(n, window - at); // up to the ring's end, the rest from its start
            System.arraycopy(chunk, 0, ring, at, first);
            System.arraycopy(chunk, first, ring, 0, n - first);
            total += n;
        }
        if (total <= window) {
            return new String(ring, 0, (int) total, StandardCharsets.UTF_8);
        }
        int start = (int) (total % window);
        byte[] ordered = new byte[window];
        System.arraycopy(ring, start, ordered, 0, window - start);
        System.arraycopy(ring, 0, ordered, window - start, start);
        return new String(ordered, StandardCharsets.UTF_8);
    }

    /** {@code log} cleaned and masked, then its last {@code maxChars} characters. */
    public static String of(String log, int maxChars, Collection<Secret> secrets) {
        if (maxChars <= 0) {
            throw new IllegalArgumentException("a log excerpt needs a positive length, got " + maxChars);
        }
        String text = GITLAB_SECTION.matcher(ANSI.matcher(log).replaceAll("")).replaceAll("").replace("\r\n", "\n");
        for (Secret secret : secrets) {
            text = text.replace(secret.reveal(), secret.toString());
        }
        text = SecretRedaction.redact(text, "***").strip();
        return text.length() > maxChars ? text.substring(text.length() - maxChars) : text;
    }
}
