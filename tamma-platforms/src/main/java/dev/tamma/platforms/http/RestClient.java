package dev.tamma.platforms.http;

import dev.tamma.core.platform.PlatformException;
import dev.tamma.core.platform.PlatformException.Kind;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON over {@link HttpClient} for the REST platforms, through {@link Resilience}: reads are retried,
 * writes throttled. GETs are conditional: the {@code ETag} of each answer is kept and sent back as
 * {@code If-None-Match}, and a {@code 304} serves the kept body (on GitHub and Gitea a 304 does not
 * count against the rate limit). Lists follow {@code Link: <...>; rel="next"} across pages.
 */
public final class RestClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_KEPT = 10_000;
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

    private final String platform;
    private final URI base;
    private final Supplier<String> authorization;
    private final HttpClient http;
    private final Resilience resilience;
    private final Clock clock;
    private final Map<URI, Cached> etags = new ConcurrentHashMap<>();

    private record Cached(String etag, String body) {
    }

    /** {@code authorization} gives the whole {@code Authorization} header value for each request. */
    public RestClient(String platform, URI base, Supplier<String> authorization, HttpClient http, Resilience resilience,
            Clock clock) {
        this.platform = platform;
        this.base = URI.create(base.toString().replaceAll("/+$", ""));
        this.authorization = authorization;
        this.http = http;
        this.resilience = resilience;
        this.clock = clock;
    }

    /** One path segment, percent-encoded ({@code tamma:working} stays one segment, spaces become %20). */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public JsonNode get(String path) {
        return resilience.read("GET " + path, () -> JSON.readTree(fetch(uri(path), path)));
    }

    /** Every element of every page of a JSON array answer. */
    public List<JsonNode> getAll(String path) {
        return resilience.read("GET " + path, () -> {
            List<JsonNode> all = new ArrayList<>();
            Optional<URI> next = Optional.of(uri(path));
            while (next.isPresent()) {
                HttpResponse<String> response = exchange("GET", next.get(), path, null);
                JSON.readTree(response.body()).forEach(all::add);
                next = response.headers().allValues("Link").stream().flatMap(l -> NEXT.matcher(l).results())
                        .map(m -> URI.create(m.group(1))).findFirst();
            }
            return all;
        });
    }

    /**
     * Every element of {@code itemsField} across pages that name the next one in the body's
     * {@code nextField} (Bitbucket: {@code values} and {@code next}).
     */
    public List<JsonNode> getAllInBody(String path, String itemsField, String nextField) {
        return resilience.read("GET " + path, () -> {
            List<JsonNode> all = new ArrayList<>();
            Optional<URI> next = Optional.of(uri(path));
            while (next.isPresent()) {
                JsonNode page = JSON.readTree(exchange("GET", next.get(), path, null).body());
                page.path(itemsField).forEach(all::add);
                next = page.path(nextField).isString() ? Optional.of(URI.create(page.path(nextField).asString()))
                        : Optional.empty();
            }
            return all;
        });
    }

    /** The answer's bytes, or empty on 404. */
    public Optional<byte[]> getBytes(String path) {
        return resilience.read("GET " + path, () -> {
            HttpRequest request = request(uri(path)).GET().build();
            HttpResponse<byte[]> response = send(request, HttpResponse.BodyHandlers.ofByteArray(), path);
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() >= 300) {
                throw HttpErrors.of(platform, "GET", path, response.statusCode(), response.headers(),
                        new String(response.body(), StandardCharsets.UTF_8), clock);
            }
            return Optional.of(response.body());
        });
    }

    public JsonNode post(String path, Object body) {
        return write("POST", path, body);
    }

    public JsonNode patch(String path, Object body) {
        return write("PATCH", path, body);
    }

    public JsonNode put(String path, Object body) {
        return write("PUT", path, body);
    }

    public JsonNode delete(String path) {
        return write("DELETE", path, null);
    }

    /** A JSON Patch document ({@code application/json-patch+json}), as Azure DevOps edits work items. */
    public JsonNode jsonPatch(String path, List<?> operations) {
        return resilience.write("PATCH " + path, () -> {
            HttpResponse<String> response = exchange("PATCH", uri(path), path, JSON.writeValueAsString(operations),
                    "application/json-patch+json");
            return JSON.readTree(response.body());
        });
    }

    /** A query sent with POST that changes nothing (Azure DevOps' WIQL): retried like a read, not throttled. */
    public JsonNode query(String path, Object body) {
        return resilience.read("POST " + path, () -> JSON.readTree(exchange("POST", uri(path), path,
                JSON.writeValueAsString(body)).body()));
    }

    private JsonNode write(String method, String path, Object body) {
        return resilience.write(method + " " + path, () -> {
            HttpResponse<String> response = exchange(method, uri(path), path, body == null ? null : JSON.writeValueAsString(body));
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        });
    }

    private String fetch(URI uri, String path) {
        Cached cached = etags.get(uri);
        HttpRequest.Builder builder = request(uri).GET();
        if (cached != null) {
            builder.header("If-None-Match", cached.etag());
        }
        HttpResponse<String> response = send(builder.build(), HttpResponse.BodyHandlers.ofString(), path);
        if (response.statusCode() == 304 && cached != null) {
            return cached.body();
        }
        check("GET", path, response);
        response.headers().firstValue("ETag").ifPresent(etag -> {
            if (etags.size() >= MAX_KEPT) {
                etags.clear(); // a crude bound: polling starts over with full answers
            }
            etags.put(uri, new Cached(etag, response.body()));
        });
        return response.body();
    }

    private HttpResponse<String> exchange(String method, URI uri, String path, String json) {
        return exchange(method, uri, path, json, "application/json");
    }

    private HttpResponse<String> exchange(String method, URI uri, String path, String json, String contentType) {
        HttpRequest.Builder builder = request(uri);
        if (json != null) {
            builder.header("Content-Type", contentType);
        }
        builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = send(builder.build(), HttpResponse.BodyHandlers.ofString(), path);
        check(method, path, response);
        return response;
    }

    private void check(String method, String path, HttpResponse<String> response) {
        boolean signInPage = response.statusCode() == 203
                && response.headers().firstValue("Content-Type").orElse("").contains("text/html");
        if (signInPage) {
            // Azure DevOps answers a refused token with 203 and its sign-in page
            throw new PlatformException(Kind.UNAUTHORIZED, 203, platform + ": " + method + " " + path
                    + " answered with a sign-in page: the token was refused");
        }
        if (response.statusCode() >= 300) {
            throw HttpErrors.of(platform, method, path, response.statusCode(), response.headers(), response.body(), clock);
        }
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Accept", "application/json")
                .header("User-Agent", "Tamma").header("Authorization", authorization.get());
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, String path) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new PlatformException(Kind.UNAVAILABLE, 0, platform + ": " + request.method() + " " + path
                    + " failed: " + e.getClass().getSimpleName(), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException(Kind.UNAVAILABLE, 0, platform + ": interrupted during " + path, null, e);
        }
    }

    private URI uri(String path) {
        return URI.create(base + (path.startsWith("/") ? path : "/" + path));
    }
}
