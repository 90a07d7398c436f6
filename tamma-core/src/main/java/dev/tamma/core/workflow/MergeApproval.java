package dev.tamma.core.workflow;

import java.util.Objects;

/**
 * The four-eyes rule of business mode: the merge approval comes from someone other than the
 * person who opened the issue, unless the repository allows authors to approve their own.
 */
public enum MergeApproval {
    /** The approval counts. */
    ALLOWED,
    /** The approver opened the issue; someone else must approve the merge. */
    BY_ISSUE_AUTHOR,
    /** Nobody could tell who opened the issue, so the rule cannot be checked; refused to be safe. */
    AUTHOR_UNKNOWN;

    /** Whether the rule applies at all, so the caller need not ask the platform who opened the issue. */
    public static boolean needsIssueAuthor(Mode mode, boolean allowAuthor) {
        return Objects.requireNonNull(mode, "mode") == Mode.BUSINESS && !allowAuthor;
    }

    /**
     * Whether {@code approver}'s {@code /tamma approve merge} counts.
     *
     * @param issueAuthor who opened the issue, or {@code null} when it could not be learned
     * @param allowAuthor the repository lets authors approve the merge of their own issue
     */
    public static MergeApproval check(Mode mode, String approver, String issueAuthor, boolean allowAuthor) {
        Objects.requireNonNull(approver, "approver");
        if (!needsIssueAuthor(mode, allowAuthor)) {
            return ALLOWED;
        }
        if (issueAuthor == null || issueAuthor.isBlank()) {
            return AUTHOR_UNKNOWN;
        }
        return approver.equalsIgnoreCase(issueAuthor.strip()) ? BY_ISSUE_AUTHOR : ALLOWED;
    }
}
