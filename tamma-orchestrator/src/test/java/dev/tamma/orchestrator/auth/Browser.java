package dev.tamma.orchestrator.auth;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A browser's cookies and redirects over plain HTTP: {@link #open} follows redirects (through the
 * provider and back) the way a browser does, {@link #step} makes one request and shows its answer.
 * Both share the cookies, so a session made while following is there for the next step.
 */
final class Browser {

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient following = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final HttpClient stepping = HttpClient.newBuilder().cookieHandler(cookies).build();
    private final String base;

    Browser(int port) {
        this.base = "http://localhost:" + port;
    }

    HttpResponse<String> open(String path) throws IOException, InterruptedException {
        return following.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> step(String pathOrUrl) throws IOException, InterruptedException {
        URI uri = URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
        return stepping.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A form sent from one of the dashboard's own pages. */
    HttpResponse<String> submit(String path, String form) throws IOException, InterruptedException {
        return stepping.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Sec-Fetch-Site", "same-origin")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String location(HttpResponse<?> response) {
        return response.headers().firstValue("location").orElse(null);
    }
}
