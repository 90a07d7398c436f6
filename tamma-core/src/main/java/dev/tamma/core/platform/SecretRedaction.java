package dev.tamma.core.platform;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds credentials in text by their shape and masks them, keeping the prefix so a reader still
 * sees what kind of secret was there: worker tokens ({@code tamma_wt_...}), GitHub tokens
 * ({@code ghp_}, {@code gho_}, {@code ghu_}, {@code ghs_}, {@code ghr_}, {@code github_pat_}),
 * GitLab tokens ({@code glpat-...}), AI provider keys ({@code sk-...}, {@code sk-ant-...}), bearer
 * credentials ({@code Bearer ...}) and PEM private keys.
 *
 * <p>A prefix counts only at the start of a word ({@code task-scheduler} holds no key), where a
 * JSON escape such as {@code \n} also starts one. Only ASCII is matched and replaced, so text in
 * any ASCII-compatible encoding can be read as ISO-8859-1, redacted and written back without
 * changing another byte. The masks contain nothing JSON escapes, so a redacted JSON line stays
 * valid JSON.
 */
public final class SecretRedaction {

    public static final String MASK = "[REDACTED]";

    private static final Pattern SECRETS = Pattern.compile(String.join("|",
            "(?<!(?<!\\\\)[A-Za-z0-9])"
                    + "(?<prefix>tamma_wt_|gh[pousr]_|github_pat_|glpat-|sk-(?:ant-|proj-)?)[A-Za-z0-9_\\-]{8,}",
            "(?<bearer>(?i:bearer)\\s+)[A-Za-z0-9._~+/\\-]{8,}=*",
            "(?<pem>-----BEGIN [A-Z ]*PRIVATE KEY-----)(?s:.*?)-----END [A-Z ]*PRIVATE KEY-----"));

    private SecretRedaction() {
    }

    /** {@code text} with every credential it holds masked; the same string when there is none. */
    public static String redact(String text) {
        return redact(text, MASK);
    }

    /** {@link #redact(String)} with another mask after each kept prefix. */
    public static String redact(String text, String mask) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Matcher m = SECRETS.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            String kept = m.group("prefix") != null ? m.group("prefix")
                    : m.group("bearer") != null ? m.group("bearer") : m.group("pem");
            m.appendReplacement(out, Matcher.quoteReplacement(kept + mask));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }
}
