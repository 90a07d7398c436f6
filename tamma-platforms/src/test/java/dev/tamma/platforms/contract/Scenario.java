package dev.tamma.platforms.contract;

/**
 * The situations of the contract suite. A stateful implementation (Plain Git) builds one world that
 * holds them all; a stubbed one (WireMock) registers, for each, exactly the requests the platform's
 * documentation says Tamma must send and the documented answers.
 */
public enum Scenario {
    REPOSITORY,
    ISSUE,
    MISSING_ISSUE,
    ISSUES_BY_LABEL,
    ISSUES_BY_ASSIGNEE,
    COMMENT,
    COMMENTS_SINCE,
    UPSERT_MARKED_COMMENT,
    ADD_LABEL,
    REMOVE_LABEL,
    REMOVE_ABSENT_LABEL,
    ASSIGN,
    CLOSE_ISSUE,
    REACT,
    REACTIONS_SINCE,
    CREATE_DRAFT_PULL_REQUEST,
    CREATE_PULL_REQUEST_FROM_MISSING_BRANCH,
    FIND_PULL_REQUEST,
    PULL_REQUEST,
    UPDATE_PULL_REQUEST,
    MARK_DRAFT_READY,
    MARK_READY_PULL_REQUEST_READY,
    MERGE,
    MERGE_CONFLICT,
    AUTO_MERGE,
    CLOSE_PULL_REQUEST,
    REVIEW_COMMENTS,
    REPLY_TO_REVIEW_COMMENT,
    RESOLVE_THREAD,
    CI_STATUS,
    PERMISSION,
    FILE,
    MISSING_FILE,
    WEBHOOK,
    /** REST only: the token was refused. */
    UNAUTHORIZED,
    /** REST only: the primary rate limit is spent (403 or 429 with reset headers). */
    RATE_LIMITED
}
