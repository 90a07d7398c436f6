package dev.tamma.orchestrator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.orchestrator.testdb.TammaSpringTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

@TammaSpringTest
@TestPropertySource(properties = {
    "tamma.webhooks.github.secrets[0]=the-old-secret",
    "tamma.webhooks.github.secrets[1]=the-new-secret",
    "tamma.webhooks.repositories[0]=octo-org/*",
    "tamma.webhooks.max-body-bytes=65536"})
class WebhookEndpointTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    /** An issues/labeled delivery in the shape of GitHub's webhook payload reference. */
    private static String labeled(String repository) {
        return "{\"action\":\"labeled\",\"issue\":{\"number\":42,\"title\":\"Crash on start\",\"state\":\"open\","
                + "\"labels\":[{\"name\":\"tamma\"}],\"assignees\":[],\"user\":{\"login\":\"maria\",\"type\":\"User\"}},"
                + "\"label\":{\"name\":\"tamma\"},\"repository\":{\"full_name\":\"" + repository + "\",\"fork\":false},"
                + "\"sender\":{\"login\":\"maria\",\"type\":\"User\"}}";
    }

    private static String sign(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> send(String path, String event, String delivery, String signature, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", delivery)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private int stored(String delivery) {
        return jdbc.sql("SELECT count(*) FROM webhook_inbox WHERE delivery_id = ?").param(delivery)
                .query(Integer.class).single();
    }

    private static String pullRequestOpened(String headRepository) {
        return "{\"action\":\"opened\",\"number\":9,\"pull_request\":{\"number\":9,\"head\":{\"sha\":\"f00d\","
                + "\"ref\":\"patch-1\",\"repo\":{\"full_name\":\"" + headRepository + "\"}},\"base\":{\"ref\":\"main\","
                + "\"repo\":{\"full_name\":\"octo-org/hello-world\"}},\"user\":{\"login\":\"outsider\",\"type\":\"User\"}},"
                + "\"repository\":{\"full_name\":\"octo-org/hello-world\",\"fork\":false},"
                + "\"sender\":{\"login\":\"outsider\",\"type\":\"User\"}}";
    }

    @Test
    void aPullRequestFromAForkIsDroppedOnArrivalAndOneFromTheRepositoryItselfIsStored() throws Exception {
        String fromFork = UUID.randomUUID().toString();
        String fromBranch = UUID.randomUUID().toString();
        String forkBody = pullRequestOpened("outsider/hello-world");
        String branchBody = pullRequestOpened("octo-org/hello-world");

        HttpResponse<String> fork = send("/webhooks/github", "pull_request", fromFork,
                sign("the-new-secret", forkBody), forkBody);
        HttpResponse<String> branch = send("/webhooks/github", "pull_request", fromBranch,
                sign("the-new-secret", branchBody), branchBody);

        assertThat(fork.statusCode()).isEqualTo(202);
        assertThat(fork.body()).contains("pull request from a fork");
        assertThat(stored(fromFork)).isZero();
        assertThat(branch.statusCode()).isEqualTo(200);
        assertThat(stored(fromBranch)).isOne();
    }

    @Test
    void aSignedDeliveryIsStoredOnceAndItsRedeliveryIsAnsweredWithoutASecondRow() throws Exception {
        String delivery = UUID.randomUUID().toString();
        String body = labeled("octo-org/hello-world");

        HttpResponse<String> first = send("/webhooks/github", "issues", delivery, sign("the-new-secret", body), body);
        HttpResponse<String> again = send("/webhooks/github", "issues", delivery, sign("the-old-secret", body), body);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"status\":\"stored\"");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"status\":\"duplicate\"");
        assertThat(stored(delivery)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT repository || ' ' || array_to_string(event_types, ',') FROM webhook_inbox "
                + "WHERE delivery_id = ?").param(delivery).query(String.class).single())
                .isEqualTo("octo-org/hello-world IssueLabeled");
    }

    @Test
    void theSameDeliveryArrivingTwiceAtOnceIsStoredOnce() throws Exception {
        String delivery = UUID.randomUUID().toString();
        String body = labeled("octo-org/hello-world");
        String signature = sign("the-new-secret", body);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return send("/webhooks/github", "issues", delivery, signature, body);
                }));
            }
            go.countDown();
            for (Future<HttpResponse<String>> answer : answers) {
                assertThat(answer.get().statusCode()).isEqualTo(200);
            }
        }
        assertThat(stored(delivery)).isEqualTo(1);
    }

    @Test
    void aBadSignatureIsRefusedWithoutEchoingItAndNothingIsStored() throws Exception {
        String delivery = UUID.randomUUID().toString();
        String body = labeled("octo-org/hello-world");
        String forged = sign("a-guess", body);

        HttpResponse<String> response = send("/webhooks/github", "issues", delivery, forged, body);
        HttpResponse<String> unsigned = send("/webhooks/github", "issues", delivery, null, body);
        String tampered = body.replace("42", "43");
        HttpResponse<String> altered = send("/webhooks/github", "issues", delivery, sign("the-new-secret", body), tampered);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain(forged.substring(7)).doesNotContain("the-new-secret");
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(altered.statusCode()).isEqualTo(401);
        assertThat(stored(delivery)).isZero();
    }

    @Test
    void anEndpointWithoutASecretRefusesEveryDeliveryAndNamesTheKey() throws Exception {
        HttpResponse<String> response = send("/webhooks/gitlab", "issues", UUID.randomUUID().toString(), null, "{}");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("tamma.webhooks.gitlab");
    }

    @Test
    void unknownEventsAndUnwatchedRepositoriesAreAnswered202AndNotStored() throws Exception {
        String star = UUID.randomUUID().toString();
        String body = "{\"action\":\"created\",\"repository\":{\"full_name\":\"octo-org/hello-world\"},"
                + "\"sender\":{\"login\":\"maria\",\"type\":\"User\"}}";
        HttpResponse<String> ignored = send("/webhooks/github", "star", star, sign("the-new-secret", body), body);

        String elsewhere = UUID.randomUUID().toString();
        String other = labeled("someone-else/app");
        HttpResponse<String> unwatched = send("/webhooks/github", "issues", elsewhere, sign("the-new-secret", other), other);

        assertThat(ignored.statusCode()).isEqualTo(202);
        assertThat(unwatched.statusCode()).isEqualTo(202);
        assertThat(unwatched.body()).contains("not watched");
        assertThat(stored(star) + stored(elsewhere)).isZero();
    }

    @Test
    void badRequestsGetClearAnswers() throws Exception {
        String big = "{\"padding\":\"" + "x".repeat(70_000) + "\"}";
        assertThat(send("/webhooks/github", "issues", "d1", sign("the-new-secret", big), big).statusCode()).isEqualTo(413);
        String broken = "{\"action\":";
        HttpResponse<String> malformed = send("/webhooks/github", "issues", "d2", sign("the-new-secret", broken), broken);
        assertThat(malformed.statusCode()).isEqualTo(400);
        HttpResponse<String> nowhere = send("/webhooks/svn", "issues", "d3", null, "{}");
        assertThat(nowhere.statusCode()).isEqualTo(404);
        assertThat(nowhere.body()).contains("github, gitlab, gitea, forgejo, bitbucket or azure");
    }
}
