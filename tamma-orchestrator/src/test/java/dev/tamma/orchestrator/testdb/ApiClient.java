package dev.tamma.orchestrator.testdb;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls a running service's API as its admin (or with another token, or none). */
public record ApiClient(String baseUrl, String token) {

    /** The admin token every {@link TammaSpringTest} service is configured with. */
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static ApiClient admin(int port) {
        return new ApiClient("http://localhost:" + port, ADMIN_TOKEN);
    }

    public ApiClient withToken(String other) {
        return new ApiClient(baseUrl, other);
    }

    /** A response; {@code json} is null when the body is empty or not JSON. */
    public record Reply(int status, String body, JsonNode json) {
    }

    public Reply get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    public Reply post(String path, Object body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private static Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        if (response.body().startsWith("{") || response.body().startsWith("[")) {
            json = JSON.readTree(response.body());
        }
        return new Reply(response.statusCode(), response.body(), json);
    }
}
