package dev.tamma.platforms.gitlab;

import static dev.tamma.platforms.contract.World.*;
import static dev.tamma.platforms.testing.Json.arr;
import static dev.tamma.platforms.testing.Json.obj;

import java.util.List;
import java.util.Map;

/** Bodies shaped like GitLab's REST API v4 documentation (docs.gitlab.com/api). */
final class GitLabJson {

    static final String HEAD_SHA = "b83d6e391c22777fca1ed3012fce84f633d7fed0";
    static final String MERGE_SHA = "4a4b4e8e5c8a1b6f0d2c3e9f7a1b5c3d9e0f1a2b";
    static final String THREAD = "6a9c1750b37d513a43987b574953fceb50b03ce7";

    private final String web;

    GitLabJson(String web) {
        this.web = web;
    }

    Map<String, Object> user(String username) {
        return obj("id", userId(username), "username", username, "name", username, "state", "active", "locked", false,
                "avatar_url", web + "/uploads/" + username + ".png", "web_url", web + "/" + username);
    }

    static long userId(String username) {
        return Math.abs(username.hashCode() % 100_000);
    }

    Map<String, Object> project() {
        return obj("id", 3, "description", null, "name", REPO, "name_with_namespace", OWNER + " / " + REPO, "path", REPO,
                "path_with_namespace", OWNER + "/" + REPO, "created_at", "2025-01-01T00:00:00.000Z",
                "default_branch", DEFAULT_BRANCH, "ssh_url_to_repo", "git@gitlab.example:" + OWNER + "/" + REPO + ".git",
                "http_url_to_repo", web + "/" + OWNER + "/" + REPO + ".git", "web_url", web + "/" + OWNER + "/" + REPO,
                "visibility", "private", "namespace", obj("id", 2, "name", OWNER, "path", OWNER, "kind", "group",
                        "full_path", OWNER));
    }

    Map<String, Object> issue(long iid, String title, String description, String state, List<String> labels,
            List<String> assignees) {
        return obj("id", 100 + iid, "iid", iid, "project_id", 3, "title", title, "description", description,
                "state", state, "created_at", "2026-01-01T09:00:00.000Z", "updated_at", "2026-01-02T10:00:00.000Z",
                "closed_at", null, "closed_by", null, "labels", labels, "milestone", null,
                "assignees", assignees.stream().map(this::user).toList(),
                "assignee", assignees.isEmpty() ? null : user(assignees.getFirst()), "author", user(WRITER),
                "type", "ISSUE", "user_notes_count", 2, "upvotes", 0, "downvotes", 0, "confidential", false,
                "web_url", web + "/" + OWNER + "/" + REPO + "/-/issues/" + iid, "issue_type", "issue");
    }

    Map<String, Object> issue7() {
        return issue(ISSUE, ISSUE_TITLE, ISSUE_BODY, "opened", List.of(BUG_LABEL, TRIGGER_LABEL), List.of(BOT));
    }

    Map<String, Object> issue8() {
        return issue(OTHER_ISSUE, OTHER_ISSUE_TITLE, "", "opened", List.of(TRIGGER_LABEL), List.of());
    }

    Map<String, Object> note(long id, String author, String body, String created, String updated) {
        return obj("id", id, "type", null, "body", body, "author", user(author), "created_at", created,
                "updated_at", updated, "system", false, "noteable_id", 107, "noteable_type", "Issue", "project_id", 3,
                "noteable_iid", ISSUE, "resolvable", false, "confidential", false, "internal", false);
    }

    Map<String, Object> systemNote() {
        return obj("id", 999, "type", null, "body", "added ~bug label", "author", user(WRITER),
                "created_at", "2026-01-03T09:00:00.000Z", "updated_at", "2026-01-03T09:00:00.000Z", "system", true,
                "noteable_id", 107, "noteable_type", "Issue", "project_id", 3, "noteable_iid", ISSUE, "resolvable", false);
    }

    Map<String, Object> mergeRequest(long iid, String title, String description, String source, String state) {
        boolean merged = "merged".equals(state);
        return obj("id", 200 + iid, "iid", iid, "project_id", 3, "title", title, "description", description,
                "state", state, "created_at", "2026-01-03T09:00:00.000Z", "updated_at", "2026-01-03T09:00:00.000Z",
                "merged_by", merged ? user(BOT) : null, "merged_at", merged ? "2026-01-04T09:00:00.000Z" : null,
                "closed_at", null, "target_branch", DEFAULT_BRANCH, "source_branch", source, "author", user(BOT),
                "assignees", arr(), "reviewers", arr(), "source_project_id", 3, "target_project_id", 3, "labels", arr(),
                "draft", title.startsWith("Draft: "), "work_in_progress", title.startsWith("Draft: "),
                "merge_when_pipeline_succeeds", false, "merge_status", "can_be_merged",
                "detailed_merge_status", merged ? "not_open" : "mergeable", "sha", HEAD_SHA,
                "merge_commit_sha", merged ? MERGE_SHA : null, "squash_commit_sha", null, "squash", false,
                "has_conflicts", false, "web_url", web + "/" + OWNER + "/" + REPO + "/-/merge_requests/" + iid,
                "references", obj("short", "!" + iid, "full", OWNER + "/" + REPO + "!" + iid));
    }

    Map<String, Object> mr12() {
        return mergeRequest(PR, PR_TITLE, "Closes #7", HEAD, "opened");
    }

    Map<String, Object> diffNote(long id, String author, String body) {
        return obj("id", id, "type", "DiffNote", "body", body, "author", user(author),
                "created_at", "2026-01-03T10:00:00.000Z", "updated_at", "2026-01-03T10:00:00.000Z", "system", false,
                "noteable_id", 212, "noteable_type", "MergeRequest", "noteable_iid", PR, "project_id", 3,
                "position", obj("base_sha", "0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e",
                        "start_sha", "0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e", "head_sha", HEAD_SHA,
                        "old_path", REVIEW_PATH, "new_path", REVIEW_PATH, "position_type", "text", "old_line", null,
                        "new_line", REVIEW_LINE),
                "resolvable", true, "resolved", false, "resolved_by", null, "resolved_at", null);
    }

    Map<String, Object> discussion() {
        return obj("id", THREAD, "individual_note", false, "notes", arr(diffNote(REVIEW_COMMENT, WRITER, REVIEW_BODY)));
    }

    Map<String, Object> status(long id, String name, String status) {
        return obj("id", id, "sha", HEAD_SHA, "ref", HEAD, "status", status, "name", name,
                "target_url", web + "/" + OWNER + "/" + REPO + "/-/jobs/" + id, "description", null,
                "created_at", "2026-01-03T10:00:00.000Z", "started_at", "2026-01-03T10:00:01.000Z",
                "finished_at", "2026-01-03T10:05:00.000Z", "allow_failure", false, "coverage", null, "author", user("ci"));
    }

    Map<String, Object> member(String username, int accessLevel) {
        Map<String, Object> m = user(username);
        m.put("access_level", accessLevel);
        m.put("created_at", "2025-01-01T00:00:00.000Z");
        m.put("expires_at", null);
        return m;
    }
}
