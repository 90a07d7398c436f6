package dev.tamma.platforms.github;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static dev.tamma.platforms.contract.World.*;
import static dev.tamma.platforms.testing.Json.arr;
import static dev.tamma.platforms.testing.Json.obj;
import static dev.tamma.platforms.testing.Json.write;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.tamma.core.platform.GitPlatform;
import dev.tamma.core.platform.RepositoryId;
import dev.tamma.core.platform.Secret;
import dev.tamma.platforms.contract.RestPlatformContract;
import dev.tamma.platforms.testing.StubServer;
import java.net.URI;
import java.time.Duration;
import dev.tamma.platforms.http.Resilience;
import dev.tamma.platforms.http.ResilienceSettings;
import dev.tamma.platforms.testing.ClockScheduler;
import dev.tamma.platforms.testing.MutableClock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/** The contract against WireMock stubs of GitHub's REST API, authenticated with a personal token. */
class GitHubContractTest extends RestPlatformContract {

    static final String TOKEN = "ghp_contractTestToken0123456789abcdef";
    static final String REPO_PATH = "/repos/" + OWNER + "/" + REPO;
    static final String DOCS = "https://docs.github.com/rest";

    private StubServer stubs;
    private GitHubJson json;
    private GitHubPlatform platform;

    @BeforeEach
    void start() {
        stubs = new StubServer();
        json = new GitHubJson(stubs.baseUrl());
        // an hour before the announced reset: too long to wait, so the limit reaches the workflow
        MutableClock clock = new MutableClock(RATE_LIMIT_RESET.minus(Duration.ofHours(1)));
        platform = GitHubPlatform.connect(URI.create(stubs.baseUrl()), new RepositoryId(OWNER, REPO),
                new GitHubAuth.PersonalToken(Secret.of(TOKEN)), clock,
                new Resilience(ResilienceSettings.DEFAULTS, clock, new ClockScheduler(clock)));
    }

    @Override
    protected void tearDown() {
        stubs.close();
    }

    @Override
    protected void verifyRequests() {
        stubs.verifyStrictly();
    }

    @Override
    protected GitPlatform platform() {
        return platform;
    }

    @Override
    protected String token() {
        return TOKEN;
    }

    /** Every call carries the token the way GitHub documents it. */
    private void stub(MappingBuilder request, ResponseDefinitionBuilder response) {
        stubs.wm().stubFor(request.withHeader("Authorization", equalTo("token " + TOKEN)).willReturn(response));
    }

    private static ResponseDefinitionBuilder json(int status, Object body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("X-RateLimit-Limit", "5000").withHeader("X-RateLimit-Remaining", "4999")
                .withHeader("X-RateLimit-Reset", "1790000000").withHeader("X-RateLimit-Resource", "core")
                .withBody(write(body));
    }

    private void repo() {
        stub(get(urlPathEqualTo(REPO_PATH)), json(200, json.repository()));
    }

    private void issue(long number, Object body) {
        stub(get(urlPathEqualTo(REPO_PATH + "/issues/" + number)), json(200, body));
    }

    /** kohsuke reads a review comment's author through {@code GET /users/{login}} (once per login). */
    private void user(String login) {
        stub(get(urlPathEqualTo("/users/" + login)), json(200, json.user(login)));
    }

    private void pr12() {
        stub(get(urlPathEqualTo(REPO_PATH + "/pulls/" + PR)), json(200, json.pr12(true)));
    }

    private void notFound(MappingBuilder request, String docs) {
        stub(request, json(404, json.error("Not Found", docs)));
    }

    @Override
    protected void given(dev.tamma.platforms.contract.Scenario scenario) {
        switch (scenario) {
            case REPOSITORY -> repo();
            case ISSUE -> {
                repo();
                issue(ISSUE, json.issue7());
            }
            case MISSING_ISSUE -> {
                repo();
                notFound(get(urlPathEqualTo(REPO_PATH + "/issues/" + MISSING)), DOCS + "/issues/issues#get-an-issue");
            }
            case ISSUES_BY_LABEL -> {
                repo();
                String next = stubs.baseUrl() + "/repositories/1296269/issues?labels=" + TRIGGER_LABEL
                        + "&state=open&per_page=100&page=2";
                stub(get(urlPathEqualTo(REPO_PATH + "/issues")).withQueryParam("labels", equalTo(TRIGGER_LABEL))
                                .withQueryParam("state", equalTo("open")).withQueryParam("page", absent()),
                        json(200, arr(json.issue7(), json.pullRequestAsIssue()))
                                .withHeader("Link", "<" + next + ">; rel=\"next\", <" + next + ">; rel=\"last\""));
                stub(get(urlPathEqualTo("/repositories/1296269/issues")).withQueryParam("labels", equalTo(TRIGGER_LABEL))
                        .withQueryParam("page", equalTo("2")), json(200, arr(json.issue8())));
            }
            case ISSUES_BY_ASSIGNEE -> {
                repo();
                stub(get(urlPathEqualTo(REPO_PATH + "/issues")).withQueryParam("assignee", equalTo(BOT))
                        .withQueryParam("state", equalTo("open")), json(200, arr(json.issue7())));
            }
            case COMMENT -> {
                repo();
                issue(ISSUE, json.issue7());
                stub(post(urlPathEqualTo(REPO_PATH + "/issues/" + ISSUE + "/comments"))
                                .withRequestBody(equalToJson(write(obj("body", "Tamma is on it.")))),
                        json(201, json.comment(1003, BOT, "Tamma is on it.", "2026-01-05T10:00:00Z", "2026-01-05T10:00:00Z")));
            }
            case COMMENTS_SINCE -> {
                repo();
                issue(ISSUE, json.issue7());
                stub(get(urlPathEqualTo(REPO_PATH + "/issues/" + ISSUE + "/comments"))
                        .withQueryParam("since", equalTo("2026-01-02T00:00:00Z")), json(200, arr(json.newComment())));
            }
            case UPSERT_MARKED_COMMENT -> {
                repo();
                issue(ISSUE, json.issue7());
                stub(get(urlPathEqualTo(REPO_PATH + "/issues/" + ISSUE + "/comments")),
                        json(200, arr(json.planComment(), json.newComment())));
                String body = "Plan, second version\n\n<!-- tamma:plan -->";
                stub(patch(urlPathEqualTo(REPO_PATH + "/issues/comments/" + PLAN_COMMENT))
                                .withRequestBody(equalToJson(write(obj("body", body)))),
                        json(200, json.comment(PLAN_COMMENT, BOT, body, PLAN_COMMENT_AT.toString(), "2026-01-05T10:00:00Z")));
            }
            case ADD_LABEL -> {
                repo();
                issue(ISSUE, json.issue7());
                stub(post(urlPathEqualTo(REPO_PATH + "/issues/" + ISSUE + "/labels"))
                                .withRequestBody(equalToJson(write(obj("labels", arr(WORKING_LABEL))))),
                        json(200, arr(json.label(BUG_LABEL), json.label(TRIGGER_LABEL), json.label(WORKING_LABEL))));
            }
            case REMOVE_LABEL -> {
                repo();
                issue(ISSUE, json.issue7());
                stub(delete(urlPathEqualTo(REPO_PATH + "/issues/" + ISSUE + "/labels/" + TRIGGER_LABEL)),
                        json(200, arr(json.label(BUG_LABEL))));
            }
            case REMOVE_ABSENT_LABEL -> {
                repo();
                issue(ISSUE, json.issue7());
                stub(delete(urlPathEqualTo(REPO_PATH + "/issues/" + ISSUE + "/labels/not-there")),
                        json(404, json.error("Label does not exist", DOCS + "/issues/labels#remove-a-label-from-an-issue")));
            }
            case ASSIGN -> {
                repo();
                issue(OTHER_ISSUE, json.issue8());
                stub(get(urlPathEqualTo("/users/" + BOT)), json(200, json.user(BOT)));
                stub(post(urlPathEqualTo(REPO_PATH + "/issues/" + OTHER_ISSUE + "/assignees"))
                                .withRequestBody(equalToJson(write(obj("assignees", arr(BOT))))),
                        json(201, json.issue(OTHER_ISSUE, OTHER_ISSUE_TITLE, "", "open", List.of(TRIGGER_LABEL), List.of(BOT))));
            }
            case CLOSE_ISSUE -> {
                repo();
                issue(OTHER_ISSUE, json.issue8());
                stub(patch(urlPathEqualTo(REPO_PATH + "/issues/" + OTHER_ISSUE))
                                .withRequestBody(matchingJsonPath("$.state", equalTo("closed"))),
                        json(200, json.issue(OTHER_ISSUE, OTHER_ISSUE_TITLE, "", "closed", List.of(TRIGGER_LABEL), List.of())));
            }
            case REACT -> {
                repo();
                issue(ISSUE, json.issue7());
                stub(get(urlPathEqualTo(REPO_PATH + "/issues/" + ISSUE + "/comments")),
                        json(200, arr(json.planComment(), json.newComment())));
                stub(post(urlPathEqualTo(REPO_PATH + "/issues/comments/" + NEW_COMMENT + "/reactions"))
                                .withRequestBody(equalToJson(write(obj("content", "eyes")))),
                        json(201, obj("id", 1, "node_id", "REA_1", "user", json.user(BOT), "content", "eyes",
                                "created_at", "2026-01-05T10:00:00Z")));
            }
            case REACTIONS_SINCE -> {
                repo();
                issue(ISSUE, json.issue7());
                stub(get(urlPathEqualTo(REPO_PATH + "/issues/" + ISSUE + "/comments")),
                        json(200, arr(json.planComment(), json.newComment())));
                // the same list twice: once per call of the contract
                stub(get(urlPathEqualTo(REPO_PATH + "/issues/comments/" + NEW_COMMENT + "/reactions")), json(200, arr(
                        obj("id", 1, "node_id", "REA_1", "user", json.user(STRANGER), "content", "laugh",
                                "created_at", LAUGH_AT.toString()),
                        obj("id", 2, "node_id", "REA_2", "user", json.user(WRITER), "content", "+1",
                                "created_at", THUMBS_UP_AT.toString()))));
            }
            case CREATE_DRAFT_PULL_REQUEST -> {
                repo();
                stub(post(urlPathEqualTo(REPO_PATH + "/pulls")).withRequestBody(equalToJson(write(obj(
                                "title", NEW_PR_TITLE, "head", NEW_HEAD, "base", DEFAULT_BRANCH, "body", NEW_PR_BODY,
                                "maintainer_can_modify", true, "draft", true)))),
                        json(201, json.pullRequest(14, NEW_PR_TITLE, NEW_PR_BODY, NEW_HEAD, "open", true, false, true)));
            }
            case CREATE_PULL_REQUEST_FROM_MISSING_BRANCH -> {
                repo();
                stub(post(urlPathEqualTo(REPO_PATH + "/pulls")).withRequestBody(matchingJsonPath("$.head", equalTo("no-such-branch"))),
                        json(422, json.error("Validation Failed", DOCS + "/pulls/pulls#create-a-pull-request",
                                obj("resource", "PullRequest", "field", "head", "code", "invalid"))));
            }
            case FIND_PULL_REQUEST -> {
                repo();
                stub(get(urlPathEqualTo(REPO_PATH + "/pulls")).withQueryParam("state", equalTo("open"))
                        .withQueryParam("head", equalTo(OWNER + ":" + HEAD)), json(200, arr(json.pr12(false))));
                pr12();
                stub(get(urlPathEqualTo(REPO_PATH + "/pulls")).withQueryParam("state", equalTo("open"))
                        .withQueryParam("head", equalTo(OWNER + ":no-such-branch")), json(200, arr()));
            }
            case PULL_REQUEST -> {
                repo();
                pr12();
            }
            case UPDATE_PULL_REQUEST -> {
                repo();
                pr12();
                stub(patch(urlPathEqualTo(REPO_PATH + "/pulls/" + PR))
                                .withRequestBody(equalToJson(write(obj("body", "Plan v2\n\nCloses #7")))),
                        json(200, json.pullRequest(PR, PR_TITLE, "Plan v2\n\nCloses #7", HEAD, "open", false, false, true)));
            }
            case MARK_DRAFT_READY -> {
                repo();
                stub(get(urlPathEqualTo(REPO_PATH + "/pulls/" + DRAFT_PR)), json(200,
                        json.pullRequest(DRAFT_PR, DRAFT_PR_TITLE, "", DRAFT_HEAD, "open", true, false, true)));
                // REST cannot leave draft; GraphQL's markPullRequestReadyForReview takes the pull request's node id
                stub(post(urlPathEqualTo("/graphql"))
                                .withRequestBody(matchingJsonPath("$.query",
                                        containing("markPullRequestReadyForReview(input: {pullRequestId: $pr})")))
                                .withRequestBody(matchingJsonPath("$.variables", equalToJson(write(obj("pr", "PR_" + DRAFT_PR))))),
                        json(200, obj("data", obj("markPullRequestReadyForReview", obj("pullRequest",
                                obj("number", DRAFT_PR, "isDraft", false))))));
            }
            case MARK_READY_PULL_REQUEST_READY -> {
                repo();
                pr12();
            }
            case MERGE -> {
                repo();
                stubs.wm().stubFor(get(urlPathEqualTo(REPO_PATH + "/pulls/" + PR)).inScenario("merge")
                        .whenScenarioStateIs(Scenario.STARTED).willReturn(json(200, json.pr12(true))));
                stubs.wm().stubFor(put(urlPathEqualTo(REPO_PATH + "/pulls/" + PR + "/merge"))
                        .withHeader("Authorization", equalTo("token " + TOKEN))
                        .withRequestBody(equalToJson(write(obj("sha", GitHubJson.HEAD_SHA, "merge_method", "merge"))))
                        .inScenario("merge").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("merged")
                        .willReturn(json(200, obj("sha", GitHubJson.MERGE_SHA, "merged", true,
                                "message", "Pull Request successfully merged"))));
                stubs.wm().stubFor(get(urlPathEqualTo(REPO_PATH + "/pulls/" + PR)).inScenario("merge")
                        .whenScenarioStateIs("merged").willReturn(json(200,
                                json.pullRequest(PR, PR_TITLE, "Closes #7", HEAD, "closed", false, true, true))));
            }
            case MERGE_CONFLICT -> {
                repo();
                stub(get(urlPathEqualTo(REPO_PATH + "/pulls/" + CONFLICTING_PR)), json(200,
                        json.pullRequest(CONFLICTING_PR, "Conflicting readme", "", CONFLICT_HEAD, "open", false, false, true)));
                stub(put(urlPathEqualTo(REPO_PATH + "/pulls/" + CONFLICTING_PR + "/merge"))
                                .withRequestBody(matchingJsonPath("$.merge_method", equalTo("merge"))),
                        json(409, json.error("Head branch was modified. Review and try the merge again.",
                                DOCS + "/pulls/pulls#merge-a-pull-request")));
            }
            case AUTO_MERGE -> {
                repo();
                pr12();
                stub(post(urlPathEqualTo("/graphql")).withRequestBody(matchingJsonPath("$.query", containing("enablePullRequestAutoMerge")))
                                .withRequestBody(matchingJsonPath("$.variables.pr", equalTo("PR_" + PR)))
                                .withRequestBody(matchingJsonPath("$.variables.method", equalTo("SQUASH"))),
                        json(200, obj("data", obj("enablePullRequestAutoMerge", obj("pullRequest", obj("number", PR,
                                "autoMergeRequest", obj("enabledAt", "2026-01-05T10:00:00Z", "mergeMethod", "SQUASH")))))));
            }
            case CLOSE_PULL_REQUEST -> {
                repo();
                pr12();
                stub(patch(urlPathEqualTo(REPO_PATH + "/pulls/" + PR)).withRequestBody(matchingJsonPath("$.state", equalTo("closed"))),
                        json(200, json.pullRequest(PR, PR_TITLE, "Closes #7", HEAD, "closed", false, false, true)));
            }
            case REVIEW_COMMENTS, RESOLVE_THREAD -> {
                repo();
                pr12();
                user(WRITER);
                stub(get(urlPathEqualTo(REPO_PATH + "/pulls/" + PR + "/comments")),
                        json(200, arr(json.reviewComment(REVIEW_COMMENT, null, WRITER, REVIEW_BODY))));
                // resolution exists only in GraphQL (docs.github.com/graphql: PullRequestReviewThread)
                stub(post(urlPathEqualTo("/graphql")).withRequestBody(matchingJsonPath("$.query", containing("reviewThreads")))
                                .withRequestBody(matchingJsonPath("$.variables.owner", equalTo(OWNER)))
                                .withRequestBody(matchingJsonPath("$.variables.name", equalTo(REPO)))
                                .withRequestBody(matchingJsonPath("$.variables.number", equalTo("" + PR))),
                        json(200, obj("data", obj("repository", obj("pullRequest", obj("reviewThreads", obj(
                                "nodes", arr(obj("id", "PRRT_kwDOAbc123", "isResolved", false,
                                        "comments", obj("nodes", arr(obj("databaseId", REVIEW_COMMENT))))),
                                "pageInfo", obj("hasNextPage", false, "endCursor", "Y3Vyc29yOnYyOpHOAAAB"))))))));
                if (scenario == dev.tamma.platforms.contract.Scenario.RESOLVE_THREAD) {
                    stub(post(urlPathEqualTo("/graphql")).withRequestBody(matchingJsonPath("$.query", containing("resolveReviewThread")))
                                    .withRequestBody(matchingJsonPath("$.variables.thread", equalTo("PRRT_kwDOAbc123"))),
                            json(200, obj("data", obj("resolveReviewThread", obj("thread",
                                    obj("id", "PRRT_kwDOAbc123", "isResolved", true))))));
                }
            }
            case REPLY_TO_REVIEW_COMMENT -> {
                repo();
                pr12();
                stub(get(urlPathEqualTo(REPO_PATH + "/pulls/" + PR + "/comments")),
                        json(200, arr(json.reviewComment(REVIEW_COMMENT, null, WRITER, REVIEW_BODY))));
                user(BOT);
                stub(post(urlPathEqualTo(REPO_PATH + "/pulls/" + PR + "/comments/" + REVIEW_COMMENT + "/replies"))
                                .withRequestBody(equalToJson(write(obj("body", "Fixed: no more truncation.")))),
                        json(201, json.reviewComment(2002, REVIEW_COMMENT, BOT, "Fixed: no more truncation.")));
            }
            case CI_STATUS -> {
                repo();
                pr12();
                stub(get(urlPathEqualTo(REPO_PATH + "/commits/" + GitHubJson.HEAD_SHA + "/check-runs")),
                        json(200, obj("total_count", 2, "check_runs", arr(
                                json.checkRun(4, "build", "completed", "success"),
                                json.checkRun(5, "test", "completed", "failure")))));
                stub(get(urlPathEqualTo(REPO_PATH + "/check-runs/5")), json(200, json.checkRun(5, "test", "completed", "failure")));
                stub(get(urlPathEqualTo(REPO_PATH + "/statuses/" + GitHubJson.HEAD_SHA)), json(200, arr(
                        json.status(11, "deploy/preview", "success", "2026-01-03T10:06:00Z"),
                        json.status(10, "deploy/preview", "pending", "2026-01-03T10:01:00Z"))));
            }
            case PERMISSION -> {
                repo();
                stub(get(urlPathEqualTo(REPO_PATH + "/collaborators/" + WRITER + "/permission")),
                        json(200, obj("permission", "write", "role_name", "write", "user", json.user(WRITER))));
                stub(get(urlPathEqualTo(REPO_PATH + "/collaborators/" + STRANGER + "/permission")),
                        json(200, obj("permission", "read", "role_name", "read", "user", json.user(STRANGER))));
            }
            case FILE -> {
                repo();
                stub(get(urlPathEqualTo(REPO_PATH + "/contents/" + CONFIG_PATH)).withQueryParam("ref", equalTo(DEFAULT_BRANCH)),
                        json(200, obj("type", "file", "encoding", "base64", "size", CONFIG.length(), "name", CONFIG_PATH,
                                "path", CONFIG_PATH, "content", "bW9kZTogZGV2Cg==\n",
                                "sha", "3d21ec53a331a6f037a91c368710b99387d012c1",
                                "url", stubs.baseUrl() + REPO_PATH + "/contents/" + CONFIG_PATH + "?ref=main",
                                "git_url", stubs.baseUrl() + REPO_PATH + "/git/blobs/3d21ec53a331a6f037a91c368710b99387d012c1",
                                "html_url", "https://github.com/acme/shop/blob/main/" + CONFIG_PATH,
                                "download_url", "https://raw.githubusercontent.com/acme/shop/main/" + CONFIG_PATH)));
            }
            case MISSING_FILE -> {
                repo();
                notFound(get(urlPathEqualTo(REPO_PATH + "/contents/no/such/file.txt")).withQueryParam("ref", equalTo(DEFAULT_BRANCH)),
                        DOCS + "/repos/contents#get-repository-content");
            }
            case WEBHOOK -> {
                repo();
                stub(post(urlPathEqualTo(REPO_PATH + "/hooks"))
                                .withRequestBody(matchingJsonPath("$.name", equalTo("web")))
                                .withRequestBody(matchingJsonPath("$.active", equalTo("true")))
                                .withRequestBody(matchingJsonPath("$.config.url", equalTo("https://tamma.example/webhooks/github")))
                                .withRequestBody(matchingJsonPath("$.config.content_type", equalTo("json")))
                                .withRequestBody(matchingJsonPath("$.config.secret", equalTo("hook-secret")))
                                .withRequestBody(matchingJsonPath("$.events[?(@ == 'issue_comment')]"))
                                .withRequestBody(matchingJsonPath("$.events[?(@ == 'pull_request')]")),
                        json(201, obj("id", 12345678, "name", "web", "active", true, "events", arr("issue_comment", "pull_request"),
                                "config", obj("url", "https://tamma.example/webhooks/github", "content_type", "json",
                                        "insecure_ssl", "0"),
                                "type", "Repository", "url", stubs.baseUrl() + REPO_PATH + "/hooks/12345678",
                                "created_at", "2026-01-05T10:00:00Z", "updated_at", "2026-01-05T10:00:00Z")));
            }
            case UNAUTHORIZED -> stub(get(urlPathEqualTo(REPO_PATH)),
                    aResponse().withStatus(401).withHeader("Content-Type", "application/json; charset=utf-8")
                            .withBody(write(json.error("Bad credentials", DOCS))));
            case RATE_LIMITED -> stub(get(urlPathEqualTo(REPO_PATH)), aResponse().withStatus(403)
                    .withHeader("Content-Type", "application/json; charset=utf-8")
                    .withHeader("X-RateLimit-Limit", "5000").withHeader("X-RateLimit-Remaining", "0")
                    .withHeader("X-RateLimit-Used", "5000").withHeader("X-RateLimit-Resource", "core")
                    .withHeader("X-RateLimit-Reset", Long.toString(RATE_LIMIT_RESET.getEpochSecond()))
                    .withBody(write(json.error("API rate limit exceeded for user ID 1.",
                            DOCS + "/overview/rate-limits-for-the-rest-api"))));
        }
    }
}
