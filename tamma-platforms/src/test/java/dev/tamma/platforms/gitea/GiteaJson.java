package dev.tamma.platforms.gitea;

import static dev.tamma.platforms.contract.World.*;
import static dev.tamma.platforms.testing.Json.arr;
import static dev.tamma.platforms.testing.Json.obj;

import java.util.List;
import java.util.Map;

/** Bodies shaped like Gitea's API ({@code modules/structs} in go-gitea/gitea, the swagger at /api/swagger). */
final class GiteaJson {

    static final String HEAD_SHA = "3a1f6c9e2b7d4e8f0a5c1b9d7e3f2a6c8b4d0e1f";
    static final String MERGE_SHA = "9c2e4f6a8b0d1c3e5f7a9b1d3f5a7c9e1b3d5f7a";

    private final String web;

    GiteaJson(String web) {
        this.web = web;
    }

    Map<String, Object> user(String login) {
        return obj("id", Math.abs(login.hashCode()), "login", login, "login_name", "", "full_name", "",
                "email", login + "@noreply.gitea.example", "avatar_url", web + "/avatars/" + login, "username", login,
                "is_admin", false, "created", "2025-01-01T00:00:00Z", "restricted", false, "visibility", "public");
    }

    Map<String, Object> repository() {
        return obj("id", 3, "owner", user(OWNER), "name", REPO, "full_name", OWNER + "/" + REPO, "description", "",
                "empty", false, "private", false, "fork", false, "html_url", web + "/" + OWNER + "/" + REPO,
                "ssh_url", "git@gitea.example:" + OWNER + "/" + REPO + ".git",
                "clone_url", web + "/" + OWNER + "/" + REPO + ".git", "default_branch", DEFAULT_BRANCH,
                "permissions", obj("admin", false, "push", true, "pull", true),
                "has_issues", true, "has_pull_requests", true, "allow_merge_commits", true, "allow_rebase", true,
                "allow_squash_merge", true, "created_at", "2025-01-01T00:00:00Z", "updated_at", "2026-01-01T00:00:00Z");
    }

    Map<String, Object> label(String name) {
        return obj("id", labelId(name), "name", name, "exclusive", false, "is_archived", false, "color", "ee0701",
                "description", "", "url", web + "/api/v1/repos/" + OWNER + "/" + REPO + "/labels/" + labelId(name));
    }

    static long labelId(String name) {
        return switch (name) {
            case BUG_LABEL -> 1;
            case TRIGGER_LABEL -> 2;
            default -> 3;
        };
    }

    Map<String, Object> issue(long number, String title, String body, String state, List<String> labels,
            List<String> assignees) {
        return obj("id", 100 + number, "url", web + "/api/v1/repos/" + OWNER + "/" + REPO + "/issues/" + number,
                "html_url", web + "/" + OWNER + "/" + REPO + "/issues/" + number, "number", number, "user", user(WRITER),
                "original_author", "", "original_author_id", 0, "title", title, "body", body, "ref", "",
                "labels", labels.stream().map(this::label).toList(), "milestone", null,
                "assignee", assignees.isEmpty() ? null : user(assignees.getFirst()),
                // Gitea writes null, not [], for an issue nobody is assigned to
                "assignees", assignees.isEmpty() ? null : assignees.stream().map(this::user).toList(),
                "state", state, "is_locked", false, "comments", 2, "created_at", "2026-01-01T09:00:00Z",
                "updated_at", "2026-01-02T10:00:00Z", "closed_at", null, "due_date", null, "pull_request", null,
                "repository", obj("id", 3, "name", REPO, "owner", OWNER, "full_name", OWNER + "/" + REPO));
    }

    Map<String, Object> issue7() {
        return issue(ISSUE, ISSUE_TITLE, ISSUE_BODY, "open", List.of(BUG_LABEL, TRIGGER_LABEL), List.of(BOT));
    }

    Map<String, Object> issue8() {
        return issue(OTHER_ISSUE, OTHER_ISSUE_TITLE, "", "open", List.of(TRIGGER_LABEL), List.of());
    }

    Map<String, Object> comment(long id, String login, String body, String created, String updated) {
        return obj("id", id, "html_url", web + "/" + OWNER + "/" + REPO + "/issues/" + ISSUE + "#issuecomment-" + id,
                "pull_request_url", "", "issue_url", web + "/" + OWNER + "/" + REPO + "/issues/" + ISSUE,
                "user", user(login), "original_author", "", "original_author_id", 0, "body", body, "assets", arr(),
                "created_at", created, "updated_at", updated);
    }

    Map<String, Object> pullRequest(long number, String title, String body, String head, String state, boolean merged) {
        return obj("id", 200 + number, "url", web + "/" + OWNER + "/" + REPO + "/pulls/" + number, "number", number,
                "user", user(BOT), "title", title, "body", body, "labels", arr(), "milestone", null, "assignee", null,
                "assignees", null, "state", state, "is_locked", false, "comments", 0,
                "html_url", web + "/" + OWNER + "/" + REPO + "/pulls/" + number,
                "diff_url", web + "/" + OWNER + "/" + REPO + "/pulls/" + number + ".diff",
                "mergeable", !merged, "merged", merged, "merged_at", merged ? "2026-01-04T09:00:00Z" : null,
                "merge_commit_sha", merged ? MERGE_SHA : null, "merged_by", merged ? user(BOT) : null,
                "allow_maintainer_edit", true,
                "base", obj("label", DEFAULT_BRANCH, "ref", DEFAULT_BRANCH, "sha", "0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e",
                        "repo_id", 3),
                "head", obj("label", head, "ref", head, "sha", HEAD_SHA, "repo_id", 3),
                "merge_base", "0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e", "due_date", null,
                "created_at", "2026-01-03T09:00:00Z", "updated_at", "2026-01-03T09:00:00Z", "closed_at", null);
    }

    Map<String, Object> pr12() {
        return pullRequest(PR, PR_TITLE, "Closes #7", HEAD, "open", false);
    }

    Map<String, Object> review() {
        return obj("id", 42, "user", user(WRITER), "team", null, "state", "REQUEST_CHANGES", "body", "", "commit_id", HEAD_SHA,
                "stale", false, "official", true, "dismissed", false, "comments_count", 1,
                "submitted_at", "2026-01-03T10:00:00Z", "updated_at", "2026-01-03T10:00:00Z",
                "html_url", web + "/" + OWNER + "/" + REPO + "/pulls/" + PR + "#issuecomment-42",
                "pull_request_url", web + "/" + OWNER + "/" + REPO + "/pulls/" + PR);
    }

    Map<String, Object> reviewComment() {
        return obj("id", REVIEW_COMMENT, "body", REVIEW_BODY, "user", user(WRITER), "resolver", null,
                "pull_request_review_id", 42, "created_at", "2026-01-03T10:00:00Z", "updated_at", "2026-01-03T10:00:00Z",
                "path", REVIEW_PATH, "commit_id", HEAD_SHA, "original_commit_id", HEAD_SHA,
                "diff_hunk", "@@ -1 +1 @@\n-class Login {}\n+class Login { /* bcrypt */ }", "position", REVIEW_LINE,
                "original_position", 0, "html_url", web + "/" + OWNER + "/" + REPO + "/pulls/" + PR + "/files#issuecomment-2001",
                "pull_request_url", web + "/" + OWNER + "/" + REPO + "/pulls/" + PR);
    }

    Map<String, Object> status(long id, String context, String status) {
        return obj("id", id, "status", status, "target_url", web + "/" + OWNER + "/" + REPO + "/actions/runs/" + id,
                "description", context + ": " + status, "url", web + "/api/v1/repos/" + OWNER + "/" + REPO + "/statuses/" + HEAD_SHA,
                "context", context, "creator", user("gitea-actions"), "created_at", "2026-01-03T10:00:00Z",
                "updated_at", "2026-01-03T10:05:00Z");
    }

    Map<String, Object> error(String message) {
        return obj("message", message, "url", web + "/api/swagger");
    }
}
