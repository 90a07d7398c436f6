package dev.tamma.platforms.gitea;

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
import dev.tamma.platforms.http.Resilience;
import dev.tamma.platforms.http.ResilienceSettings;
import dev.tamma.platforms.testing.ClockScheduler;
import dev.tamma.platforms.testing.MutableClock;
import dev.tamma.platforms.testing.StubServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/** The contract against WireMock stubs of Gitea's API v1 (Forgejo serves the same API). */
class GiteaContractTest extends RestPlatformContract {

    /** Gitea here; {@link ForgejoContractTest} runs the same stubs as Forgejo. */
    protected GiteaFlavour flavour() {
        return GiteaFlavour.GITEA;
    }

    static final String TOKEN = "3b5f0c9a7d2e4f6a8c1b3d5e7f9a0b2c4d6e8f01";
    static final String API = "/api/v1";
    static final String REPO_PATH = API + "/repos/" + OWNER + "/" + REPO;

    private StubServer stubs;
    private GiteaJson json;
    private GiteaPlatform platform;
    private MutableClock clock;

    @BeforeEach
    void start() {
        stubs = new StubServer();
        json = new GiteaJson(stubs.baseUrl());
        clock = new MutableClock(RATE_LIMIT_RESET.minus(Duration.ofHours(1)));
        platform = new GiteaPlatform(flavour(), URI.create(stubs.baseUrl() + API), new RepositoryId(OWNER, REPO),
                BOT, Secret.of(TOKEN), new Resilience(ResilienceSettings.DEFAULTS, clock, new ClockScheduler(clock)), clock);
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
        stubs.wm().stubFor(request.withHeader("Authorization", equalTo("token " + TOKEN)).willReturn(response));
    }

    private static ResponseDefinitionBuilder json(int status, Object body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json;charset=utf-8")
                .withBody(write(body));
    }

    private void issue(long number, Object body) {
        stub(get(urlPathEqualTo(REPO_PATH + "/issues/" + number)), json(200, body));
    }

    private void pr12() {
        stub(get(urlPathEqualTo(REPO_PATH + "/pulls/" + PR)), json(200, json.pr12()));
    }

    private void reviews() {
        stub(get(urlPathEqualTo(REPO_PATH + "/pulls/" + PR + "/reviews")), json(200, arr(json.review())));
        stub(get(urlPathEqualTo(REPO_PATH + "/pulls/" + PR + "/reviews/42/comments")), json(200, arr(json.reviewComment())));
    }

    @Override
    protected void given(dev.tamma.platforms.contract.Scenario scenario) {
        switch (scenario) {
            case REPOSITORY -> stub(get(urlPathEqualTo(REPO_PATH)), json(200, json.repository()));
            case ISSUE -> issue(ISSUE, json.issue7());
            case MISSING_ISSUE -> stub(get(urlPathEqualTo(REPO_PATH + "/issues/" + MISSING)),
                    json(404, obj("errors", null, "message", "The target couldn't be found.", "url", stubs.baseUrl() + "/api/swagger")));
            case ISSUES_BY_LABEL -> {
                String next = stubs.baseUrl() + REPO_PATH + "/issues?labels=" + TRIGGER_LABEL + "&limit=50&page=2&state=open&type=issues";
                stub(get(urlPathEqualTo(REPO_PATH + "/issues")).withQueryParam("labels", equalTo(TRIGGER_LABEL))
                                .withQueryParam("state", equalTo("open")).withQueryParam("type", equalTo("issues"))
                                .withQueryParam("page", absent()),
                        json(200, arr(json.issue7())).withHeader("X-Total-Count", "2")
                                .withHeader("Link", "<" + next + ">; rel=\"next\",<" + next + ">; rel=\"last\""));
                stub(get(urlPathEqualTo(REPO_PATH + "/issues")).withQueryParam("labels", equalTo(TRIGGER_LABEL))
                        .withQueryParam("page", equalTo("2")), json(200, arr(json.issue8())).withHeader("X-Total-Count", "2"));
            }
            case ISSUES_BY_ASSIGNEE -> stub(get(urlPathEqualTo(REPO_PATH + "/issues")).withQueryParam("assigned_by", equalTo(BOT))
                    .withQueryParam("state", equalTo("open")), json(200, arr(json.issue7())));
            case COMMENT -> stub(post(urlPathEqualTo(REPO_PATH + "/issues/" + ISSUE + "/comments"))
                            .withRequestBody(equalToJson(write(obj("body", "Tamma is on it.")))),
                    json(201, json.comment(1003, BOT, "Tamma is on it.", "2026-01-05T10:00:00Z", "2026-01-05T10:00:00Z")));
            case COMMENTS_SINCE -> stub(get(urlPathEqualTo(REPO_PATH + "/issues/" + ISSUE + "/comments"))
                            .withQueryParam("since", equalTo("2026-01-02T00:00:00Z")),
                    json(200, arr(json.comment(NEW_COMMENT, WRITER, NEW_COMMENT_BODY, NEW_COMMENT_AT.toString(),
                            NEW_COMMENT_AT.toString()))));
            case UPSERT_MARKED_COMMENT -> {
                stub(get(urlPathEqualTo(REPO_PATH + "/issues/" + ISSUE + "/comments")).withQueryParam("since", equalTo("1970-01-01T00:00:00Z")),
                        json(200, arr(json.comment(PLAN_COMMENT, BOT, "Plan v1\n\n<!-- tamma:plan -->",
                                PLAN_COMMENT_AT.toString(), PLAN_COMMENT_AT.toString()),
                                json.comment(NEW_COMMENT, WRITER, NEW_COMMENT_BODY, NEW_COMMENT_AT.toString(),
                                        NEW_COMMENT_AT.toString()))));
                String body = "Plan, second version\n\n<!-- tamma:plan -->";
                stub(patch(urlPathEqualTo(REPO_PATH + "/issues/comments/" + PLAN_COMMENT))
                                .withRequestBody(equalToJson(write(obj("body", body)))),
                        json(200, json.comment(PLAN_COMMENT, BOT, body, PLAN_COMMENT_AT.toString(), "2026-01-05T10:00:00Z")));
            }
            case ADD_LABEL -> stub(post(urlPathEqualTo(REPO_PATH + "/issues/" + ISSUE + "/labels"))
                            .withRequestBody(equalToJson(write(obj("labels", arr(WORKING_LABEL))))),
                    json(200, arr(json.label(BUG_LABEL), json.label(TRIGGER_LABEL), json.label(WORKING_LABEL))));
            case REMOVE_LABEL -> {
                issue(ISSUE, json.issue7());
                stub(delete(urlPathEqualTo(REPO_PATH + "/issues/" + ISSUE + "/labels/" + GiteaJson.labelId(TRIGGER_LABEL))),
                        aResponse().withStatus(204));
            }
            case REMOVE_ABSENT_LABEL -> issue(ISSUE, json.issue7());
            case ASSIGN -> {
                issue(OTHER_ISSUE, json.issue8());
                stub(patch(urlPathEqualTo(REPO_PATH + "/issues/" + OTHER_ISSUE))
                                .withRequestBody(equalToJson(write(obj("assignees", arr(BOT))))),
                        json(201, json.issue(OTHER_ISSUE, OTHER_ISSUE_TITLE, "", "open", List.of(TRIGGER_LABEL), List.of(BOT))));
            }
            case CLOSE_ISSUE -> stub(patch(urlPathEqualTo(REPO_PATH + "/issues/" + OTHER_ISSUE))
                            .withRequestBody(equalToJson(write(obj("state", "closed")))),
                    json(201, json.issue(OTHER_ISSUE, OTHER_ISSUE_TITLE, "", "closed", List.of(TRIGGER_LABEL), List.of())));
            case REACT -> stub(post(urlPathEqualTo(REPO_PATH + "/issues/comments/" + NEW_COMMENT + "/reactions"))
                            .withRequestBody(equalToJson(write(obj("content", "eyes")))),
                    json(201, obj("user", json.user(BOT), "content", "eyes", "created_at", "2026-01-05T10:00:00Z")));
            case REACTIONS_SINCE -> stub(get(urlPathEqualTo(REPO_PATH + "/issues/comments/" + NEW_COMMENT + "/reactions")),
                    json(200, arr(obj("user", json.user(STRANGER), "content", "laugh", "created_at", LAUGH_AT.toString()),
                            obj("user", json.user(WRITER), "content", "+1", "created_at", THUMBS_UP_AT.toString()))));
            case CREATE_DRAFT_PULL_REQUEST -> stub(post(urlPathEqualTo(REPO_PATH + "/pulls")).withRequestBody(equalToJson(write(
                            obj("title", "WIP: " + NEW_PR_TITLE, "body", NEW_PR_BODY, "head", NEW_HEAD, "base", DEFAULT_BRANCH)))),
                    json(201, json.pullRequest(14, "WIP: " + NEW_PR_TITLE, NEW_PR_BODY, NEW_HEAD, "open", false)));
            case CREATE_PULL_REQUEST_FROM_MISSING_BRANCH -> stub(post(urlPathEqualTo(REPO_PATH + "/pulls"))
                            .withRequestBody(matchingJsonPath("$.head", equalTo("no-such-branch"))),
                    json(404, obj("errors", null, "message", "The target couldn't be found.", "url", stubs.baseUrl() + "/api/swagger")));
            case FIND_PULL_REQUEST -> stub(get(urlPathEqualTo(REPO_PATH + "/pulls")).withQueryParam("state", equalTo("open")),
                    json(200, arr(json.pr12(), json.pullRequest(CONFLICTING_PR, "Conflicting readme", "", CONFLICT_HEAD, "open", false))));
            case PULL_REQUEST -> pr12();
            case UPDATE_PULL_REQUEST -> stub(patch(urlPathEqualTo(REPO_PATH + "/pulls/" + PR))
                            .withRequestBody(equalToJson(write(obj("body", "Plan v2\n\nCloses #7")))),
                    json(201, json.pullRequest(PR, PR_TITLE, "Plan v2\n\nCloses #7", HEAD, "open", false)));
            case MARK_DRAFT_READY -> {
                stub(get(urlPathEqualTo(REPO_PATH + "/pulls/" + DRAFT_PR)),
                        json(200, json.pullRequest(DRAFT_PR, "WIP: " + DRAFT_PR_TITLE, "", DRAFT_HEAD, "open", false)));
                // no native drafts: the WIP title prefix is the draft, and only it goes
                stub(patch(urlPathEqualTo(REPO_PATH + "/pulls/" + DRAFT_PR))
                                .withRequestBody(equalToJson(write(obj("title", DRAFT_PR_TITLE)))),
                        json(201, json.pullRequest(DRAFT_PR, DRAFT_PR_TITLE, "", DRAFT_HEAD, "open", false)));
            }
            case MARK_READY_PULL_REQUEST_READY -> pr12();
            case MERGE -> {
                stubs.wm().stubFor(get(urlPathEqualTo(REPO_PATH + "/pulls/" + PR)).inScenario("merge")
                        .whenScenarioStateIs(Scenario.STARTED).willReturn(json(200, json.pr12())));
                stubs.wm().stubFor(post(urlPathEqualTo(REPO_PATH + "/pulls/" + PR + "/merge"))
                        .withHeader("Authorization", equalTo("token " + TOKEN))
                        .withRequestBody(equalToJson(write(obj("Do", "merge", "head_commit_id", GiteaJson.HEAD_SHA))))
                        .inScenario("merge").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("merged")
                        .willReturn(aResponse().withStatus(200)));
                stubs.wm().stubFor(get(urlPathEqualTo(REPO_PATH + "/pulls/" + PR)).inScenario("merge")
                        .whenScenarioStateIs("merged")
                        .willReturn(json(200, json.pullRequest(PR, PR_TITLE, "Closes #7", HEAD, "closed", true))));
            }
            case MERGE_CONFLICT -> {
                stub(get(urlPathEqualTo(REPO_PATH + "/pulls/" + CONFLICTING_PR)),
                        json(200, json.pullRequest(CONFLICTING_PR, "Conflicting readme", "", CONFLICT_HEAD, "open", false)));
                stub(post(urlPathEqualTo(REPO_PATH + "/pulls/" + CONFLICTING_PR + "/merge"))
                                .withRequestBody(matchingJsonPath("$.Do", equalTo("merge"))),
                        json(405, json.error("Please try again later")));
            }
            case AUTO_MERGE -> {
                pr12();
                stub(post(urlPathEqualTo(REPO_PATH + "/pulls/" + PR + "/merge")).withRequestBody(equalToJson(write(obj(
                                "Do", "squash", "head_commit_id", GiteaJson.HEAD_SHA, "merge_when_checks_succeed", true)))),
                        aResponse().withStatus(200));
            }
            case CLOSE_PULL_REQUEST -> stub(patch(urlPathEqualTo(REPO_PATH + "/pulls/" + PR))
                            .withRequestBody(equalToJson(write(obj("state", "closed")))),
                    json(201, json.pullRequest(PR, PR_TITLE, "Closes #7", HEAD, "closed", false)));
            case REVIEW_COMMENTS, RESOLVE_THREAD -> reviews();
            case REPLY_TO_REVIEW_COMMENT -> {
                // no API for replies: nothing may be sent
            }
            case CI_STATUS -> {
                pr12();
                stub(get(urlPathEqualTo(REPO_PATH + "/commits/" + GiteaJson.HEAD_SHA + "/status")), json(200, obj(
                        "state", "failure", "sha", GiteaJson.HEAD_SHA, "total_count", 2,
                        "statuses", arr(json.status(1, "build", "success"), json.status(2, "test", "failure")),
                        "repository", json.repository(), "commit_url", "", "url", "")));
            }
            case PERMISSION -> {
                stub(get(urlPathEqualTo(REPO_PATH + "/collaborators/" + WRITER + "/permission")),
                        json(200, obj("permission", "write", "role_name", "write", "user", json.user(WRITER))));
                stub(get(urlPathEqualTo(REPO_PATH + "/collaborators/" + STRANGER + "/permission")),
                        json(200, obj("permission", "read", "role_name", "read", "user", json.user(STRANGER))));
            }
            case FILE -> stub(get(urlPathEqualTo(REPO_PATH + "/raw/" + CONFIG_PATH)).withQueryParam("ref", equalTo(DEFAULT_BRANCH)),
                    aResponse().withStatus(200).withHeader("Content-Type", "text/plain; charset=utf-8").withBody(CONFIG));
            case MISSING_FILE -> stub(get(urlPathEqualTo(REPO_PATH + "/raw/no/such/file.txt")).withQueryParam("ref", equalTo(DEFAULT_BRANCH)),
                    json(404, json.error("The target couldn't be found.")));
            case WEBHOOK -> stub(post(urlPathEqualTo(REPO_PATH + "/hooks")).withRequestBody(equalToJson(write(obj(
                            "type", flavour().platformName(), "active", true, "events", arr("issue_comment", "pull_request"),
                            "config", obj("url", "https://tamma.example/webhooks/" + flavour().platformName(), "content_type", "json",
                                    "secret", "hook-secret"))))),
                    json(201, obj("id", 7, "type", flavour().platformName(), "branch_filter", "*", "config",
                            obj("url", "https://tamma.example/webhooks/" + flavour().platformName(), "content_type", "json"),
                            "events", arr("issue_comment", "pull_request"), "authorization_header", "", "active", true,
                            "updated_at", "2026-01-05T10:00:00Z", "created_at", "2026-01-05T10:00:00Z")));
            case UNAUTHORIZED -> stub(get(urlPathEqualTo(REPO_PATH + "/issues/" + ISSUE)),
                    json(401, json.error("user does not exist [uid: 0, name: ]")));
            case RATE_LIMITED -> stub(get(urlPathEqualTo(REPO_PATH + "/issues/" + ISSUE)),
                    json(429, json.error("rate limit exceeded")).withHeader("Retry-After", "3600"));
        }
    }
}
