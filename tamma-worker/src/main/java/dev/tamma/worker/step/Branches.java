package dev.tamma.worker.step;

import java.text.Normalizer;
import java.util.Locale;

/** The branches of a workflow: the pull request's, and the one unverified work waits on. */
final class Branches {

    private static final int SLUG_LENGTH = 40;

    private Branches() {
    }

    /** {@code tamma/42-add-a-greeting} for issue 42 titled "Add a greeting!". */
    static String forIssue(long number, String title) {
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        if (slug.length() > SLUG_LENGTH) {
            slug = slug.substring(0, SLUG_LENGTH).replaceAll("-[^-]*$", "");
        }
        return "tamma/" + number + (slug.isEmpty() ? "" : "-" + slug);
    }

    /**
     * Where IMPLEMENT pushes work that BUILD and TEST have not passed yet; PUSH moves the pull
     * request's branch there once they have, so reviewers and CI only see verified commits.
     */
    static String unverified(String pullRequestBranch) {
        return "tamma-work/" + pullRequestBranch;
    }
}
