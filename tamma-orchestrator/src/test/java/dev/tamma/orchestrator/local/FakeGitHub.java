package dev.tamma.orchestrator.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ThreeWayMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GitHub's REST and GraphQL API for one repository, behind WireMock and as small as the loop needs:
 * issues, comments, labels, pull requests, checks, permissions and file contents, kept in memory,
 * with the code in a real bare git repository that the pull request's merge really merges into.
 * Every request must carry the repository's token; requests it does not know are answered 404 and
 * listed in {@link #unhandled()}.
 */
final class FakeGitHub implements AutoCloseable {

    static final String CHECK = "build-and-test";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String fullName;
    private final String owner;
    private final Path bare;
    private final String cloneUrl;
    private final String token;
    private final Map<String, String> permissions;
    private final WireMockServer server;
    private final Map<Long, Map<String, Object>> issues = new LinkedHashMap<>();
    private final Map<Long, Map<String, Object>> pulls = new LinkedHashMap<>();
    private final Map<Long, List<Map<String, Object>>> comments = new LinkedHashMap<>();
    private final List<String> unhandled = new CopyOnWriteArrayList<>();
    private final List<String> checkedShas = new CopyOnWriteArrayList<>();
    private long nextNumber = 1;
    private long nextCommentId = 9001;

    /** {@code permissions}: login to GitHub's permission name ({@code admin}, {@code write}); others read. */
    FakeGitHub(String fullName, Path bare, String cloneUrl, String token, Map<String, String> permissions) {
        this.fullName = fullName;
        this.owner = fullName.substring(0, fullName.indexOf('/'));
        this.bare = bare;
        this.cloneUrl = cloneUrl;
        this.token = token;
        this.permissions = permissions;
        this.server = new WireMockServer(options().dynamicPort().extensions(new Api()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
    }

    String baseUrl() {
        return server.baseUrl();
    }

    List<String> unhandled() {
        return List.copyOf(unhandled);
    }

    /** The commits whose checks were asked for. */
    List<String> checkedShas() {
        return List.copyOf(checkedShas);
    }

    List<LoggedRequest> requests() {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl()));
    }

    synchronized long openIssue(String title, String body, List<String> labels, String author) {
        long number = nextNumber++;
        Map<String, Object> issue = new LinkedHashMap<>();
        issue.put("number", number);
        issue.put("title", title);
        issue.put("body", body);
        issue.put("state", "open");
        issue.put("labels", new ArrayList<>(labels));
        issue.put("author", author);
        issue.put("created_at", now());
        issues.put(number, issue);
        return number;
    }

    synchronized boolean issueOpen(long number) {
        return "open".equals(issues.get(number).get("state"));
    }

    synchronized Map<String, Object> pullRequest(long number) {
        return Map.copyOf(pulls.get(number));
    }

    synchronized List<String> commentBodies(long number) {
        return comments.getOrDefault(number, List.of()).stream().map(c -> (String) c.get("body")).toList();
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Api implements ResponseDefinitionTransformerV2 {

        @Override
        public String getName() {
            return "fake-github";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            LoggedRequest request = event.getRequest();
            if (!("token " + token).equals(request.getHeader("Authorization"))) {
                return answer(401, obj("message", "Bad credentials"));
            }
            URI uri = URI.create(request.getUrl());
            try {
                synchronized (FakeGitHub.this) {
                    Optional<ResponseDefinition> answer = handle(request.getMethod().getName(), uri.getPath(),
                            query(uri), request.getBodyAsString());
                    if (answer.isPresent()) {
                        return answer.get();
                    }
                }
            } catch (IOException e) {
                return answer(500, obj("message", e.toString()));
            }
            unhandled.add(request.getMethod().getName() + " " + request.getUrl());
            return answer(404, obj("message", "Not Found"));
        }
    }

    private Optional<ResponseDefinition> handle(String method, String path, Map<String, String> query, String body)
            throws IOException {
        if (method.equals("POST") && path.equals("/graphql")) {
            return Optional.of(graphql(JSON.readTree(body)));
        }
        String prefix = "/repos/" + fullName;
        if (!path.startsWith(prefix)) {
            return Optional.empty();
        }
        String route = method + " " + path.substring(prefix.length());
        Matcher m;
        if (route.equals("GET ")) {
            return ok(repository());
        }
        if ((m = match("GET /issues/(\\d+)", route)) != null) {
            return issueJson(number(m)).map(FakeGitHub::ok200);
        }
        if ((m = match("PATCH /issues/(\\d+)", route)) != null) {
            long number = number(m);
            JsonNode edit = JSON.readTree(body);
            Map<String, Object> issue = issues.containsKey(number) ? issues.get(number) : pulls.get(number);
            if (issue == null) {
                return Optional.empty();
            }
            if (edit.has("state")) {
                issue.put("state", edit.path("state").asString());
            }
            return issueJson(number).map(FakeGitHub::ok200);
        }
        if ((m = match("GET /issues/(\\d+)/comments", route)) != null) {
            Instant since = query.containsKey("since") ? Instant.parse(query.get("since")) : Instant.EPOCH;
            return ok(comments.getOrDefault(number(m), List.of()).stream()
                    .filter(c -> !Instant.parse((String) c.get("updated_at")).isBefore(since)).toList());
        }
        if ((m = match("POST /issues/(\\d+)/comments", route)) != null) {
            long number = number(m);
            Map<String, Object> comment = new LinkedHashMap<>();
            long id = nextCommentId++;
            comment.put("id", id);
            comment.put("node_id", "IC_" + id);
            comment.put("body", JSON.readTree(body).path("body").asString());
            comment.put("user", user("tamma-bot"));
            comment.put("created_at", now());
            comment.put("updated_at", now());
            comment.put("html_url", html() + "/issues/" + number + "#issuecomment-" + id);
            comment.put("url", api() + "/issues/comments/" + id);
            comment.put("issue_url", api() + "/issues/" + number);
            comments.computeIfAbsent(number, n -> new ArrayList<>()).add(comment);
            return Optional.of(answer(201, comment));
        }
        if ((m = match("PATCH /issues/comments/(\\d+)", route)) != null) {
            long id = number(m);
            for (List<Map<String, Object>> list : comments.values()) {
                for (Map<String, Object> comment : list) {
                    if (((Long) comment.get("id")) == id) {
                        comment.put("body", JSON.readTree(body).path("body").asString());
                        comment.put("updated_at", now());
                        return ok(comment);
                    }
                }
            }
            return Optional.empty();
        }
        if ((m = match("POST /issues/(\\d+)/labels", route)) != null) {
            List<String> labels = labelsOf(number(m));
            JsonNode added = JSON.readTree(body);
            for (JsonNode label : added.isArray() ? added : added.path("labels")) {
                if (!labels.contains(label.asString())) {
                    labels.add(label.asString());
                }
            }
            return ok(labels.stream().map(FakeGitHub::label).toList());
        }
        if ((m = match("DELETE /issues/(\\d+)/labels/([^/]+)", route)) != null) {
            List<String> labels = labelsOf(number(m));
            if (!labels.remove(URLDecoder.decode(m.group(2), StandardCharsets.UTF_8))) {
                return Optional.of(answer(404, obj("message", "Label does not exist")));
            }
            return ok(labels.stream().map(FakeGitHub::label).toList());
        }
        if (route.equals("POST /pulls")) {
            return Optional.of(createPull(JSON.readTree(body)));
        }
        if (route.equals("GET /pulls")) {
            String head = query.getOrDefault("head", "");
            String state = query.getOrDefault("state", "open");
            List<Map<String, Object>> found = new ArrayList<>();
            for (long number : pulls.keySet()) {
                Map<String, Object> pr = pullJson(number);
                if ((head.isEmpty() || head.equals(owner + ":" + pulls.get(number).get("head")))
                        && (state.equals("all") || state.equals(pr.get("state")))) {
                    found.add(pr);
                }
            }
            return ok(found);
        }
        if ((m = match("GET /pulls/(\\d+)", route)) != null) {
            return pulls.containsKey(number(m)) ? ok(pullJson(number(m))) : Optional.empty();
        }
        if ((m = match("PATCH /pulls/(\\d+)", route)) != null) {
            Map<String, Object> pr = pulls.get(number(m));
            JsonNode edit = JSON.readTree(body);
            for (String field : List.of("title", "body", "state")) {
                if (edit.has(field)) {
                    pr.put(field, edit.path(field).asString());
                }
            }
            return ok(pullJson(number(m)));
        }
        if ((m = match("GET /pulls/(\\d+)/comments", route)) != null) {
            return ok(List.of()); // nobody leaves review comments in this scenario
        }
        if ((m = match("PUT /pulls/(\\d+)/merge", route)) != null) {
            return Optional.of(merge(number(m), JSON.readTree(body)));
        }
        if ((m = match("GET /commits/([0-9a-f]{40})/check-runs", route)) != null) {
            checkedShas.add(m.group(1));
            List<Map<String, Object>> runs = exists(m.group(1)) ? List.of(checkRun(m.group(1))) : List.of();
            return ok(obj("total_count", runs.size(), "check_runs", runs));
        }
        if ((m = match("GET /(?:commits/)?([0-9a-f]{40})/status(?:es)?", route)) != null
                || (m = match("GET /statuses/([0-9a-f]{40})", route)) != null) {
            return ok(List.of()); // the check run is the only check
        }
        if ((m = match("GET /collaborators/([^/]+)/permission", route)) != null) {
            String permission = permissions.getOrDefault(m.group(1), "read");
            return ok(obj("permission", permission, "role_name", permission, "user", user(m.group(1))));
        }
        if ((m = match("GET /contents/(.+)", route)) != null) {
            Optional<byte[]> content = file(m.group(1), query.getOrDefault("ref", "main"));
            if (content.isEmpty()) {
                return Optional.of(answer(404, obj("message", "Not Found")));
            }
            return ok(obj("type", "file", "encoding", "base64", "size", content.get().length, "name", m.group(1),
                    "path", m.group(1), "sha", "0".repeat(40), "content",
                    Base64.getMimeEncoder().encodeToString(content.get()),
                    "url", api() + "/contents/" + m.group(1)));
        }
        return Optional.empty();
    }

    private ResponseDefinition createPull(JsonNode request) throws IOException {
        String head = request.path("head").asString();
        if (tip(head).isEmpty() || pulls.values().stream().anyMatch(p -> head.equals(p.get("head"))
                && "open".equals(p.get("state")))) {
            return answer(422, obj("message", "Validation Failed",
                    "errors", List.of(obj("resource", "PullRequest", "field", "head", "code", "invalid"))));
        }
        long number = nextNumber++;
        Map<String, Object> pr = new LinkedHashMap<>();
        pr.put("number", number);
        pr.put("title", request.path("title").asString());
        pr.put("body", request.path("body").asString());
        pr.put("head", head);
        pr.put("base", request.path("base").asString());
        pr.put("draft", request.path("draft").asBoolean(false));
        pr.put("state", "open");
        pr.put("created_at", now());
        pulls.put(number, pr);
        return answer(201, pullJson(number));
    }

    /** Merges the head branch into the base in the bare repository, as GitHub's merge button would. */
    private ResponseDefinition merge(long number, JsonNode request) throws IOException {
        Map<String, Object> pr = pulls.get(number);
        if (pr == null || !"open".equals(pr.get("state"))) {
            return answer(405, obj("message", "Pull Request is not mergeable"));
        }
        if (Boolean.TRUE.equals(pr.get("draft"))) {
            return answer(405, obj("message", "Pull Request is still a draft"));
        }
        String headSha = tip((String) pr.get("head")).orElseThrow();
        if (request.has("sha") && !request.path("sha").asString().equals(headSha)) {
            return answer(409, obj("message", "Head branch was modified. Review and try the merge again."));
        }
        String method = request.path("merge_method").asString("merge");
        try (Repository repo = open(); RevWalk walk = new RevWalk(repo); ObjectInserter inserter = repo.newObjectInserter()) {
            RevCommit base = walk.parseCommit(repo.resolve("refs/heads/" + pr.get("base")));
            RevCommit head = walk.parseCommit(ObjectId.fromString(headSha));
            ThreeWayMerger merger = MergeStrategy.RECURSIVE.newMerger(repo, true);
            if (!merger.merge(base, head)) {
                return answer(405, obj("message", "Pull Request is not mergeable"));
            }
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(merger.getResultTreeId());
            if (method.equals("merge")) {
                commit.setParentIds(base, head);
            } else {
                commit.setParentId(base);
            }
            PersonIdent github = new PersonIdent("GitHub", "noreply@github.com");
            commit.setAuthor(github);
            commit.setCommitter(github);
            commit.setMessage(pr.get("title") + " (#" + number + ")\n");
            ObjectId merged = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = repo.updateRef("refs/heads/" + pr.get("base"));
            update.setExpectedOldObjectId(base);
            update.setNewObjectId(merged);
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.FAST_FORWARD && result != RefUpdate.Result.NEW) {
                return answer(409, obj("message", "Base branch was modified: " + result));
            }
            pr.put("state", "closed");
            pr.put("merged_at", now());
            pr.put("merge_commit_sha", merged.name());
            pr.put("head_sha", headSha);
            return ok200(obj("sha", merged.name(), "merged", true, "message", "Pull Request successfully merged"));
        }
    }

    private ResponseDefinition graphql(JsonNode request) {
        String query = request.path("query").asString();
        if (query.contains("reviewThreads")) {
            return ok200(obj("data", obj("repository", obj("pullRequest", obj("reviewThreads", obj(
                    "nodes", List.of(), "pageInfo", obj("hasNextPage", false)))))));
        }
        if (query.contains("markPullRequestReadyForReview")) {
            String nodeId = request.path("variables").path("pr").asString();
            for (Map.Entry<Long, Map<String, Object>> pr : pulls.entrySet()) {
                if (nodeId.equals("PR_" + pr.getKey())) {
                    pr.getValue().put("draft", false);
                    return ok200(obj("data", obj("markPullRequestReadyForReview", obj("pullRequest",
                            obj("number", pr.getKey(), "isDraft", false)))));
                }
            }
        }
        unhandled.add("POST /graphql " + query);
        return ok200(obj("errors", List.of(obj("type", "NOT_FOUND", "message", "not known to the fake"))));
    }

    private Optional<Map<String, Object>> issueJson(long number) {
        if (pulls.containsKey(number)) {
            Map<String, Object> pr = pulls.get(number);
            Map<String, Object> issue = issueShape(number, (String) pr.get("title"), (String) pr.get("body"),
                    (String) pr.get("state"), List.of(), "tamma-bot", (String) pr.get("created_at"));
            issue.put("pull_request", obj("url", api() + "/pulls/" + number));
            return Optional.of(issue);
        }
        Map<String, Object> i = issues.get(number);
        if (i == null) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<String> labels = (List<String>) i.get("labels");
        return Optional.of(issueShape(number, (String) i.get("title"), (String) i.get("body"), (String) i.get("state"),
                labels, (String) i.get("author"), (String) i.get("created_at")));
    }

    private Map<String, Object> issueShape(long number, String title, String body, String state, List<String> labels,
            String author, String createdAt) {
        Map<String, Object> issue = new LinkedHashMap<>();
        issue.put("id", 1_000_000 + number);
        issue.put("node_id", "I_" + number);
        issue.put("number", number);
        issue.put("title", title);
        issue.put("body", body);
        issue.put("state", state);
        issue.put("user", user(author));
        issue.put("labels", labels.stream().map(FakeGitHub::label).toList());
        issue.put("assignees", List.of());
        issue.put("comments", comments.getOrDefault(number, List.of()).size());
        issue.put("url", api() + "/issues/" + number);
        issue.put("html_url", html() + "/issues/" + number);
        issue.put("created_at", createdAt);
        issue.put("updated_at", createdAt);
        return issue;
    }

    private Map<String, Object> pullJson(long number) throws IOException {
        Map<String, Object> pr = pulls.get(number);
        String head = (String) pr.get("head");
        String headSha = pr.containsKey("head_sha") ? (String) pr.get("head_sha") : tip(head).orElse("0".repeat(40));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", 2_000_000 + number);
        json.put("node_id", "PR_" + number);
        json.put("number", number);
        json.put("state", pr.get("state"));
        json.put("title", pr.get("title"));
        json.put("body", pr.get("body"));
        json.put("draft", pr.get("draft"));
        json.put("user", user("tamma-bot"));
        json.put("url", api() + "/pulls/" + number);
        json.put("html_url", html() + "/pull/" + number);
        json.put("issue_url", api() + "/issues/" + number);
        json.put("created_at", pr.get("created_at"));
        json.put("updated_at", pr.get("created_at"));
        json.put("merged", pr.containsKey("merged_at"));
        json.put("merged_at", pr.get("merged_at"));
        json.put("merge_commit_sha", pr.get("merge_commit_sha"));
        json.put("mergeable", true);
        json.put("head", obj("label", owner + ":" + head, "ref", head, "sha", headSha, "repo", repository()));
        String base = (String) pr.get("base");
        json.put("base", obj("label", owner + ":" + base, "ref", base, "sha", tip(base).orElseThrow(),
                "repo", repository()));
        return json;
    }

    private Map<String, Object> repository() {
        return obj("id", 1296269, "node_id", "R_1296269", "name", fullName.substring(owner.length() + 1),
                "full_name", fullName, "owner", obj("login", owner, "id", 1, "type", "Organization"),
                "private", false, "html_url", html(), "url", api(), "clone_url", cloneUrl,
                "default_branch", "main", "permissions", obj("admin", false, "push", true, "pull", true));
    }

    private Map<String, Object> checkRun(String sha) {
        return obj("id", 4242, "node_id", "CR_4242", "head_sha", sha, "name", CHECK, "status", "completed",
                "conclusion", "success", "html_url", html() + "/runs/4242", "details_url", "https://ci.example.com/4242",
                "started_at", now(), "completed_at", now(), "pull_requests", List.of());
    }

    private List<String> labelsOf(long number) {
        @SuppressWarnings("unchecked")
        List<String> labels = (List<String>) issues.get(number).get("labels");
        return labels;
    }

    private Optional<String> tip(String branch) throws IOException {
        try (Repository repo = open()) {
            ObjectId id = repo.resolve("refs/heads/" + branch);
            return Optional.ofNullable(id).map(ObjectId::name);
        }
    }

    private boolean exists(String sha) throws IOException {
        try (Repository repo = open()) {
            return repo.getObjectDatabase().has(ObjectId.fromString(sha));
        }
    }

    private Optional<byte[]> file(String path, String ref) throws IOException {
        try (Repository repo = open(); RevWalk walk = new RevWalk(repo)) {
            ObjectId commit = repo.resolve(ref);
            if (commit == null) {
                return Optional.empty();
            }
            try (TreeWalk tree = TreeWalk.forPath(repo, path, walk.parseCommit(commit).getTree())) {
                return tree == null ? Optional.empty() : Optional.of(repo.open(tree.getObjectId(0)).getBytes());
            }
        }
    }

    private Repository open() throws IOException {
        return new FileRepositoryBuilder().setGitDir(bare.toFile()).setMustExist(true).build();
    }

    private String api() {
        return server.baseUrl() + "/repos/" + fullName;
    }

    private String html() {
        return "https://github.example/" + fullName;
    }

    private static Map<String, Object> user(String login) {
        return obj("login", login, "id", Math.abs(login.hashCode()), "type", login.endsWith("-bot") ? "Bot" : "User");
    }

    private static Map<String, Object> label(String name) {
        return obj("id", Math.abs(name.hashCode()), "name", name, "color", "f29513");
    }

    /** A JSON object of key-value pairs, in order; values may be null, as in GitHub's answers. */
    private static Map<String, Object> obj(Object... keyValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            object.put((String) keyValues[i], keyValues[i + 1]);
        }
        return object;
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static long number(Matcher m) {
        return Long.parseLong(m.group(1));
    }

    private static Matcher match(String pattern, String route) {
        Matcher m = Pattern.compile(pattern).matcher(route);
        return m.matches() ? m : null;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static Optional<ResponseDefinition> ok(Object body) {
        return Optional.of(ok200(body));
    }

    private static ResponseDefinition ok200(Object body) {
        return answer(200, body);
    }

    private static ResponseDefinition answer(int status, Object body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("X-RateLimit-Limit", "5000").withHeader("X-RateLimit-Remaining", "4999")
                .withHeader("X-RateLimit-Reset", Long.toString(Instant.now().plusSeconds(3600).getEpochSecond()))
                .withHeader("X-RateLimit-Resource", "core")
                .withBody(JSON.writeValueAsString(body)).build();
    }
}
