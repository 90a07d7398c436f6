package dev.tamma.platforms.contract;

import java.time.Instant;

/** The repository every implementation presents to the contract suite. */
public final class World {

    public static final String OWNER = "acme";
    public static final String REPO = "shop";
    public static final String DEFAULT_BRANCH = "main";

    public static final long ISSUE = 7;
    public static final String ISSUE_TITLE = "Login fails with long passwords";
    public static final String ISSUE_BODY = "Passwords over 72 bytes are cut.";
    public static final long OTHER_ISSUE = 8;
    public static final String OTHER_ISSUE_TITLE = "Add a dark mode";
    public static final long MISSING = 404;

    public static final String TRIGGER_LABEL = "tamma";
    public static final String BUG_LABEL = "bug";
    public static final String WORKING_LABEL = "tamma:working";
    public static final String BOT = "tamma-bot";
    public static final String WRITER = "alice";
    public static final String STRANGER = "mallory";

    /** On issue 7: an old comment carrying the {@code plan} marker, and a newer one by Alice. */
    public static final long PLAN_COMMENT = 1001;
    public static final Instant PLAN_COMMENT_AT = Instant.parse("2026-01-01T10:00:00Z");
    public static final long NEW_COMMENT = 1002;
    public static final String NEW_COMMENT_BODY = "/tamma approve";
    public static final Instant NEW_COMMENT_AT = Instant.parse("2026-01-02T10:00:00Z");
    public static final Instant SINCE = Instant.parse("2026-01-02T00:00:00Z");

    /** On the new comment: Mallory laughed at 10:30 the same day, Alice gave a thumbs-up the next morning. */
    public static final Instant LAUGH_AT = Instant.parse("2026-01-02T10:30:00Z");
    public static final Instant THUMBS_UP_AT = Instant.parse("2026-01-03T09:00:00Z");
    public static final Instant REACTIONS_SINCE = Instant.parse("2026-01-03T00:00:00Z");

    /** Pull request 12 from {@link #HEAD} into main: mergeable, with a review comment, and red CI. */
    public static final long PR = 12;
    public static final String HEAD = "tamma/7-fix-login";
    public static final String PR_TITLE = "Fix login with long passwords";
    /** Pull request 13 from {@link #CONFLICT_HEAD}: conflicts with main. */
    public static final long CONFLICTING_PR = 13;
    public static final String CONFLICT_HEAD = "tamma/9-conflict";
    /** Pull request 15 from {@link #DRAFT_HEAD}: a draft, or a {@code WIP:} title where drafts are not native. */
    public static final long DRAFT_PR = 15;
    public static final String DRAFT_HEAD = "tamma/10-search";
    public static final String DRAFT_PR_TITLE = "Search orders by number";
    /** A pushed branch with no pull request yet. */
    public static final String NEW_HEAD = "tamma/8-dark-mode";
    public static final String NEW_PR_TITLE = "Add a dark mode";
    public static final String NEW_PR_BODY = "Closes #8";

    public static final long REVIEW_COMMENT = 2001;
    public static final String REVIEW_PATH = "src/Login.java";
    public static final int REVIEW_LINE = 1;
    public static final String REVIEW_BODY = "This truncates again.";

    public static final String CONFIG_PATH = ".tamma.yml";
    public static final String CONFIG = "mode: dev\n";

    private World() {
    }
}
