package dev.tamma.platforms.bitbucket;

import static dev.tamma.platforms.contract.World.*;
import static dev.tamma.platforms.testing.Json.arr;
import static dev.tamma.platforms.testing.Json.obj;

import java.util.Map;

/** Bodies shaped like Bitbucket Cloud's REST API 2.0 (developer.atlassian.com/cloud/bitbucket/rest). */
final class BitbucketJson {

    /** Pull requests and statuses name commits by 12 hex digits. */
    static final String HEAD_SHORT = "c5a9e0b1d2f3";
    static final String MERGE_SHORT = "7e1b2c3d4f5a";
    static final String MERGE_SHA = "7e1b2c3d4f5a69788796a5b4c3d2e1f0a9b8c7d6";

    private final String api;

    BitbucketJson(String api) {
        this.api = api;
    }

    Map<String, Object> user(String accountId) {
        return obj("type", "user", "display_name", accountId, "uuid", "{" + accountId + "-uuid}", "account_id", accountId,
                "nickname", accountId, "links", obj("avatar", obj("href", "https://avatar.example/" + accountId)));
    }

    private Map<String, Object> links(String html) {
        return obj("self", obj("href", api + html), "html", obj("href", "https://bitbucket.org" + html));
    }

    Map<String, Object> repository() {
        return obj("type", "repository", "full_name", OWNER + "/" + REPO, "name", REPO, "slug", REPO,
                "uuid", "{b1c2d3e4-0000-4000-8000-000000000003}", "is_private", true, "scm", "git",
                "mainbranch", obj("type", "branch", "name", DEFAULT_BRANCH),
                "links", obj("html", obj("href", "https://bitbucket.org/" + OWNER + "/" + REPO),
                        "clone", arr(obj("name", "https", "href", "https://" + BOT + "@bitbucket.org/" + OWNER + "/" + REPO + ".git"),
                                obj("name", "ssh", "href", "git@bitbucket.org:" + OWNER + "/" + REPO + ".git"))));
    }

    Map<String, Object> issue(long id, String title, String content, String state, String assignee) {
        return obj("type", "issue", "id", id, "title", title, "content", obj("raw", content, "markup", "markdown", "html", ""),
                "state", state, "kind", "bug", "priority", "major", "reporter", user(WRITER),
                "assignee", assignee == null ? null : user(assignee), "votes", 0, "watches", 1,
                "created_on", "2026-01-01T09:00:00.000000+00:00", "updated_on", "2026-01-02T10:00:00.000000+00:00",
                "links", links("/" + OWNER + "/" + REPO + "/issues/" + id));
    }

    Map<String, Object> issue7() {
        return issue(ISSUE, ISSUE_TITLE, ISSUE_BODY, "open", BOT);
    }

    Map<String, Object> comment(long id, String author, String raw, String created, String updated) {
        return obj("type", "issue_comment", "id", id, "content", obj("raw", raw, "markup", "markdown", "html", ""),
                "user", user(author), "created_on", created, "updated_on", updated,
                "links", links("/" + OWNER + "/" + REPO + "/issues/" + ISSUE + "#comment-" + id));
    }

    Map<String, Object> pullRequest(long id, String title, String description, String source, String state, boolean draft) {
        boolean merged = "MERGED".equals(state);
        return obj("type", "pullrequest", "id", id, "title", title, "description", description, "state", state,
                "draft", draft, "author", user(BOT), "close_source_branch", false,
                "source", obj("branch", obj("name", source), "commit", obj("type", "commit", "hash", HEAD_SHORT),
                        "repository", obj("type", "repository", "full_name", OWNER + "/" + REPO)),
                "destination", obj("branch", obj("name", DEFAULT_BRANCH), "commit", obj("type", "commit", "hash", "0d1e2f3a4b5c"),
                        "repository", obj("type", "repository", "full_name", OWNER + "/" + REPO)),
                "merge_commit", merged ? obj("type", "commit", "hash", MERGE_SHORT) : null,
                "comment_count", 1, "task_count", 0, "created_on", "2026-01-03T09:00:00.000000+00:00",
                "updated_on", "2026-01-03T09:00:00.000000+00:00",
                "links", links("/" + OWNER + "/" + REPO + "/pull-requests/" + id));
    }

    Map<String, Object> pr12() {
        return pullRequest(PR, PR_TITLE, "Closes #7", HEAD, "OPEN", false);
    }

    Map<String, Object> prComment(long id, String author, String raw, Long parent, boolean inline) {
        Map<String, Object> c = obj("type", "pullrequest_comment", "id", id,
                "content", obj("raw", raw, "markup", "markdown", "html", ""), "user", user(author), "deleted", false,
                "created_on", "2026-01-03T10:00:00.000000+00:00", "updated_on", "2026-01-03T10:00:00.000000+00:00",
                "pullrequest", obj("type", "pullrequest", "id", PR),
                "links", links("/" + OWNER + "/" + REPO + "/pull-requests/" + PR + "#comment-" + id));
        if (inline) {
            c.put("inline", obj("from", null, "to", REVIEW_LINE, "path", REVIEW_PATH));
        }
        if (parent != null) {
            c.put("parent", obj("id", parent));
        }
        return c;
    }

    Map<String, Object> page(Object values, String next) {
        Map<String, Object> page = obj("pagelen", 50, "page", 1, "values", values);
        if (next != null) {
            page.put("next", next);
        }
        return page;
    }

    Map<String, Object> error(String message) {
        return obj("type", "error", "error", obj("message", message));
    }
}
