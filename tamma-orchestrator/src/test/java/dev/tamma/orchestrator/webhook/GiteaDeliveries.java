package dev.tamma.orchestrator.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Gitea webhook deliveries, signed as Gitea signs them, for tests that drive the service by webhook. */
final class GiteaDeliveries {

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final String secret;
    private final String repository;

    GiteaDeliveries(int port, String secret, String repository) {
        this.port = port;
        this.secret = secret;
        this.repository = repository;
    }

    /** Sends a signed delivery of {@code event}; returns the HTTP status. */
    int send(String event, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/gitea"))
                .header("Content-Type", "application/json")
                .header("X-Gitea-Event", event)
                .header("X-Gitea-Event-Type", event)
                .header("X-Gitea-Delivery", UUID.randomUUID().toString())
                .header("X-Gitea-Signature", sign(body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    int comment(long number, boolean onPullRequest, long commentId, String login, String text) throws Exception {
        return send("issue_comment", "{\"action\":\"created\",\"issue\":{\"number\":" + number + "},"
                + "\"comment\":{\"id\":" + commentId + ",\"body\":\"" + text + "\",\"user\":{\"login\":\"" + login
                + "\"}}," + repositoryAndSender(login) + ",\"is_pull\":" + onPullRequest + "}");
    }

    int review(String event, long pullRequest, String login, String text) throws Exception {
        return send(event, "{\"action\":\"reviewed\",\"number\":" + pullRequest + ",\"pull_request\":{\"number\":"
                + pullRequest + "},\"review\":{\"type\":\"" + event + "\",\"content\":\"" + text + "\"},"
                + repositoryAndSender(login) + "}");
    }

    int pullRequestClosed(long pullRequest, boolean merged, String login) throws Exception {
        return send("pull_request", "{\"action\":\"closed\",\"number\":" + pullRequest + ",\"pull_request\":{"
                + "\"number\":" + pullRequest + ",\"merged\":" + merged + ",\"head\":{\"sha\":\"abc\",\"ref\":\"x\","
                + "\"repo\":{\"full_name\":\"" + repository + "\"}},\"base\":{\"ref\":\"main\",\"repo\":{\"full_name\":\""
                + repository + "\"}}}," + repositoryAndSender(login) + "}");
    }

    int pullRequestOpened(long pullRequest, String headRepository, String login) throws Exception {
        return send("pull_request", "{\"action\":\"opened\",\"number\":" + pullRequest + ",\"pull_request\":{"
                + "\"number\":" + pullRequest + ",\"head\":{\"sha\":\"f00d\",\"ref\":\"patch-1\",\"repo\":{\"full_name\":\""
                + headRepository + "\"}},\"base\":{\"ref\":\"main\",\"repo\":{\"full_name\":\"" + repository + "\"}},"
                + "\"user\":{\"login\":\"" + login + "\"}}," + repositoryAndSender(login) + "}");
    }

    /** Gitea names no label in {@code label_updated}: it sends the issue's labels after the change. */
    int issueLabeled(long number, String login, String... labels) throws Exception {
        StringBuilder names = new StringBuilder();
        for (String label : labels) {
            names.append(names.isEmpty() ? "" : ",").append("{\"name\":\"").append(label).append("\"}");
        }
        return send("issues", "{\"action\":\"label_updated\",\"number\":" + number + ",\"issue\":{\"number\":"
                + number + ",\"state\":\"open\",\"labels\":[" + names + "]}," + repositoryAndSender(login) + "}");
    }

    int issueClosed(long number, String login) throws Exception {
        return send("issues", "{\"action\":\"closed\",\"number\":" + number + ",\"issue\":{\"number\":" + number
                + ",\"state\":\"closed\",\"labels\":[]}," + repositoryAndSender(login) + "}");
    }

    int status(String sha, String state, String login) throws Exception {
        return send("status", "{\"sha\":\"" + sha + "\",\"state\":\"" + state + "\",\"context\":\"ci/build\","
                + "\"target_url\":\"http://ci/1\"," + repositoryAndSender(login) + "}");
    }

    private String repositoryAndSender(String login) {
        return "\"repository\":{\"id\":140,\"full_name\":\"" + repository + "\"},\"sender\":{\"id\":2,\"login\":\""
                + login + "\",\"username\":\"" + login + "\"}";
    }

    private String sign(String body) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
