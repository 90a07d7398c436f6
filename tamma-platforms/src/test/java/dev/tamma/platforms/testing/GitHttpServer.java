package dev.tamma.platforms.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves the bare repositories under {@code root} over smart HTTP with {@code git http-backend}
 * (CGI), behind HTTP basic auth: every request must carry {@code user:token}, as a hosting
 * platform would demand. Records the request lines it saw, for leak checks.
 */
public final class GitHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Path root;
    private volatile String expectedAuthorization;
    private final List<String> requestLines = new CopyOnWriteArrayList<>();

    public GitHttpServer(Path root, String user, String token) throws IOException {
        this.root = root;
        accept(user, token);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** From now on accepts {@code user:token} only, as a platform does once a token expired. */
    public void accept(String user, String token) {
        expectedAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
    }

    public String url(String repository) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + repository;
    }

    public List<String> requestLines() {
        return List.copyOf(requestLines);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requestLines.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            if (!expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            runBackend(exchange);
        }
    }

    private void runBackend(HttpExchange exchange) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("git", "http-backend");
        Map<String, String> env = pb.environment();
        env.put("GIT_PROJECT_ROOT", root.toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("REMOTE_USER", "tamma");
        env.put("REMOTE_ADDR", "127.0.0.1");
        env.put("PATH_INFO", exchange.getRequestURI().getPath());
        env.put("QUERY_STRING", exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery());
        env.put("REQUEST_METHOD", exchange.getRequestMethod());
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        env.put("CONTENT_TYPE", contentType == null ? "" : contentType);
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null) {
            env.put("HTTP_CONTENT_ENCODING", encoding);
        }
        String protocol = exchange.getRequestHeaders().getFirst("Git-Protocol");
        if (protocol != null) {
            env.put("GIT_PROTOCOL", protocol);
        }
        Process process = pb.start();
        executor.submit(() -> {
            try (InputStream in = exchange.getRequestBody(); OutputStream out = process.getOutputStream()) {
                in.transferTo(out);
            }
            return null;
        });
        executor.submit(() -> process.getErrorStream().transferTo(OutputStream.nullOutputStream()));
        InputStream out = process.getInputStream();
        int status = 200;
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = out.read()) != -1) {
            if (b == '\n') {
                String header = line.toString(StandardCharsets.UTF_8).strip();
                line.reset();
                if (header.isEmpty()) {
                    break;
                }
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).strip();
                String value = header.substring(colon + 1).strip();
                if (name.equalsIgnoreCase("Status")) {
                    status = Integer.parseInt(value.substring(0, 3));
                } else {
                    exchange.getResponseHeaders().add(name, value);
                }
            } else {
                line.write(b);
            }
        }
        exchange.sendResponseHeaders(status, 0);
        try (OutputStream body = exchange.getResponseBody()) {
            out.transferTo(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
