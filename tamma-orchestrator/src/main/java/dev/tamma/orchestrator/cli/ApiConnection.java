package dev.tamma.orchestrator.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the operator's commands reach a running orchestrator: its URL and the admin token, as
 * options shared by {@code status}, {@code logs}, {@code approve} and the others.
 */
public final class ApiConnection {

    /** The orchestrator answered with an error; {@code message} is its own explanation. */
    static final class Refused extends RuntimeException {
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    @Option(names = "--orchestrator", paramLabel = "URL",
            defaultValue = "${env:TAMMA_ORCHESTRATOR:-http://localhost:8080}",
            description = "The orchestrator's base URL (default: $TAMMA_ORCHESTRATOR, else ${DEFAULT-VALUE}).")
    URI orchestrator;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "File holding the admin token (default: $TAMMA_API_TOKEN, else the server's own "
                    + "TAMMA_API_ADMINTOKEN or TAMMA_API_ADMINTOKENFILE).")
    Path tokenFile;

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private String token;

    JsonNode get(String path, Map<String, String> query) {
        StringBuilder uri = new StringBuilder(path);
        char separator = '?';
        for (var parameter : query.entrySet()) {
            if (parameter.getValue() != null) {
                uri.append(separator).append(parameter.getKey()).append('=')
                        .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        return send(request(uri.toString()).GET());
    }

    JsonNode post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
    }

    static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String path) {
        String base = orchestrator.toString().replaceAll("/+$", "");
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token())
                .header("Accept", "application/json");
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new IllegalStateException("cannot reach the orchestrator at " + orchestrator
                    + " (is it running? --orchestrator or TAMMA_ORCHESTRATOR name another one)", e);
        } catch (IOException e) {
            throw new IllegalStateException("talking to the orchestrator at " + orchestrator + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        JsonNode body = response.body().isBlank() ? json.createObjectNode() : readOrWrap(response.body());
        if (response.statusCode() >= 400) {
            String error = body.path("error").asString(response.body().strip());
            if (response.statusCode() == 401) {
                error = "the orchestrator at " + orchestrator + " refused the token: " + error;
            }
            throw new Refused(response.statusCode(), error);
        }
        return body;
    }

    private JsonNode readOrWrap(String body) {
        try {
            return json.readTree(body);
        } catch (RuntimeException e) {
            return json.createObjectNode().put("error", body.strip());
        }
    }

    /** The token, read once: the file given, else the environment. Never printed. */
    private String token() {
        if (token == null) {
            token = resolveToken(System.getenv());
        }
        return token;
    }

    String resolveToken(Map<String, String> env) {
        if (tokenFile != null) {
            return read(tokenFile, "--token-file");
        }
        for (String variable : new String[] {"TAMMA_API_TOKEN", "TAMMA_API_ADMINTOKEN"}) {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        String file = env.get("TAMMA_API_ADMINTOKENFILE");
        if (file != null && !file.isBlank()) {
            return read(Path.of(file), "TAMMA_API_ADMINTOKENFILE");
        }
        throw new IllegalArgumentException("no admin token: pass --token-file FILE or set TAMMA_API_TOKEN "
                + "(the value of the orchestrator's tamma.api.admin-token)");
    }

    private static String read(Path file, String source) {
        try {
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new IllegalArgumentException(source + " " + file + " is empty");
            }
            return value;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the token from " + source + " " + file + ": " + e.getMessage(),
                    e);
        }
    }

    JsonMapper json() {
        return json;
    }
}
