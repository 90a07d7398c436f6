package dev.tamma.platforms.gitlab;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static dev.tamma.platforms.contract.World.*;
import static dev.tamma.platforms.testing.Json.arr;
import static dev.tamma.platforms.testing.Json.obj;
import static dev.tamma.platforms.testing.Json.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.tamma.core.platform.GitPlatform;
import dev.tamma.core.platform.PlatformException;
import dev.tamma.core.platform.PlatformException.Kind;
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
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract against WireMock stubs of GitLab's REST API v4, with a personal access token. */
class GitLabContractTest extends RestPlatformContract {

    static final String TOKEN = "glpat-contractTestToken0123";
    static final String PROJECT = "/api/v4/projects/" + OWNER + "%2F" + REPO;

    private StubServer stubs;
    private GitLabJson json;
    private GitLabPlatform platform;

    @BeforeEach
    void start() {
        stubs = new StubServer();
        json = new GitLabJson(stubs.baseUrl());
        MutableClock clock = new MutableClock(RATE_LIMIT_RESET.minus(Duration.ofHours(1)));
        platform = new GitLabPlatform(URI.create(stubs.baseUrl()), new RepositoryId(OWNER, REPO), Secret.of(TOKEN),
                new Resilience(ResilienceSettings.DEFAULTS, clock, new ClockScheduler(clock)), clock);
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
        stubs.wm().stubFor(request.withHeader("PRIVATE-TOKEN", equalTo(TOKEN)).willReturn(response));
    }

    private static ResponseDefinitionBuilder json(int status, Object body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(write(body));
    }

    /** GitLab's pagination headers on a single page. */
    private static ResponseDefinitionBuilder page(Object body, int count) {
        return json(200, body).withHeader("X-Page", "1").withHeader("X-Per-Page", "100").withHeader("X-Total", "" + count)
                .withHeader("X-Total-Pages", "1").withHeader("X-Next-Page", "").withHeader("X-Prev-Page", "");
    }

    private void issue(long iid, Object body) {
        stub(get(urlPathEqualTo(PROJECT + "/issues/" + iid)), json(200, body));
    }

    private void mr12() {
        stub(get(urlPathEqualTo(PROJECT + "/merge_requests/" + PR)), json(200, json.mr12()));
    }

    private void user(String username) {
        stub(get(urlPathEqualTo("/api/v4/users")).withQueryParam("username", equalTo(username)),
                json(200, arr(json.user(username))));
    }

    private void discussions() {
        stub(get(urlPathEqualTo(PROJECT + "/merge_requests/" + PR + "/discussions")), page(arr(
                obj("id", "0d1e", "individual_note", true, "notes", arr(json.note(3001, WRITER, "LGTM otherwise",
                        "2026-01-03T09:30:00.000Z", "2026-01-03T09:30:00.000Z"))),
                json.discussion()), 2));
    }

    private static String notFound(String what) {
        return write(obj("message", "404 " + what + " Not Found"));
    }

    /** A draft whose title carries no prefix GitLab documents (GitLab before 14.0 said WIP) is not retitled by guess. */
    @Test
    void aDraftWithoutADocumentedDraftPrefixIsReportedNotRetitled() {
        Map<String, Object> wip = json.mergeRequest(DRAFT_PR, "WIP: " + DRAFT_PR_TITLE, "", DRAFT_HEAD, "opened");
        wip.put("draft", true);
        wip.put("work_in_progress", true);
        stub(get(urlPathEqualTo(PROJECT + "/merge_requests/" + DRAFT_PR)), json(200, wip));
        assertThatThrownBy(() -> platform.markReady(DRAFT_PR)).isInstanceOfSatisfying(PlatformException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.INVALID);
            assertThat(e.getMessage()).contains("!" + DRAFT_PR, "WIP: " + DRAFT_PR_TITLE);
        });
    }

    @Override
    protected void given(dev.tamma.platforms.contract.Scenario scenario) {
        switch (scenario) {
            case REPOSITORY -> stub(get(urlPathEqualTo(PROJECT)), json(200, json.project()));
            case ISSUE -> issue(ISSUE, json.issue7());
            case MISSING_ISSUE -> stub(get(urlPathEqualTo(PROJECT + "/issues/" + MISSING)),
                    aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody(notFound("Issue")));
            case ISSUES_BY_LABEL -> {
                stub(get(urlPathEqualTo(PROJECT + "/issues")).withQueryParam("labels", equalTo(TRIGGER_LABEL))
                                .withQueryParam("state", equalTo("opened")).withQueryParam("page", equalTo("1")),
                        json(200, arr(json.issue7())).withHeader("X-Page", "1").withHeader("X-Per-Page", "1")
                                .withHeader("X-Total", "2").withHeader("X-Total-Pages", "2").withHeader("X-Next-Page", "2")
                                .withHeader("X-Prev-Page", ""));
                stub(get(urlPathEqualTo(PROJECT + "/issues")).withQueryParam("labels", equalTo(TRIGGER_LABEL))
                                .withQueryParam("page", equalTo("2")),
                        json(200, arr(json.issue8())).withHeader("X-Page", "2").withHeader("X-Per-Page", "1")
                                .withHeader("X-Total", "2").withHeader("X-Total-Pages", "2").withHeader("X-Next-Page", "")
                                .withHeader("X-Prev-Page", "1"));
            }
            case ISSUES_BY_ASSIGNEE -> {
                user(BOT);
                stub(get(urlPathEqualTo(PROJECT + "/issues")).withQueryParam("assignee_id", equalTo("" + GitLabJson.userId(BOT)))
                        .withQueryParam("state", equalTo("opened")), page(arr(json.issue7()), 1));
            }
            case COMMENT -> stub(post(urlPathEqualTo(PROJECT + "/issues/" + ISSUE + "/notes"))
                            .withFormParam("body", equalTo("Tamma is on it.")),
                    json(201, json.note(1003, BOT, "Tamma is on it.", "2026-01-05T10:00:00.000Z", "2026-01-05T10:00:00.000Z")));
            case COMMENTS_SINCE -> stub(get(urlPathEqualTo(PROJECT + "/issues/" + ISSUE + "/notes")), page(arr(
                    json.note(PLAN_COMMENT, BOT, "Plan v1\n\n<!-- tamma:plan -->", PLAN_COMMENT_AT.toString(), PLAN_COMMENT_AT.toString()),
                    json.note(NEW_COMMENT, WRITER, NEW_COMMENT_BODY, NEW_COMMENT_AT.toString(), NEW_COMMENT_AT.toString()),
                    json.systemNote()), 3));
            case UPSERT_MARKED_COMMENT -> {
                stub(get(urlPathEqualTo(PROJECT + "/issues/" + ISSUE + "/notes")), page(arr(
                        json.note(PLAN_COMMENT, BOT, "Plan v1\n\n<!-- tamma:plan -->", PLAN_COMMENT_AT.toString(), PLAN_COMMENT_AT.toString()),
                        json.note(NEW_COMMENT, WRITER, NEW_COMMENT_BODY, NEW_COMMENT_AT.toString(), NEW_COMMENT_AT.toString())), 2));
                String body = "Plan, second version\n\n<!-- tamma:plan -->";
                stub(put(urlPathEqualTo(PROJECT + "/issues/" + ISSUE + "/notes/" + PLAN_COMMENT)).withFormParam("body", equalTo(body)),
                        json(200, json.note(PLAN_COMMENT, BOT, body, PLAN_COMMENT_AT.toString(), "2026-01-05T10:00:00.000Z")));
            }
            case ADD_LABEL -> {
                issue(ISSUE, json.issue7());
                stub(put(urlPathEqualTo(PROJECT + "/issues/" + ISSUE))
                                .withFormParam("labels", equalTo(BUG_LABEL + "," + TRIGGER_LABEL + "," + WORKING_LABEL)),
                        json(200, json.issue(ISSUE, ISSUE_TITLE, ISSUE_BODY, "opened", List.of(BUG_LABEL, TRIGGER_LABEL, WORKING_LABEL),
                                List.of(BOT))));
            }
            case REMOVE_LABEL -> {
                issue(ISSUE, json.issue7());
                stub(put(urlPathEqualTo(PROJECT + "/issues/" + ISSUE)).withFormParam("labels", equalTo(BUG_LABEL)),
                        json(200, json.issue(ISSUE, ISSUE_TITLE, ISSUE_BODY, "opened", List.of(BUG_LABEL), List.of(BOT))));
            }
            case REMOVE_ABSENT_LABEL -> issue(ISSUE, json.issue7());
            case ASSIGN -> {
                user(BOT);
                stub(put(urlPathEqualTo(PROJECT + "/issues/" + OTHER_ISSUE))
                                .withFormParam("assignee_ids[]", equalTo("" + GitLabJson.userId(BOT))),
                        json(200, json.issue(OTHER_ISSUE, OTHER_ISSUE_TITLE, "", "opened", List.of(TRIGGER_LABEL), List.of(BOT))));
            }
            case CLOSE_ISSUE -> stub(put(urlPathEqualTo(PROJECT + "/issues/" + OTHER_ISSUE)).withFormParam("state_event", equalTo("close")),
                    json(200, json.issue(OTHER_ISSUE, OTHER_ISSUE_TITLE, "", "closed", List.of(TRIGGER_LABEL), List.of())));
            case REACT -> stub(post(urlPathEqualTo(PROJECT + "/issues/" + ISSUE + "/notes/" + NEW_COMMENT + "/award_emoji"))
                            .withQueryParam("name", equalTo("eyes")),
                    json(201, obj("id", 1, "name", "eyes", "user", json.user(BOT), "created_at", "2026-01-05T10:00:00.000Z",
                            "updated_at", "2026-01-05T10:00:00.000Z", "awardable_id", NEW_COMMENT, "awardable_type", "Note")));
            case REACTIONS_SINCE -> stub(get(urlPathEqualTo(PROJECT + "/issues/" + ISSUE + "/notes/" + NEW_COMMENT + "/award_emoji")),
                    page(arr(obj("id", 1, "name", "laughing", "user", json.user(STRANGER), "created_at", LAUGH_AT.toString(),
                                    "updated_at", LAUGH_AT.toString(), "awardable_id", NEW_COMMENT, "awardable_type", "Note"),
                            obj("id", 2, "name", "thumbsup", "user", json.user(WRITER), "created_at", THUMBS_UP_AT.toString(),
                                    "updated_at", THUMBS_UP_AT.toString(), "awardable_id", NEW_COMMENT, "awardable_type", "Note"),
                            obj("id", 3, "name", "coffee", "user", json.user(WRITER), "created_at", THUMBS_UP_AT.toString(),
                                    "updated_at", THUMBS_UP_AT.toString(), "awardable_id", NEW_COMMENT, "awardable_type", "Note")), 3));
            case CREATE_DRAFT_PULL_REQUEST -> stub(post(urlPathEqualTo(PROJECT + "/merge_requests"))
                            .withFormParam("source_branch", equalTo(NEW_HEAD)).withFormParam("target_branch", equalTo(DEFAULT_BRANCH))
                            .withFormParam("title", equalTo("Draft: " + NEW_PR_TITLE)).withFormParam("description", equalTo(NEW_PR_BODY)),
                    json(201, json.mergeRequest(14, "Draft: " + NEW_PR_TITLE, NEW_PR_BODY, NEW_HEAD, "opened")));
            case CREATE_PULL_REQUEST_FROM_MISSING_BRANCH -> stub(post(urlPathEqualTo(PROJECT + "/merge_requests"))
                            .withFormParam("source_branch", equalTo("no-such-branch")),
                    json(422, obj("message", arr("Source branch \"no-such-branch\" does not exist"))));
            case FIND_PULL_REQUEST -> {
                stub(get(urlPathEqualTo(PROJECT + "/merge_requests")).withQueryParam("state", equalTo("opened"))
                        .withQueryParam("source_branch", equalTo(HEAD)), page(arr(json.mr12()), 1));
                stub(get(urlPathEqualTo(PROJECT + "/merge_requests")).withQueryParam("state", equalTo("opened"))
                        .withQueryParam("source_branch", equalTo("no-such-branch")), page(arr(), 0));
            }
            case PULL_REQUEST -> mr12();
            case UPDATE_PULL_REQUEST -> stub(put(urlPathEqualTo(PROJECT + "/merge_requests/" + PR))
                            .withFormParam("description", equalTo("Plan v2\n\nCloses #7")),
                    json(200, json.mergeRequest(PR, PR_TITLE, "Plan v2\n\nCloses #7", HEAD, "opened")));
            case MARK_DRAFT_READY -> {
                stub(get(urlPathEqualTo(PROJECT + "/merge_requests/" + DRAFT_PR)),
                        json(200, json.mergeRequest(DRAFT_PR, "Draft: " + DRAFT_PR_TITLE, "", DRAFT_HEAD, "opened")));
                // the draft state lives in the title: the title without "Draft: " and nothing else
                stub(put(urlPathEqualTo(PROJECT + "/merge_requests/" + DRAFT_PR))
                                .withRequestBody(equalTo("title=" + DRAFT_PR_TITLE.replace(' ', '+'))),
                        json(200, json.mergeRequest(DRAFT_PR, DRAFT_PR_TITLE, "", DRAFT_HEAD, "opened")));
            }
            case MARK_READY_PULL_REQUEST_READY -> mr12();
            case MERGE -> {
                mr12();
                stub(put(urlPathEqualTo(PROJECT + "/merge_requests/" + PR + "/merge")).withFormParam("sha", equalTo(GitLabJson.HEAD_SHA))
                        .withFormParam("squash", equalTo("false")), json(200, json.mergeRequest(PR, PR_TITLE, "Closes #7", HEAD, "merged")));
            }
            case MERGE_CONFLICT -> {
                stub(get(urlPathEqualTo(PROJECT + "/merge_requests/" + CONFLICTING_PR)),
                        json(200, json.mergeRequest(CONFLICTING_PR, "Conflicting readme", "", CONFLICT_HEAD, "opened")));
                stub(put(urlPathEqualTo(PROJECT + "/merge_requests/" + CONFLICTING_PR + "/merge")),
                        json(406, obj("message", "Branch cannot be merged")));
            }
            case AUTO_MERGE -> {
                mr12();
                stub(put(urlPathEqualTo(PROJECT + "/merge_requests/" + PR + "/merge")).withFormParam("sha", equalTo(GitLabJson.HEAD_SHA))
                                .withFormParam("squash", equalTo("true"))
                                .withFormParam("merge_when_pipeline_succeeds", equalTo("true")),
                        json(200, json.mr12()));
            }
            case CLOSE_PULL_REQUEST -> stub(put(urlPathEqualTo(PROJECT + "/merge_requests/" + PR)).withFormParam("state_event", equalTo("close")),
                    json(200, json.mergeRequest(PR, PR_TITLE, "Closes #7", HEAD, "closed")));
            case REVIEW_COMMENTS -> discussions();
            case REPLY_TO_REVIEW_COMMENT -> {
                discussions();
                stub(post(urlPathEqualTo(PROJECT + "/merge_requests/" + PR + "/discussions/" + GitLabJson.THREAD + "/notes"))
                                .withFormParam("body", equalTo("Fixed: no more truncation.")),
                        json(201, json.diffNote(2002, BOT, "Fixed: no more truncation.")));
            }
            case RESOLVE_THREAD -> {
                discussions();
                stub(put(urlPathEqualTo(PROJECT + "/merge_requests/" + PR + "/discussions/" + GitLabJson.THREAD))
                        .withFormParam("resolved", equalTo("true")), json(200, json.discussion()));
            }
            case CI_STATUS -> {
                mr12();
                stub(get(urlPathEqualTo(PROJECT + "/repository/commits/" + GitLabJson.HEAD_SHA + "/statuses")),
                        page(arr(json.status(93, "build", "success"), json.status(94, "test", "failed")), 2));
                stub(get(urlPathEqualTo(PROJECT + "/jobs/94/trace")), aResponse().withStatus(200)
                        .withHeader("Content-Type", "text/plain").withBody("$ mvn -B test\nERROR: Job failed: exit code 1\n"));
            }
            case PERMISSION -> {
                user(WRITER);
                user(STRANGER);
                stub(get(urlPathEqualTo(PROJECT + "/members/all/" + GitLabJson.userId(WRITER))), json(200, json.member(WRITER, 30)));
                stub(get(urlPathEqualTo(PROJECT + "/members/all/" + GitLabJson.userId(STRANGER))),
                        aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody(notFound("")));
            }
            case FILE -> stub(get(urlPathEqualTo(PROJECT + "/repository/files/%2Etamma%2Eyml/raw")).withQueryParam("ref", equalTo(DEFAULT_BRANCH)),
                    aResponse().withStatus(200).withHeader("Content-Type", "text/plain; charset=utf-8").withBody(CONFIG));
            case MISSING_FILE -> stub(get(urlPathEqualTo(PROJECT + "/repository/files/no%2Fsuch%2Ffile%2Etxt/raw"))
                            .withQueryParam("ref", equalTo(DEFAULT_BRANCH)),
                    aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody(notFound("File")));
            case WEBHOOK -> stub(post(urlPathEqualTo(PROJECT + "/hooks")).withFormParam("url", equalTo("https://tamma.example/webhooks/gitlab"))
                            .withFormParam("note_events", equalTo("true")).withFormParam("merge_requests_events", equalTo("true"))
                            .withFormParam("token", equalTo("hook-secret")),
                    json(201, obj("id", 1, "url", "https://tamma.example/webhooks/gitlab", "project_id", 3, "push_events", false,
                            "issues_events", false, "merge_requests_events", true, "note_events", true,
                            "enable_ssl_verification", true, "created_at", "2026-01-05T10:00:00.000Z")));
            case UNAUTHORIZED -> stub(get(urlPathEqualTo(PROJECT + "/issues/" + ISSUE)),
                    json(401, obj("message", "401 Unauthorized")));
            case RATE_LIMITED -> stub(get(urlPathEqualTo(PROJECT + "/issues/" + ISSUE)), aResponse().withStatus(429)
                    .withHeader("Content-Type", "text/plain").withHeader("RateLimit-Limit", "2000")
                    .withHeader("RateLimit-Observed", "2001").withHeader("RateLimit-Remaining", "0")
                    .withHeader("RateLimit-Reset", Long.toString(RATE_LIMIT_RESET.getEpochSecond()))
                    .withHeader("Retry-After", "3600").withBody("Retry later"));
        }
    }
}
