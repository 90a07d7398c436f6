package dev.tamma.platforms.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static dev.tamma.platforms.contract.World.*;
import static dev.tamma.platforms.testing.Json.arr;
import static dev.tamma.platforms.testing.Json.obj;
import static dev.tamma.platforms.testing.Json.write;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.tamma.core.platform.GitPlatform;
import dev.tamma.core.platform.Permission;
import dev.tamma.core.platform.RepositoryId;
import dev.tamma.core.platform.Secret;
import dev.tamma.platforms.contract.RestPlatformContract;
import dev.tamma.platforms.http.Resilience;
import dev.tamma.platforms.http.ResilienceSettings;
import dev.tamma.platforms.testing.ClockScheduler;
import dev.tamma.platforms.testing.MutableClock;
import dev.tamma.platforms.testing.StubServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/** The contract against WireMock stubs of the Azure DevOps REST API 7.1, with a personal access token. */
class AzureDevOpsContractTest extends RestPlatformContract {

    static final String TOKEN = "azdopat0contracttest0token0abcdefghijklmnopqrs";
    static final String PROJECT = "/" + OWNER + "/" + AzureDevOpsJson.PROJECT;
    static final String REPO_PATH = PROJECT + "/_apis/git/repositories/" + REPO;
    static final String BASIC = "Basic " + Base64.getEncoder().encodeToString((":" + TOKEN).getBytes(StandardCharsets.UTF_8));

    private StubServer stubs;
    private AzureDevOpsJson json;
    private AzureDevOpsPlatform platform;

    @BeforeEach
    void start() {
        stubs = new StubServer();
        json = new AzureDevOpsJson(stubs.baseUrl());
        MutableClock clock = new MutableClock(RATE_LIMIT_RESET.minus(Duration.ofHours(1)));
        platform = new AzureDevOpsPlatform(URI.create(stubs.baseUrl()),
                new RepositoryId(OWNER + "/" + AzureDevOpsJson.PROJECT, REPO), Secret.of(TOKEN),
                new AzureDevOpsSettings("Done", Map.of(WRITER, Permission.WRITE)),
                new Resilience(ResilienceSettings.DEFAULTS, clock, new ClockScheduler(clock)), clock);
    }

    @Override
    protected String expectedFullName() {
        return OWNER + "/" + AzureDevOpsJson.PROJECT + "/" + REPO;
    }

    @Override
    protected void verifyRequests() {
        stubs.verifyStrictly();
    }

    @Override
    protected void tearDown() {
        stubs.close();
    }

    @Override
    protected GitPlatform platform() {
        return platform;
    }

    @Override
    protected String token() {
        return TOKEN;
    }

    private void stub(MappingBuilder request, ResponseDefinitionBuilder response) {
        stubs.wm().stubFor(request.withHeader("Authorization", equalTo(BASIC)).willReturn(response));
    }

    private static ResponseDefinitionBuilder json(int status, Object body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8; api-version=7.1")
                .withBody(write(body));
    }

    private static MappingBuilder v71(MappingBuilder request) {
        return request.withQueryParam("api-version", equalTo("7.1"));
    }

    private void workItem(long id, Object body) {
        stub(v71(get(urlPathEqualTo(PROJECT + "/_apis/wit/workitems/" + id))), json(200, body));
    }

    private void pr12() {
        stub(v71(get(urlPathEqualTo(REPO_PATH + "/pullrequests/" + PR))), json(200, json.pr12()));
    }

    private void threads() {
        stub(v71(get(urlPathEqualTo(REPO_PATH + "/pullrequests/" + PR + "/threads"))), json(200, json.threads()));
    }

    private String comments(long id) {
        return PROJECT + "/_apis/wit/workItems/" + id + "/comments";
    }

    private MappingBuilder fieldPatch(long id, String field, String value) {
        return v71(patch(urlPathEqualTo(PROJECT + "/_apis/wit/workitems/" + id)))
                .withHeader("Content-Type", containing("application/json-patch+json"))
                .withRequestBody(equalToJson(write(arr(obj("op", "add", "path", "/fields/" + field, "value", value)))));
    }

    private void wiql(String condition, long... ids) {
        Object[] refs = new Object[ids.length];
        for (int i = 0; i < ids.length; i++) {
            refs[i] = obj("id", ids[i], "url", stubs.baseUrl() + PROJECT + "/_apis/wit/workItems/" + ids[i]);
        }
        stub(v71(post(urlPathEqualTo(PROJECT + "/_apis/wit/wiql"))).withRequestBody(matchingJsonPath("$.query",
                        containing(condition))),
                json(200, obj("queryType", "flat", "queryResultType", "workItem", "asOf", "2026-01-05T10:00:00.000Z",
                        "columns", arr(obj("referenceName", "System.Id", "name", "ID")), "workItems", arr(refs))));
    }

    @Override
    protected void given(dev.tamma.platforms.contract.Scenario scenario) {
        switch (scenario) {
            case REPOSITORY -> stub(v71(get(urlPathEqualTo(REPO_PATH))), json(200, json.repository()));
            case ISSUE -> workItem(ISSUE, json.issue7());
            case MISSING_ISSUE -> stub(v71(get(urlPathEqualTo(PROJECT + "/_apis/wit/workitems/" + MISSING))),
                    json(404, json.error("TF401232: Work item 404 does not exist, or you do not have permissions to read it.",
                            "WorkItemUnauthorizedAccessException")));
            case ISSUES_BY_LABEL -> {
                wiql("[System.Tags] CONTAINS '" + TRIGGER_LABEL + "'", ISSUE, OTHER_ISSUE);
                stub(v71(get(urlPathEqualTo(PROJECT + "/_apis/wit/workitems"))).withQueryParam("ids", equalTo(ISSUE + "," + OTHER_ISSUE)),
                        json(200, obj("count", 2, "value", arr(json.issue7(), json.issue8()))));
            }
            case ISSUES_BY_ASSIGNEE -> {
                wiql("[System.AssignedTo] = '" + BOT + "'", ISSUE);
                stub(v71(get(urlPathEqualTo(PROJECT + "/_apis/wit/workitems"))).withQueryParam("ids", equalTo("" + ISSUE)),
                        json(200, obj("count", 1, "value", arr(json.issue7()))));
            }
            case COMMENT -> stub(post(urlPathEqualTo(comments(ISSUE))).withQueryParam("api-version", equalTo("7.1-preview.4"))
                            .withRequestBody(equalToJson(write(obj("text", "Tamma is on it.")))),
                    json(200, json.comment(1003, BOT, "Tamma is on it.", "2026-01-05T10:00:00.000Z", "2026-01-05T10:00:00.000Z")));
            case COMMENTS_SINCE, UPSERT_MARKED_COMMENT -> {
                String next = stubs.baseUrl() + comments(ISSUE) + "?continuationToken=1001&api-version=7.1-preview.4";
                stub(get(urlPathEqualTo(comments(ISSUE))).withQueryParam("continuationToken", absent()),
                        json(200, obj("totalCount", 2, "count", 1, "comments", arr(json.comment(PLAN_COMMENT, BOT,
                                "Plan v1\n\n<!-- tamma:plan -->", PLAN_COMMENT_AT.toString(), PLAN_COMMENT_AT.toString())),
                                "continuationToken", "1001", "nextPage", next)));
                stub(get(urlPathEqualTo(comments(ISSUE))).withQueryParam("continuationToken", equalTo("1001")),
                        json(200, obj("totalCount", 2, "count", 1, "comments", arr(json.comment(NEW_COMMENT, WRITER,
                                NEW_COMMENT_BODY, NEW_COMMENT_AT.toString(), NEW_COMMENT_AT.toString())))));
                if (scenario == dev.tamma.platforms.contract.Scenario.UPSERT_MARKED_COMMENT) {
                    String body = "Plan, second version\n\n<!-- tamma:plan -->";
                    stub(patch(urlPathEqualTo(comments(ISSUE) + "/" + PLAN_COMMENT)).withQueryParam("api-version", equalTo("7.1-preview.4"))
                                    .withRequestBody(equalToJson(write(obj("text", body)))),
                            json(200, json.comment(PLAN_COMMENT, BOT, body, PLAN_COMMENT_AT.toString(), "2026-01-05T10:00:00.000Z")));
                }
            }
            case ADD_LABEL -> {
                workItem(ISSUE, json.issue7());
                stub(fieldPatch(ISSUE, "System.Tags", BUG_LABEL + "; " + TRIGGER_LABEL + "; " + WORKING_LABEL), json(200, json.issue7()));
            }
            case REMOVE_LABEL -> {
                workItem(ISSUE, json.issue7());
                stub(fieldPatch(ISSUE, "System.Tags", BUG_LABEL), json(200, json.issue7()));
            }
            case REMOVE_ABSENT_LABEL -> workItem(ISSUE, json.issue7());
            case ASSIGN -> stub(fieldPatch(OTHER_ISSUE, "System.AssignedTo", BOT), json(200, json.issue8()));
            case CLOSE_ISSUE -> stub(fieldPatch(OTHER_ISSUE, "System.State", "Done"), json(200, json.issue8()));
            case AUTO_MERGE -> {
                pr12();
                var autoComplete = json.pr12();
                autoComplete.put("autoCompleteSetBy", json.identity(BOT));
                autoComplete.put("completionOptions", obj("mergeStrategy", "squash", "deleteSourceBranch", false));
                stub(v71(patch(urlPathEqualTo(REPO_PATH + "/pullrequests/" + PR))).withRequestBody(equalToJson(write(obj(
                                "autoCompleteSetBy", obj("id", json.identity(BOT).get("id")),
                                "completionOptions", obj("mergeStrategy", "squash", "deleteSourceBranch", false))))),
                        json(200, autoComplete));
            }
            case REACT, REACTIONS_SINCE, PERMISSION -> {
                // reactions are not claimed, permissions are configured: nothing may be sent
            }
            case WEBHOOK -> {
                stub(v71(get(urlPathEqualTo(REPO_PATH))), json(200, json.repository()));
                int id = 0;
                for (String eventType : List.of("git.pullrequest.created", "git.pullrequest.updated", "workitem.commented")) {
                    Map<String, Object> publisherInputs = eventType.startsWith("git.")
                            ? obj("projectId", AzureDevOpsJson.PROJECT_ID, "repository", AzureDevOpsJson.REPOSITORY_ID)
                            : obj("projectId", AzureDevOpsJson.PROJECT_ID);
                    stub(v71(post(urlPathEqualTo("/" + OWNER + "/_apis/hooks/subscriptions"))).withRequestBody(equalToJson(write(obj(
                                    "publisherId", "tfs", "eventType", eventType, "resourceVersion", "1.0",
                                    "consumerId", "webHooks", "consumerActionId", "httpRequest",
                                    "publisherInputs", publisherInputs,
                                    "consumerInputs", obj("url", "https://tamma.example/webhooks/azure-devops",
                                            "basicAuthUsername", "tamma", "basicAuthPassword", "hook-secret"))))),
                            json(200, json.subscription(++id, eventType, publisherInputs,
                                    "https://tamma.example/webhooks/azure-devops")));
                }
            }
            case CREATE_DRAFT_PULL_REQUEST -> stub(v71(post(urlPathEqualTo(REPO_PATH + "/pullrequests"))).withRequestBody(equalToJson(write(obj(
                            "sourceRefName", "refs/heads/" + NEW_HEAD, "targetRefName", "refs/heads/" + DEFAULT_BRANCH,
                            "title", NEW_PR_TITLE, "description", NEW_PR_BODY, "isDraft", true)))),
                    json(201, json.pullRequest(14, NEW_PR_TITLE, NEW_PR_BODY, NEW_HEAD, "active", true)));
            case CREATE_PULL_REQUEST_FROM_MISSING_BRANCH -> stub(v71(post(urlPathEqualTo(REPO_PATH + "/pullrequests")))
                            .withRequestBody(matchingJsonPath("$.sourceRefName", equalTo("refs/heads/no-such-branch"))),
                    json(400, json.error("TF401398: The pull request cannot be activated because the source and/or the "
                            + "target branch no longer exists, or the requested refs are not branches", "GitPullRequestStaleException")));
            case FIND_PULL_REQUEST -> {
                stub(v71(get(urlPathEqualTo(REPO_PATH + "/pullrequests"))).withQueryParam("searchCriteria.sourceRefName",
                                equalTo("refs/heads/" + HEAD)).withQueryParam("searchCriteria.status", equalTo("active")),
                        json(200, obj("value", arr(json.pr12()), "count", 1)));
                stub(v71(get(urlPathEqualTo(REPO_PATH + "/pullrequests"))).withQueryParam("searchCriteria.sourceRefName",
                                equalTo("refs/heads/no-such-branch")), json(200, obj("value", arr(), "count", 0)));
            }
            case PULL_REQUEST -> pr12();
            case UPDATE_PULL_REQUEST -> stub(v71(patch(urlPathEqualTo(REPO_PATH + "/pullrequests/" + PR)))
                            .withRequestBody(equalToJson(write(obj("description", "Plan v2\n\nCloses #7")))),
                    json(200, json.pullRequest(PR, PR_TITLE, "Plan v2\n\nCloses #7", HEAD, "active", false)));
            case MARK_DRAFT_READY -> {
                stub(v71(get(urlPathEqualTo(REPO_PATH + "/pullrequests/" + DRAFT_PR))),
                        json(200, json.pullRequest(DRAFT_PR, DRAFT_PR_TITLE, "", DRAFT_HEAD, "active", true)));
                stub(v71(patch(urlPathEqualTo(REPO_PATH + "/pullrequests/" + DRAFT_PR)))
                                .withRequestBody(equalToJson(write(obj("isDraft", false)))),
                        json(200, json.pullRequest(DRAFT_PR, DRAFT_PR_TITLE, "", DRAFT_HEAD, "active", false)));
            }
            case MARK_READY_PULL_REQUEST_READY -> pr12();
            case MERGE -> {
                pr12();
                stub(v71(patch(urlPathEqualTo(REPO_PATH + "/pullrequests/" + PR))).withRequestBody(equalToJson(write(obj(
                                "status", "completed", "lastMergeSourceCommit", obj("commitId", AzureDevOpsJson.HEAD_SHA),
                                "completionOptions", obj("mergeStrategy", "noFastForward", "deleteSourceBranch", false))))),
                        json(200, json.pullRequest(PR, PR_TITLE, "Closes #7", HEAD, "completed", false)));
            }
            case MERGE_CONFLICT -> {
                stub(v71(get(urlPathEqualTo(REPO_PATH + "/pullrequests/" + CONFLICTING_PR))),
                        json(200, json.pullRequest(CONFLICTING_PR, "Conflicting readme", "", CONFLICT_HEAD, "active", false)));
                var conflicted = json.pullRequest(CONFLICTING_PR, "Conflicting readme", "", CONFLICT_HEAD, "active", false);
                conflicted.put("mergeStatus", "conflicts");
                stub(v71(patch(urlPathEqualTo(REPO_PATH + "/pullrequests/" + CONFLICTING_PR)))
                        .withRequestBody(matchingJsonPath("$.status", equalTo("completed"))), json(200, conflicted));
            }
            case CLOSE_PULL_REQUEST -> stub(v71(patch(urlPathEqualTo(REPO_PATH + "/pullrequests/" + PR)))
                            .withRequestBody(equalToJson(write(obj("status", "abandoned")))),
                    json(200, json.pullRequest(PR, PR_TITLE, "Closes #7", HEAD, "abandoned", false)));
            case REVIEW_COMMENTS -> threads();
            case REPLY_TO_REVIEW_COMMENT -> {
                threads();
                stub(v71(post(urlPathEqualTo(REPO_PATH + "/pullrequests/" + PR + "/threads/2/comments")))
                                .withRequestBody(equalToJson(write(obj("content", "Fixed: no more truncation.",
                                        "parentCommentId", 1, "commentType", 1)))),
                        json(200, json.threadComment(2, 1, BOT, "Fixed: no more truncation.")));
            }
            case RESOLVE_THREAD -> {
                threads();
                stub(v71(patch(urlPathEqualTo(REPO_PATH + "/pullrequests/" + PR + "/threads/2")))
                        .withRequestBody(equalToJson(write(obj("status", "fixed")))), json(200, obj("id", 2, "status", "fixed")));
            }
            case CI_STATUS -> {
                pr12();
                stub(v71(get(urlPathEqualTo(REPO_PATH + "/commits/" + AzureDevOpsJson.HEAD_SHA + "/statuses"))), json(200, obj(
                        "count", 3, "value", arr(
                                obj("id", 3, "state", "failed", "description", "Tests failed",
                                        "context", obj("name", "test", "genre", "azure-pipelines"),
                                        "creationDate", "2026-01-03T10:05:00.000Z", "targetUrl", "https://dev.azure.com/acme/storefront/_build/results?buildId=3"),
                                obj("id", 2, "state", "succeeded", "description", "Build succeeded",
                                        "context", obj("name", "build", "genre", "azure-pipelines"),
                                        "creationDate", "2026-01-03T10:04:00.000Z", "targetUrl", "https://dev.azure.com/acme/storefront/_build/results?buildId=2"),
                                obj("id", 1, "state", "pending", "description", "Tests running",
                                        "context", obj("name", "test", "genre", "azure-pipelines"),
                                        "creationDate", "2026-01-03T10:01:00.000Z", "targetUrl", "https://dev.azure.com/acme/storefront/_build/results?buildId=3")))));
            }
            case FILE -> stub(v71(get(urlPathEqualTo(REPO_PATH + "/items"))).withQueryParam("path", equalTo("/" + CONFIG_PATH))
                            .withQueryParam("versionDescriptor.version", equalTo(DEFAULT_BRANCH))
                            .withQueryParam("versionDescriptor.versionType", equalTo("branch")),
                    json(200, obj("objectId", "3d21ec53a331a6f037a91c368710b99387d012c1", "gitObjectType", "blob",
                            "commitId", AzureDevOpsJson.HEAD_SHA, "path", "/" + CONFIG_PATH, "content", CONFIG,
                            "url", stubs.baseUrl() + REPO_PATH + "/items?path=/" + CONFIG_PATH)));
            case MISSING_FILE -> stub(v71(get(urlPathEqualTo(REPO_PATH + "/items"))).withQueryParam("path", equalTo("/no/such/file.txt")),
                    json(404, json.error("TF401174: The item '/no/such/file.txt' could not be found in the repository '"
                            + REPO + "' at the version specified by '<Branch: main >'", "GitItemNotFoundException")));
            case UNAUTHORIZED -> stub(v71(get(urlPathEqualTo(PROJECT + "/_apis/wit/workitems/" + ISSUE))),
                    aResponse().withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"https://dev.azure.com/\""));
            case RATE_LIMITED -> stub(v71(get(urlPathEqualTo(PROJECT + "/_apis/wit/workitems/" + ISSUE))),
                    json(429, json.error("TF400733: The request has been throttled.", "RequestBlockedException"))
                            .withHeader("Retry-After", "3600").withHeader("X-RateLimit-Resource", "Core")
                            .withHeader("X-RateLimit-Remaining", "0")
                            .withHeader("X-RateLimit-Reset", Long.toString(RATE_LIMIT_RESET.getEpochSecond())));
        }
    }
}
