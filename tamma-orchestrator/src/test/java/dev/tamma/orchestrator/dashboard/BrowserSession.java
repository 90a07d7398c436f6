package dev.tamma.orchestrator.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * What a browser does with the dashboard, over plain HTTP: keeps the session cookie, sends forms
 * the way browsers do (with {@code Sec-Fetch-Site}), and listens to server-sent events.
 */
final class BrowserSession {

    record Page(int status, String location, Map<String, String> headers, Document html, String body) {
    }

    private final HttpClient http = HttpClient.newHttpClient(); // follows no redirects: tests look at them
    private final String base;
    private String cookie;

    BrowserSession(int port) {
        this.base = "http://localhost:" + port;
    }

    Page get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    Page post(String path, Map<String, String> form) throws IOException, InterruptedException {
        return post(path, form, Map.of("Sec-Fetch-Site", "same-origin"));
    }

    Page post(String path, Map<String, String> form, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"))));
        headers.forEach(request::header);
        return send(request);
    }

    /** Signs in with {@code token}; the session cookie, if one was set, is kept for later requests. */
    Page signIn(String token) throws IOException, InterruptedException {
        Page page = post("/login", Map.of("token", token, "next", "/"));
        String setCookie = page.headers().get("set-cookie");
        if (setCookie != null && setCookie.startsWith(DashboardSession.COOKIE + "=")) {
            cookie = setCookie.substring(0, setCookie.indexOf(';'));
        }
        return page;
    }

    /** The lines of {@code /events/stream} as they arrive, until the returned future is cancelled. */
    CompletableFuture<Void> listen(String path, BlockingQueue<String> lines) {
        return http.sendAsync(request(path).header("Accept", "text/event-stream").GET().build(),
                        HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> {
                    lines.add("status:" + response.statusCode());
                    try (Stream<String> body = response.body()) {
                        body.forEach(lines::add);
                    }
                });
    }

    static BlockingQueue<String> queue() {
        return new LinkedBlockingQueue<>();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return request;
    }

    private Page send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(", ", values)));
        return new Page(response.statusCode(), headers.get("location"), headers, Jsoup.parse(response.body(), base),
                response.body());
    }
}
