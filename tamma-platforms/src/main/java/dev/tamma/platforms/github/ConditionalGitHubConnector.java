package dev.tamma.platforms.github;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * Conditional GETs for kohsuke's client: keeps each answer that carried an {@code ETag}, sends it
 * back as {@code If-None-Match}, and answers a {@code 304} with the kept body, so polling an
 * unchanged issue or pull request costs GitHub nothing against the rate limit. The 304's own
 * headers are passed on, so kohsuke still sees the current rate-limit counters.
 */
final class ConditionalGitHubConnector implements GitHubConnector {

    private final GitHubConnector delegate;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    private record Kept(String etag, String contentType, byte[] body) {
    }

    ConditionalGitHubConnector(GitHubConnector delegate) {
        this.delegate = delegate;
    }

    @Override
    public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
        if (!"GET".equals(request.method()) || request.header("Authorization") == null) {
            // kohsuke drops the token when it follows a redirect to another host (a log download's
            // short-lived URL): such an answer is large, signed for one use, and not worth keeping
            return delegate.send(request);
        }
        // one answer per URL and media type: the same URL answers differently to a raw Accept
        String key = request.url() + " " + request.header("Accept");
        Kept previous = kept.get(key);
        GitHubConnectorResponse response = delegate.send(previous == null ? request : new WithHeader(request,
                "If-None-Match", previous.etag()));
        if (response.statusCode() == 304 && previous != null) {
            Map<String, List<String>> headers = headers(response);
            headers.put("Content-Type", List.of(previous.contentType()));
            response.close();
            return new Replayed(request, 200, headers, previous.body());
        }
        String etag = response.header("ETag");
        if (response.statusCode() != 200 || etag == null) {
            return response;
        }
        byte[] body;
        try (InputStream in = response.bodyStream()) {
            body = in.readAllBytes();
        }
        Map<String, List<String>> headers = headers(response);
        response.close();
        String contentType = response.header("Content-Type") == null ? "application/json" : response.header("Content-Type");
        if (kept.size() >= 10_000) {
            kept.clear(); // a crude bound: polling starts over with full answers
        }
        kept.put(key, new Kept(etag, contentType, body));
        return new Replayed(request, 200, headers, body);
    }

    /** The response's headers without Content-Encoding: the kept body is already decoded. */
    private static Map<String, List<String>> headers(GitHubConnectorResponse response) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        response.allHeaders().forEach((name, values) -> {
            if (name != null && !name.equalsIgnoreCase("Content-Encoding") && !name.equalsIgnoreCase("Content-Length")) {
                headers.put(name, values);
            }
        });
        return headers;
    }

    private static final class Replayed extends GitHubConnectorResponse.ByteArrayResponse {
        private final byte[] body;

        Replayed(GitHubConnectorRequest request, int status, Map<String, List<String>> headers, byte[] body) {
            super(request, status, headers);
            this.body = body;
        }

        @Override
        protected InputStream rawBodyStream() {
            return new ByteArrayInputStream(body);
        }
    }

    private record WithHeader(GitHubConnectorRequest request, String name, String value) implements GitHubConnectorRequest {
        @Override
        public String method() {
            return request.method();
        }

        @Override
        public Map<String, List<String>> allHeaders() {
            Map<String, List<String>> headers = new LinkedHashMap<>(request.allHeaders());
            headers.put(name, List.of(value));
            return headers;
        }

        @Override
        public String header(String header) {
            return header.equalsIgnoreCase(name) ? value : request.header(header);
        }

        @Override
        public String contentType() {
            return request.contentType();
        }

        @Override
        public InputStream body() {
            return request.body();
        }

        @Override
        public URL url() {
            return request.url();
        }

        @Override
        public boolean hasBody() {
            return request.hasBody();
        }
    }
}
