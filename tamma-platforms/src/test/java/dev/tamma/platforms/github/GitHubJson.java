package dev.tamma.platforms.github;

import static dev.tamma.platforms.contract.World.*;
import static dev.tamma.platforms.testing.Json.arr;
import static dev.tamma.platforms.testing.Json.obj;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Bodies shaped like GitHub's REST API documentation (docs.github.com/rest), for the contract's world. */
final class GitHubJson {

    static final String HEAD_SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
    static final String BASE_SHA = "e5bd3914e2e596debea16f433f57875b5b90bcd6";
    static final String MERGE_SHA = "7fd1a60b01f91b314f59955a4e4d4e80d8edf11d";

    private final String api;

    GitHubJson(String api) {
        this.api = api;
    }

    Map<String, Object> user(String login, long id) {
        return obj("login", login, "id", id, "node_id", "U_" + id, "type", login.endsWith("-bot") ? "Bot" : "User",
                "url", api + "/users/" + login, "html_url", "https://github.com/" + login, "site_admin", false);
    }

    Map<String, Object> user(String login) {
        return user(login, Math.abs(login.hashCode()));
    }

    Map<String, Object> repository() {
        return obj("id", 1296269, "node_id", "MDEwOlJlcG9zaXRvcnkxMjk2MjY5", "name", REPO, "full_name", OWNER + "/" + REPO,
                "owner", obj("login", OWNER, "id", 1, "type", "Organization", "url", api + "/users/" + OWNER),
                "private", false, "html_url", "https://github.com/" + OWNER + "/" + REPO,
                "url", api + "/repos/" + OWNER + "/" + REPO,
                "clone_url", "https://github.com/" + OWNER + "/" + REPO + ".git",
                "git_url", "git://github.com/" + OWNER + "/" + REPO + ".git",
                "ssh_url", "git@github.com:" + OWNER + "/" + REPO + ".git",
                "default_branch", DEFAULT_BRANCH, "permissions", obj("admin", false, "push", true, "pull", true),
                "created_at", "2025-01-26T19:01:12Z", "updated_at", "2026-01-26T19:14:43Z");
    }

    Map<String, Object> label(String name) {
        return obj("id", Math.abs(name.hashCode()), "node_id", "LA_" + name, "url",
                api + "/repos/" + OWNER + "/" + REPO + "/labels/" + name, "name", name, "color", "f29513", "default", false);
    }

    Map<String, Object> issue(long number, String title, String body, String state, List<String> labels,
            List<String> assignees) {
        return obj("id", 1_000_000 + number, "node_id", "I_" + number, "number", number, "title", title, "body", body,
                "state", state, "locked", false,
                "url", api + "/repos/" + OWNER + "/" + REPO + "/issues/" + number,
                "html_url", "https://github.com/" + OWNER + "/" + REPO + "/issues/" + number,
                "user", user(WRITER), "labels", labels.stream().map(this::label).toList(),
                "assignee", assignees.isEmpty() ? null : user(assignees.getFirst()),
                "assignees", assignees.stream().map(this::user).toList(), "comments", 2,
                "created_at", "2026-01-01T09:00:00Z", "updated_at", "2026-01-02T10:00:00Z", "closed_at", null);
    }

    Map<String, Object> issue7() {
        return issue(ISSUE, ISSUE_TITLE, ISSUE_BODY, "open", List.of(BUG_LABEL, TRIGGER_LABEL), List.of(BOT));
    }

    Map<String, Object> issue8() {
        return issue(OTHER_ISSUE, OTHER_ISSUE_TITLE, "", "open", List.of(TRIGGER_LABEL), List.of());
    }

    /** Issue lists include pull requests, marked by a {@code pull_request} key. */
    Map<String, Object> pullRequestAsIssue() {
        Map<String, Object> issue = issue(PR, PR_TITLE, "Closes #7", "open", List.of(TRIGGER_LABEL), List.of());
        issue.put("pull_request", obj("url", api + "/repos/" + OWNER + "/" + REPO + "/pulls/" + PR));
        return issue;
    }

    Map<String, Object> comment(long id, String login, String body, String createdAt, String updatedAt) {
        return obj("id", id, "node_id", "IC_" + id, "url", api + "/repos/" + OWNER + "/" + REPO + "/issues/comments/" + id,
                "html_url", "https://github.com/" + OWNER + "/" + REPO + "/issues/" + ISSUE + "#issuecomment-" + id,
                "body", body, "user", user(login), "author_association", "MEMBER",
                "issue_url", api + "/repos/" + OWNER + "/" + REPO + "/issues/" + ISSUE,
                "created_at", createdAt, "updated_at", updatedAt);
    }

    Map<String, Object> planComment() {
        return comment(PLAN_COMMENT, BOT, "Plan v1\n\n<!-- tamma:plan -->", PLAN_COMMENT_AT.toString(),
                PLAN_COMMENT_AT.toString());
    }

    Map<String, Object> newComment() {
        return comment(NEW_COMMENT, WRITER, NEW_COMMENT_BODY, NEW_COMMENT_AT.toString(), NEW_COMMENT_AT.toString());
    }

    Map<String, Object> pullRequest(long number, String title, String body, String head, String state, boolean draft,
            boolean merged, boolean full) {
        Map<String, Object> pr = obj("id", 2_000_000 + number, "node_id", "PR_" + number, "number", number,
                "url", api + "/repos/" + OWNER + "/" + REPO + "/pulls/" + number,
                "html_url", "https://github.com/" + OWNER + "/" + REPO + "/pull/" + number,
                "issue_url", api + "/repos/" + OWNER + "/" + REPO + "/issues/" + number,
                "state", state, "locked", false, "title", title, "body", body, "user", user(BOT), "draft", draft,
                "labels", arr(), "created_at", "2026-01-03T09:00:00Z", "updated_at", "2026-01-03T09:00:00Z",
                "closed_at", merged ? "2026-01-04T09:00:00Z" : null,
                "merged_at", merged ? "2026-01-04T09:00:00Z" : null,
                "merge_commit_sha", merged ? MERGE_SHA : "e5bd3914e2e596debea16f433f57875b5b90bcd6",
                "head", obj("label", OWNER + ":" + head, "ref", head, "sha", HEAD_SHA, "user", user(OWNER, 1),
                        "repo", repository()),
                "base", obj("label", OWNER + ":" + DEFAULT_BRANCH, "ref", DEFAULT_BRANCH, "sha", BASE_SHA,
                        "user", user(OWNER, 1), "repo", repository()),
                "author_association", "MEMBER");
        if (full) {
            // the single-pull-request answer adds these; lists leave them out
            pr.putAll(obj("merged", merged, "mergeable", !merged, "rebaseable", true,
                    "mergeable_state", merged ? "unknown" : "clean", "merged_by", merged ? user(BOT) : null,
                    "comments", 0, "review_comments", 1, "maintainer_can_modify", true, "commits", 1,
                    "additions", 1, "deletions", 1, "changed_files", 1));
        }
        return pr;
    }

    Map<String, Object> pr12(boolean full) {
        return pullRequest(PR, PR_TITLE, "Closes #7", HEAD, "open", false, false, full);
    }

    Map<String, Object> reviewComment(long id, Long inReplyTo, String login, String body) {
        Map<String, Object> c = obj("id", id, "node_id", "PRRC_" + id, "pull_request_review_id", 42,
                "url", api + "/repos/" + OWNER + "/" + REPO + "/pulls/comments/" + id,
                "diff_hunk", "@@ -1 +1 @@\n-class Login {}\n+class Login { /* bcrypt */ }", "path", REVIEW_PATH,
                "position", 1, "original_position", 1, "commit_id", HEAD_SHA, "original_commit_id", HEAD_SHA,
                "user", user(login), "body", body, "created_at", "2026-01-03T10:00:00Z",
                "updated_at", "2026-01-03T10:00:00Z",
                "html_url", "https://github.com/" + OWNER + "/" + REPO + "/pull/" + PR + "#discussion_r" + id,
                "pull_request_url", api + "/repos/" + OWNER + "/" + REPO + "/pulls/" + PR,
                "author_association", "MEMBER", "start_line", null, "original_start_line", null,
                "line", REVIEW_LINE, "original_line", REVIEW_LINE, "side", "RIGHT");
        if (inReplyTo != null) {
            c.put("in_reply_to_id", inReplyTo);
        }
        return c;
    }

    Map<String, Object> checkRun(long id, String name, String status, String conclusion) {
        return obj("id", id, "node_id", "CR_" + id, "head_sha", HEAD_SHA, "external_id", "", "name", name,
                "url", api + "/repos/" + OWNER + "/" + REPO + "/check-runs/" + id,
                "html_url", "https://github.com/" + OWNER + "/" + REPO + "/runs/" + id,
                "details_url", "https://ci.example.com/runs/" + id, "status", status, "conclusion", conclusion,
                "started_at", "2026-01-03T10:00:00Z", "completed_at", "2026-01-03T10:05:00Z",
                "output", obj("title", name, "summary", conclusion == null ? "" : conclusion, "text", "",
                        "annotations_count", 0),
                "pull_requests", arr());
    }

    /** A completed check run as {@code GET /repos/{owner}/{repo}/check-runs/{id}} gives it, from the app {@code appSlug}. */
    Map<String, Object> checkRun(long id, String name, String appSlug, String title, String summary, String text) {
        Map<String, Object> run = checkRun(id, name, "completed", "failure");
        run.put("output", obj("title", title, "summary", summary, "text", text, "annotations_count", 0));
        run.put("app", obj("id", 15368, "slug", appSlug, "name", appSlug, "owner", user("github")));
        return run;
    }

    /** A failed GitHub Actions job; its check run has the same id. */
    Map<String, Object> job(long id, String name) {
        return obj("id", id, "run_id", 29679449, "run_url", api + "/repos/" + OWNER + "/" + REPO + "/actions/runs/29679449",
                "node_id", "MDEyOldvcmtmbG93IEpvYj" + id, "head_sha", HEAD_SHA,
                "url", api + "/repos/" + OWNER + "/" + REPO + "/actions/jobs/" + id,
                "html_url", "https://github.com/" + OWNER + "/" + REPO + "/actions/runs/29679449/job/" + id,
                "status", "completed", "conclusion", "failure", "started_at", "2026-01-03T10:00:00Z",
                "completed_at", "2026-01-03T10:05:00Z", "name", name, "steps", arr(),
                "check_run_url", api + "/repos/" + OWNER + "/" + REPO + "/check-runs/" + id, "labels", arr("ubuntu-latest"),
                "runner_id", 1, "runner_name", "GitHub Actions 1", "runner_group_id", 2, "runner_group_name", "GitHub Actions",
                "workflow_name", "CI", "head_branch", HEAD);
    }

    Map<String, Object> status(long id, String context, String state, String createdAt) {
        return obj("id", id, "node_id", "SC_" + id, "url", api + "/repos/" + OWNER + "/" + REPO + "/statuses/" + HEAD_SHA,
                "state", state, "description", context + " is " + state,
                "target_url", "https://ci.example.com/" + context + "/" + id, "context", context,
                "created_at", createdAt, "updated_at", createdAt, "creator", user("ci-bot"));
    }

    Map<String, Object> error(String message, String docs, Object... errors) {
        Map<String, Object> body = obj("message", message, "documentation_url", docs);
        if (errors.length > 0) {
            body.put("errors", Arrays.asList(errors));
        }
        return body;
    }
}
