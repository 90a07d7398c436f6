package dev.tamma.platforms.azure;

import static dev.tamma.platforms.contract.World.*;
import static dev.tamma.platforms.testing.Json.arr;
import static dev.tamma.platforms.testing.Json.obj;

import java.util.Map;

/** Bodies shaped like the Azure DevOps REST API 7.1 reference (learn.microsoft.com/rest/api/azure/devops). */
final class AzureDevOpsJson {

    static final String PROJECT = "storefront";
    static final String HEAD_SHA = "a1f3c5e7b9d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0";
    static final String MERGE_SHA = "f0e1d2c3b4a5968778695a4b3c2d1e0f9a8b7c6d";
    static final String PROJECT_ID = "6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c";
    static final String REPOSITORY_ID = "5febef5a-833d-4e14-b9c0-14cb638f91e6";

    private final String base;

    AzureDevOpsJson(String base) {
        this.base = base;
    }

    Map<String, Object> identity(String uniqueName) {
        return obj("displayName", uniqueName, "url", base + "/_apis/Identities/" + uniqueName,
                "id", "00000000-0000-0000-0000-" + String.format("%012d", Math.abs(uniqueName.hashCode())),
                "uniqueName", uniqueName, "imageUrl", base + "/_api/_common/identityImage?id=" + uniqueName,
                "descriptor", "aad." + uniqueName);
    }

    Map<String, Object> repository() {
        return obj("id", REPOSITORY_ID, "name", REPO,
                "url", base + "/" + OWNER + "/" + PROJECT + "/_apis/git/repositories/" + REPO,
                "project", obj("id", PROJECT_ID, "name", PROJECT, "state", "wellFormed"),
                "defaultBranch", "refs/heads/" + DEFAULT_BRANCH, "size", 731,
                "remoteUrl", "https://" + OWNER + "@dev.azure.com/" + OWNER + "/" + PROJECT + "/_git/" + REPO,
                "sshUrl", "git@ssh.dev.azure.com:v3/" + OWNER + "/" + PROJECT + "/" + REPO,
                "webUrl", "https://dev.azure.com/" + OWNER + "/" + PROJECT + "/_git/" + REPO, "isDisabled", false);
    }

    Map<String, Object> workItem(long id, String title, String description, String state, String tags, String assignee) {
        Map<String, Object> fields = obj("System.AreaPath", PROJECT, "System.TeamProject", PROJECT,
                "System.IterationPath", PROJECT, "System.WorkItemType", "Issue", "System.State", state,
                "System.Reason", "Added to backlog", "System.CreatedDate", "2026-01-01T09:00:00.000Z",
                "System.CreatedBy", identity(WRITER), "System.ChangedDate", "2026-01-02T10:00:00.000Z",
                "System.ChangedBy", identity(WRITER), "System.CommentCount", 2, "System.Title", title,
                "System.Description", description);
        if (tags != null) {
            fields.put("System.Tags", tags);
        }
        if (assignee != null) {
            fields.put("System.AssignedTo", identity(assignee));
        }
        return obj("id", id, "rev", 3, "fields", fields,
                "_links", obj("html", obj("href", base + "/" + OWNER + "/" + PROJECT + "/_workitems/edit/" + id)),
                "url", base + "/" + OWNER + "/" + PROJECT + "/_apis/wit/workItems/" + id);
    }

    Map<String, Object> issue7() {
        return workItem(ISSUE, ISSUE_TITLE, ISSUE_BODY, "To Do", BUG_LABEL + "; " + TRIGGER_LABEL, BOT);
    }

    Map<String, Object> issue8() {
        return workItem(OTHER_ISSUE, OTHER_ISSUE_TITLE, "", "To Do", TRIGGER_LABEL, null);
    }

    Map<String, Object> comment(long id, String author, String text, String created, String modified) {
        return obj("workItemId", ISSUE, "id", id, "version", 1, "text", text, "createdBy", identity(author),
                "createdDate", created, "modifiedBy", identity(author), "modifiedDate", modified,
                "url", base + "/" + OWNER + "/" + PROJECT + "/_apis/wit/workItems/" + ISSUE + "/comments/" + id);
    }

    Map<String, Object> pullRequest(long id, String title, String description, String source, String status,
            boolean draft) {
        Map<String, Object> pr = obj("repository", obj("id", REPOSITORY_ID, "name", REPO),
                "pullRequestId", id, "codeReviewId", id, "status", status, "createdBy", identity(BOT),
                "creationDate", "2026-01-03T09:00:00.000Z", "title", title, "description", description,
                "sourceRefName", "refs/heads/" + source, "targetRefName", "refs/heads/" + DEFAULT_BRANCH,
                "mergeStatus", "succeeded", "isDraft", draft, "mergeId", "f5fc8381-3fb2-49fe-8a0d-27dcc2d6ef82",
                "lastMergeSourceCommit", obj("commitId", HEAD_SHA),
                "lastMergeTargetCommit", obj("commitId", "0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e"),
                "reviewers", arr(), "supportsIterations", true,
                "url", base + "/" + OWNER + "/" + PROJECT + "/_apis/git/repositories/" + REPO + "/pullRequests/" + id);
        if ("completed".equals(status)) {
            pr.put("lastMergeCommit", obj("commitId", MERGE_SHA));
            pr.put("closedDate", "2026-01-04T09:00:00.000Z");
        }
        return pr;
    }

    Map<String, Object> pr12() {
        return pullRequest(PR, PR_TITLE, "Closes #7", HEAD, "active", false);
    }

    Map<String, Object> threadComment(long id, long parent, String author, String content) {
        return obj("id", id, "parentCommentId", parent, "author", identity(author), "content", content,
                "publishedDate", "2026-01-03T10:00:00.000Z", "lastUpdatedDate", "2026-01-03T10:00:00.000Z",
                "lastContentUpdatedDate", "2026-01-03T10:00:00.000Z", "commentType", "text", "usersLiked", arr());
    }

    Map<String, Object> threads() {
        return obj("value", arr(
                obj("id", 1, "publishedDate", "2026-01-03T09:00:00.000Z", "status", "unknown", "isDeleted", false,
                        "comments", arr(obj("id", 1, "parentCommentId", 0, "author", identity(BOT),
                                "content", "tamma-bot updated the pull request status to Active",
                                "publishedDate", "2026-01-03T09:00:00.000Z", "commentType", "system")),
                        "properties", obj()),
                obj("id", 2, "publishedDate", "2026-01-03T10:00:00.000Z", "status", "active", "isDeleted", false,
                        "threadContext", obj("filePath", "/" + REVIEW_PATH,
                                "rightFileStart", obj("line", REVIEW_LINE, "offset", 1),
                                "rightFileEnd", obj("line", REVIEW_LINE, "offset", 30)),
                        "comments", arr(threadComment(1, 0, WRITER, REVIEW_BODY)))), "count", 2);
    }

    /** A created service hook subscription; the service echoes the inputs, with the password masked. */
    Map<String, Object> subscription(int n, String eventType, Map<String, Object> publisherInputs, String url) {
        String id = String.format("74aeeed0-bf5d-48dc-893f-%012d", n);
        Map<String, Object> inputs = new java.util.LinkedHashMap<>(publisherInputs);
        inputs.put("tfsSubscriptionId", String.format("29cde8b4-f37e-4ef9-a6d4-%012d", n));
        return obj("id", id, "url", base + "/" + OWNER + "/_apis/hooks/subscriptions/" + id, "status", "enabled",
                "publisherId", "tfs", "eventType", eventType, "resourceVersion", "1.0", "consumerId", "webHooks",
                "consumerActionId", "httpRequest", "createdBy", identity(BOT), "createdDate", "2026-01-05T10:00:00.000Z",
                "publisherInputs", inputs,
                "consumerInputs", obj("url", url, "basicAuthUsername", "tamma", "basicAuthPassword", "********"));
    }

    Map<String, Object> error(String message, String typeKey) {
        return obj("$id", "1", "innerException", null, "message", message,
                "typeName", "Microsoft.TeamFoundation.Git.Server." + typeKey + ", Microsoft.TeamFoundation.Git.Server",
                "typeKey", typeKey, "errorCode", 0, "eventId", 3000);
    }
}
