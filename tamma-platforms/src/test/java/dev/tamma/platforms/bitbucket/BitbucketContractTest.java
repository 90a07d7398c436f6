package dev.tamma.platforms.bitbucket;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static dev.tamma.platforms.contract.World.*;
import static dev.tamma.platforms.testing.Json.arr;
import static dev.tamma.platforms.testing.Json.obj;
import static dev.tamma.platforms.testing.Json.write;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.tamma.core.platform.GitPlatform;
import dev.tamma.core.platform.RepositoryId;
import dev.tamma.core.platform.Secret;
import dev.tamma.platforms.contract.RestPlatformContract;
import dev.tamma.platforms.http.Resilience;
import dev.tamma.platforms.http.ResilienceSettings;
import dev.tamma.platforms.testing.ClockScheduler;
import dev.tamma.platforms.testing.MutableClock;
import dev.tamma.platforms.testing.StubServer;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;

/** The contract against WireMock stubs of Bitbucket Cloud's REST API 2.0, with a repository access token. */
class BitbucketContractTest extends RestPlatformContract {

    static final String TOKEN = "ATCTT3xFfGN0contractTestToken";
    static final String REPO_PATH = "/2.0/repositories/" + OWNER + "/" + REPO;

    private StubServer stubs;
    private BitbucketJson json;
    private BitbucketPlatform platform;

    @BeforeEach
    void start() {
        stubs = new StubServer();
        json = new BitbucketJson(stubs.baseUrl() + "/2.0");
        MutableClock clock = new MutableClock(RATE_LIMIT_RESET.minus(Duration.ofHours(1)));
        platform = new BitbucketPlatform(URI.create(stubs.baseUrl() + "/2.0"), new RepositoryId(OWNER, REPO),
                Secret.of(TOKEN), new Resilience(ResilienceSettings.DEFAULTS, clock, new ClockScheduler(clock)), clock);
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
        stubs.wm().stubFor(request.withHeader("Authorization", equalTo("Bearer " + TOKEN)).willReturn(response));
    }

    private static ResponseDefinitionBuilder json(int status, Object body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(write(body));
    }

    private void pr12() {
        stub(get(urlPathEqualTo(REPO_PATH + "/pullrequests/" + PR)), json(200, json.pr12()));
    }

    private void prComments() {
        stub(get(urlPathEqualTo(REPO_PATH + "/pullrequests/" + PR + "/comments")), json(200, json.page(arr(
                json.prComment(3001, WRITER, "Looks good apart from the login", null, false),
                json.prComment(REVIEW_COMMENT, WRITER, REVIEW_BODY, null, true)), null)));
    }

    private String comments(long issue) {
        return REPO_PATH + "/issues/" + issue + "/comments";
    }

    @Override
    protected void given(dev.tamma.platforms.contract.Scenario scenario) {
        switch (scenario) {
            case REPOSITORY -> stub(get(urlPathEqualTo(REPO_PATH)), json(200, json.repository()));
            case ISSUE -> stub(get(urlPathEqualTo(REPO_PATH + "/issues/" + ISSUE)), json(200, json.issue7()));
            case MISSING_ISSUE -> stub(get(urlPathEqualTo(REPO_PATH + "/issues/" + MISSING)),
                    json(404, json.error("Resource not found")));
            case ISSUES_BY_LABEL, ADD_LABEL, REMOVE_LABEL, REMOVE_ABSENT_LABEL, REACT, REACTIONS_SINCE, AUTO_MERGE -> {
                // no labels and no reactions on Bitbucket issues: nothing may be sent
            }
            case ISSUES_BY_ASSIGNEE -> stub(get(urlPathEqualTo(REPO_PATH + "/issues"))
                            .withQueryParam("q", equalTo("(state=\"new\" OR state=\"open\") AND assignee.account_id=\"" + BOT + "\"")),
                    json(200, json.page(arr(json.issue7()), null)));
            case COMMENT -> stub(post(urlPathEqualTo(comments(ISSUE)))
                            .withRequestBody(equalToJson(write(obj("content", obj("raw", "Tamma is on it."))))),
                    json(201, json.comment(1003, BOT, "Tamma is on it.", "2026-01-05T10:00:00.000000+00:00",
                            "2026-01-05T10:00:00.000000+00:00")));
            case COMMENTS_SINCE -> {
                String next = stubs.baseUrl() + comments(ISSUE) + "?pagelen=100&page=2";
                stub(get(urlPathEqualTo(comments(ISSUE))).withQueryParam("page", absent()), json(200, json.page(arr(
                        json.comment(PLAN_COMMENT, BOT, "Plan v1\n\n<!-- tamma:plan -->", "2026-01-01T10:00:00.000000+00:00",
                                "2026-01-01T10:00:00.000000+00:00")), next)));
                stub(get(urlPathEqualTo(comments(ISSUE))).withQueryParam("page", equalTo("2")), json(200, json.page(arr(
                        json.comment(NEW_COMMENT, WRITER, NEW_COMMENT_BODY, "2026-01-02T10:00:00.000000+00:00", null)), null)));
            }
            case UPSERT_MARKED_COMMENT -> {
                stub(get(urlPathEqualTo(comments(ISSUE))), json(200, json.page(arr(
                        json.comment(PLAN_COMMENT, BOT, "Plan v1\n\n<!-- tamma:plan -->", "2026-01-01T10:00:00.000000+00:00",
                                "2026-01-01T10:00:00.000000+00:00"),
                        json.comment(NEW_COMMENT, WRITER, NEW_COMMENT_BODY, "2026-01-02T10:00:00.000000+00:00", null)), null)));
                String body = "Plan, second version\n\n<!-- tamma:plan -->";
                stub(put(urlPathEqualTo(comments(ISSUE) + "/" + PLAN_COMMENT))
                                .withRequestBody(equalToJson(write(obj("content", obj("raw", body))))),
                        json(200, json.comment(PLAN_COMMENT, BOT, body, "2026-01-01T10:00:00.000000+00:00",
                                "2026-01-05T10:00:00.000000+00:00")));
            }
            case ASSIGN -> stub(put(urlPathEqualTo(REPO_PATH + "/issues/" + OTHER_ISSUE))
                            .withRequestBody(equalToJson(write(obj("assignee", obj("account_id", BOT))))),
                    json(200, json.issue(OTHER_ISSUE, OTHER_ISSUE_TITLE, "", "open", BOT)));
            case CLOSE_ISSUE -> stub(put(urlPathEqualTo(REPO_PATH + "/issues/" + OTHER_ISSUE))
                            .withRequestBody(equalToJson(write(obj("state", "resolved")))),
                    json(200, json.issue(OTHER_ISSUE, OTHER_ISSUE_TITLE, "", "resolved", null)));
            case CREATE_DRAFT_PULL_REQUEST -> stub(post(urlPathEqualTo(REPO_PATH + "/pullrequests")).withRequestBody(equalToJson(write(obj(
                            "title", NEW_PR_TITLE, "description", NEW_PR_BODY, "draft", true,
                            "source", obj("branch", obj("name", NEW_HEAD)), "destination", obj("branch", obj("name", DEFAULT_BRANCH)))))),
                    json(201, json.pullRequest(14, NEW_PR_TITLE, NEW_PR_BODY, NEW_HEAD, "OPEN", true)));
            case CREATE_PULL_REQUEST_FROM_MISSING_BRANCH -> stub(post(urlPathEqualTo(REPO_PATH + "/pullrequests"))
                            .withRequestBody(matchingJsonPath("$.source.branch.name", equalTo("no-such-branch"))),
                    json(400, obj("type", "error", "error", obj("message", "source: Branch not found: no-such-branch",
                            "fields", obj("source", arr("Branch not found: no-such-branch"))))));
            case FIND_PULL_REQUEST -> {
                stub(get(urlPathEqualTo(REPO_PATH + "/pullrequests"))
                                .withQueryParam("q", equalTo("source.branch.name=\"" + HEAD + "\" AND state=\"OPEN\"")),
                        json(200, json.page(arr(json.pr12()), null)));
                stub(get(urlPathEqualTo(REPO_PATH + "/pullrequests"))
                                .withQueryParam("q", equalTo("source.branch.name=\"no-such-branch\" AND state=\"OPEN\"")),
                        json(200, json.page(arr(), null)));
            }
            case PULL_REQUEST -> pr12();
            case UPDATE_PULL_REQUEST -> stub(put(urlPathEqualTo(REPO_PATH + "/pullrequests/" + PR))
                            .withRequestBody(equalToJson(write(obj("description", "Plan v2\n\nCloses #7")))),
                    json(200, json.pullRequest(PR, PR_TITLE, "Plan v2\n\nCloses #7", HEAD, "OPEN", false)));
            case MARK_DRAFT_READY -> {
                stub(get(urlPathEqualTo(REPO_PATH + "/pullrequests/" + DRAFT_PR)),
                        json(200, json.pullRequest(DRAFT_PR, DRAFT_PR_TITLE, "", DRAFT_HEAD, "OPEN", true)));
                // the pullrequest object's documented draft flag, and nothing else
                stub(put(urlPathEqualTo(REPO_PATH + "/pullrequests/" + DRAFT_PR))
                                .withRequestBody(equalToJson(write(obj("draft", false)))),
                        json(200, json.pullRequest(DRAFT_PR, DRAFT_PR_TITLE, "", DRAFT_HEAD, "OPEN", false)));
            }
            case MARK_READY_PULL_REQUEST_READY -> pr12();
            case MERGE -> {
                stub(post(urlPathEqualTo(REPO_PATH + "/pullrequests/" + PR + "/merge")).withRequestBody(equalToJson(write(obj(
                                "type", "pullrequest", "merge_strategy", "merge_commit", "close_source_branch", false)))),
                        json(200, json.pullRequest(PR, PR_TITLE, "Closes #7", HEAD, "MERGED", false)));
                stub(get(urlPathEqualTo(REPO_PATH + "/commit/" + BitbucketJson.MERGE_SHORT)), json(200, obj("type", "commit",
                        "hash", BitbucketJson.MERGE_SHA, "message", "Merged in " + HEAD + " (pull request #12)\n",
                        "date", "2026-01-04T09:00:00+00:00")));
            }
            case MERGE_CONFLICT -> stub(post(urlPathEqualTo(REPO_PATH + "/pullrequests/" + CONFLICTING_PR + "/merge")),
                    json(400, json.error("You can't merge until you resolve all merge conflicts.")));
            case CLOSE_PULL_REQUEST -> stub(post(urlPathEqualTo(REPO_PATH + "/pullrequests/" + PR + "/decline")),
                    json(200, json.pullRequest(PR, PR_TITLE, "Closes #7", HEAD, "DECLINED", false)));
            case REVIEW_COMMENTS -> prComments();
            case REPLY_TO_REVIEW_COMMENT -> {
                prComments();
                stub(post(urlPathEqualTo(REPO_PATH + "/pullrequests/" + PR + "/comments")).withRequestBody(equalToJson(write(obj(
                                "content", obj("raw", "Fixed: no more truncation."), "parent", obj("id", REVIEW_COMMENT))))),
                        json(201, json.prComment(2002, BOT, "Fixed: no more truncation.", (long) REVIEW_COMMENT, true)));
            }
            case RESOLVE_THREAD -> {
                prComments();
                stub(post(urlPathEqualTo(REPO_PATH + "/pullrequests/" + PR + "/comments/" + REVIEW_COMMENT + "/resolve")),
                        json(200, obj("type", "comment_resolution", "user", json.user(BOT),
                                "created_on", "2026-01-05T10:00:00.000000+00:00")));
            }
            case CI_STATUS -> {
                pr12();
                stub(get(urlPathEqualTo(REPO_PATH + "/commit/" + BitbucketJson.HEAD_SHORT + "/statuses")), json(200, json.page(arr(
                        obj("type", "build", "key", "build", "name", "build", "state", "SUCCESSFUL",
                                "url", "https://ci.example.com/build/1", "refname", HEAD),
                        obj("type", "build", "key", "test", "name", "test", "state", "FAILED",
                                "url", "https://ci.example.com/test/2", "refname", HEAD)), null)));
            }
            case PERMISSION -> {
                stub(get(urlPathEqualTo(REPO_PATH + "/permissions-config/users/" + WRITER)), json(200, obj(
                        "type", "repository_user_permission", "permission", "write", "user", json.user(WRITER))));
                stub(get(urlPathEqualTo(REPO_PATH + "/permissions-config/users/" + STRANGER)),
                        json(404, json.error("No permission found for this user")));
            }
            case FILE -> stub(get(urlPathEqualTo(REPO_PATH + "/src/" + DEFAULT_BRANCH + "/" + CONFIG_PATH)),
                    aResponse().withStatus(200).withHeader("Content-Type", "text/plain").withBody(CONFIG));
            case MISSING_FILE -> stub(get(urlPathEqualTo(REPO_PATH + "/src/" + DEFAULT_BRANCH + "/no/such/file.txt")),
                    json(404, json.error("No such file or directory: no/such/file.txt")));
            case WEBHOOK -> stub(post(urlPathEqualTo(REPO_PATH + "/hooks")).withRequestBody(equalToJson(write(obj(
                            "description", "Tamma", "url", "https://tamma.example/webhooks/bitbucket", "active", true,
                            "secret", "hook-secret", "events", arr("issue:comment_created", "pullrequest:created",
                                    "pullrequest:fulfilled", "pullrequest:rejected", "pullrequest:updated"))))),
                    json(201, obj("type", "webhook_subscription", "uuid", "{4f3a1c1e-0000-4000-8000-00000000000a}",
                            "url", "https://tamma.example/webhooks/bitbucket", "description", "Tamma", "active", true,
                            "created_at", "2026-01-05T10:00:00.000000+00:00")));
            case UNAUTHORIZED -> stub(get(urlPathEqualTo(REPO_PATH + "/issues/" + ISSUE)),
                    json(401, json.error("Token is invalid, expired, or not supported for this endpoint.")));
            case RATE_LIMITED -> stub(get(urlPathEqualTo(REPO_PATH + "/issues/" + ISSUE)),
                    json(429, json.error("Rate limit for this resource has been exceeded")).withHeader("Retry-After", "3600"));
        }
    }
}
