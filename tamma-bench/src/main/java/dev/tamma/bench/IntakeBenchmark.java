package dev.tamma.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.tamma.orchestrator.TammaApplication;
import dev.tamma.orchestrator.database.EmbeddedPostgresServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Webhook intake: signed GitHub deliveries posted to {@code /webhooks/github} by concurrent clients
 * (verification on the raw bytes, normalisation, the inbox insert, the answer), next to a plain JDBC
 * single-row INSERT of the same row into a copy of the inbox table, on the same PostgreSQL with the
 * same pool size, and the same POST with a wrong signature, read, checked and refused (the floor:
 * HTTP and verification without storage), interleaved in one run after the JIT has settled. Then
 * Tamma and the plain INSERT at a fixed arrival rate, with latency measured from each request's
 * scheduled start. Each figure comes with the CPU time the JVM and PostgreSQL spent per request. The
 * inbox consumer is held back, so intake is measured alone. Run with
 * {@code ./tamma bench intake [deliveries per round] [clients] [rate per second]}.
 */
public final class IntakeBenchmark {

    private static final String SECRET = "intake-benchmark-secret";
    private static final int ROUNDS = 3;
    private static final int WARM_UP = 5_000;
    private static final int MAX_WARM_UP_ROUNDS = 20;
    private static final int RATE_SECONDS = 10;
    private static final int POOL_SIZE = 10; // the service's default Hikari pool
    private static final String PLAIN_INSERT = """
            INSERT INTO bench_plain_inbox (platform, delivery_id, body_sha256, repository, event_types, events,
                                           content_type, body)
            VALUES ('github', ?, ?, 'octo-org/hello-world', '{IssueCommentCreated}', ?::jsonb, 'application/json', ?)
            """;

    private final CloseableHttpClient http;
    private final URI endpoint;
    private final HikariDataSource plainPool;
    private final byte[] body;
    private final String signature;
    private final String forgedSignature;
    private final String bodySha256;
    private final String eventsJson;
    private final AtomicInteger stored = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final Path postgresData;

    private IntakeBenchmark(URI endpoint, HikariDataSource plainPool, int clients, Path postgresData)
            throws Exception {
        this.postgresData = postgresData;
        // one kept-alive connection per client, as a platform's delivery workers would hold
        this.http = HttpClients.custom().setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(clients).setMaxConnPerRoute(clients).build())
                .disableCookieManagement().disableRedirectHandling().disableAuthCaching().disableAutomaticRetries()
                .disableContentCompression().disableConnectionState().build();
        this.endpoint = endpoint;
        this.plainPool = plainPool;
        this.body = commentBody().getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        this.signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        mac.init(new SecretKeySpec("not-the-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        this.forgedSignature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        this.bodySha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        this.eventsJson = "[{\"type\":\"IssueCommentCreated\",\"event\":{\"number\":1347,\"onPullRequest\":false,"
                + "\"commentId\":\"1928374650\",\"body\":\"Looks good, but could the parser keep the original "
                + "whitespace?\",\"author\":{\"login\":\"maria\",\"bot\":false}}}]";
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("logback.configurationFile", "logback-cli.xml");
        int perRound = args.length > 0 ? Integer.parseInt(args[0]) : 4_000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(
                Files.createTempDirectory("tamma-intake").resolve("pgdata"));
                ConfigurableApplicationContext app = new SpringApplicationBuilder(TammaApplication.class).run(
                        "--server.port=0", "--spring.datasource.url=" + server.jdbcUrl(),
                        "--spring.datasource.username=postgres", "--logging.level.root=WARN",
                        "--tamma.webhooks.github.secrets[0]=" + SECRET, "--tamma.triggers.poll-interval=1h",
                        "--tamma.reconciler.interval=0");
                HikariDataSource plainPool = new HikariDataSource()) {
            plainPool.setJdbcUrl(server.jdbcUrl());
            plainPool.setUsername("postgres");
            plainPool.setMaximumPoolSize(POOL_SIZE);
            try (Connection c = plainPool.getConnection(); var s = c.createStatement()) {
                s.execute("CREATE TABLE bench_plain_inbox (LIKE webhook_inbox INCLUDING ALL)");
            }
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            System.out.printf(Locale.ROOT, "JDK %s, %d cores, embedded PostgreSQL (fsync on), %d clients, pool %d%n",
                    Runtime.version(), Runtime.getRuntime().availableProcessors(), clients, POOL_SIZE);
            new IntakeBenchmark(URI.create("http://localhost:" + port + "/webhooks/github"), plainPool, clients,
                    server.dataDirectory())
                    .run(perRound, clients, rate, app.getBean(JdbcClient.class));
        }
        System.exit(0); // pool threads of the libraries would keep the launcher's JVM waiting
    }

    private void run(int perRound, int clients, int rate, JdbcClient jdbc) throws Exception {
        warmUp(clients);
        stored.set(0);
        jdbc.sql("TRUNCATE webhook_inbox").update();
        jdbc.sql("TRUNCATE bench_plain_inbox").update();
        Result tamma = Result.EMPTY;
        Result plain = Result.EMPTY;
        Result floor = Result.EMPTY;
        for (int round = 0; round < ROUNDS; round++) {
            tamma = tamma.plus(closedLoop(perRound, clients, this::deliver));
            plain = plain.plus(closedLoop(perRound, clients, this::plainInsert));
            floor = floor.plus(closedLoop(perRound, clients, this::postForged));
        }
        Result tammaAtRate = fixedRate(rate, this::deliver);
        Result plainAtRate = fixedRate(rate, this::plainInsert);
        int rows = jdbc.sql("SELECT count(*) FROM webhook_inbox").query(Integer.class).single();

        System.out.println();
        System.out.println("| load | system | requests | throughput | p50 | p99 | CPU per request, JVM | CPU per request, PostgreSQL |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        tamma.print(clients + " clients, closed loop", "Tamma intake (HTTP, verify, inbox insert)");
        plain.print(clients + " clients, closed loop", "plain JDBC INSERT of the same row");
        floor.print(clients + " clients, closed loop", "floor: the same POST with a wrong signature, read, checked and refused (401)");
        tammaAtRate.print(rate + "/s for " + RATE_SECONDS + " s", "Tamma intake (HTTP, verify, inbox insert)");
        plainAtRate.print(rate + "/s for " + RATE_SECONDS + " s", "plain JDBC INSERT of the same row");
        System.out.printf(Locale.ROOT, "%nthroughput Tamma / plain: %.2fx; 2xx \"stored\" answers %d, rows in the inbox %d,"
                + " refused or failed %d%n", tamma.perSecond() / plain.perSecond(), stored.get(), rows, refused.get());
    }

    /** Rounds of all three until the JIT has compiled what they run. */
    private void warmUp(int clients) throws Exception {
        JitWarmUp.until("intake, plain INSERT and floor (" + WARM_UP + " requests each a round)", MAX_WARM_UP_ROUNDS,
                () -> {
                    closedLoop(WARM_UP, clients, this::deliver);
                    closedLoop(WARM_UP, clients, this::plainInsert);
                    closedLoop(WARM_UP, clients, this::postForged);
                });
    }

    /** One delivery; a new delivery id each time, so each is stored. */
    private void deliver() {
        try {
            String answer = post(endpoint, signature);
            if (answer.startsWith("200 ") && answer.contains("\"stored\"")) {
                stored.incrementAndGet();
            } else {
                refused.incrementAndGet();
            }
        } catch (IOException | RuntimeException e) {
            refused.incrementAndGet();
        }
    }

    /**
     * The same request with a signature made with another secret: the endpoint reads the body,
     * checks the signature and refuses it (401). What loopback HTTP, Tomcat, Spring MVC, reading the
     * body and verifying it cost, without normalising or storing anything. (A 503 would not do:
     * Tomcat closes the connection after one, so the floor would measure reconnecting.)
     */
    private void postForged() {
        try {
            post(endpoint, forgedSignature);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An {@code issue_comment} delivery with a new delivery id and this signature; "status answer-body" back. */
    private String post(URI target, String signature) throws IOException {
        HttpPost post = new HttpPost(target);
        post.setHeader("X-GitHub-Event", "issue_comment");
        post.setHeader("X-GitHub-Delivery", UUID.randomUUID().toString());
        post.setHeader("X-Hub-Signature-256", signature);
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        return http.execute(post, response -> response.getCode() + " " + EntityUtils.toString(response.getEntity()));
    }

    private void plainInsert() {
        try (Connection c = plainPool.getConnection(); PreparedStatement insert = c.prepareStatement(PLAIN_INSERT)) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, bodySha256);
            insert.setString(3, eventsJson);
            insert.setBytes(4, body);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code clients} threads doing {@code total} requests back to back. */
    private Result closedLoop(int total, int clients, Runnable request) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(clients);
        CpuTime cpu = CpuTime.now(postgresData);
        long start = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            Thread.ofVirtual().start(() -> {
                while (next.getAndIncrement() < total) {
                    long t = System.nanoTime();
                    request.run();
                    latencies.add((System.nanoTime() - t) / 1e6);
                }
                done.countDown();
            });
        }
        done.await();
        return new Result(total, System.nanoTime() - start, CpuTime.now(postgresData).minus(cpu),
                latencies.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * Requests started at a fixed rate whatever the answers do; each latency runs from the
     * request's scheduled start, so a stall shows as the waits it causes.
     */
    private Result fixedRate(int perSecond, Runnable request) throws InterruptedException {
        int total = perSecond * RATE_SECONDS;
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(total);
        CpuTime cpu = CpuTime.now(postgresData);
        long start = System.nanoTime();
        long interval = 1_000_000_000L / perSecond;
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * interval;
            LockSupport.parkNanos(scheduled - System.nanoTime());
            Thread.ofVirtual().start(() -> {
                request.run();
                latencies.add((System.nanoTime() - scheduled) / 1e6);
                done.countDown();
            });
        }
        done.await();
        return new Result(total, System.nanoTime() - start, CpuTime.now(postgresData).minus(cpu),
                latencies.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private record Result(int requests, long nanos, CpuTime cpu, double[] latenciesMillis) {
        static final Result EMPTY = new Result(0, 0, new CpuTime(0, 0), new double[0]);

        Result plus(Result other) {
            double[] all = Arrays.copyOf(latenciesMillis, latenciesMillis.length + other.latenciesMillis.length);
            System.arraycopy(other.latenciesMillis, 0, all, latenciesMillis.length, other.latenciesMillis.length);
            return new Result(requests + other.requests, nanos + other.nanos, cpu.plus(other.cpu), all);
        }

        double perSecond() {
            return requests / (nanos / 1e9);
        }

        void print(String load, String system) {
            double[] sorted = latenciesMillis.clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %.0f/s | %.2f ms | %.2f ms | %.3f ms | %.3f ms |%n", load,
                    system, requests, perSecond(), sorted[sorted.length / 2],
                    sorted[(int) Math.ceil(sorted.length * 0.99) - 1], cpu.jvmNanos() / 1e6 / requests,
                    cpu.postgresNanos() / 1e6 / requests);
        }
    }

    /** An issue_comment delivery in the shape of GitHub's webhook payload reference (about 2 KB). */
    private static String commentBody() {
        return "{\"action\":\"created\",\"issue\":{\"url\":\"https://api.github.com/repos/octo-org/hello-world/issues/1347\","
                + "\"html_url\":\"https://github.com/octo-org/hello-world/issues/1347\",\"id\":1,\"number\":1347,"
                + "\"title\":\"Found a bug\",\"user\":{\"login\":\"octocat\",\"id\":1,\"type\":\"User\"},"
                + "\"labels\":[{\"id\":208045946,\"name\":\"bug\",\"color\":\"f29513\"}],\"state\":\"open\","
                + "\"locked\":false,\"assignees\":[],\"comments\":3,\"created_at\":\"2026-11-20T20:09:31Z\","
                + "\"updated_at\":\"2026-11-21T09:41:02Z\",\"body\":\"The parser drops trailing whitespace in quoted "
                + "strings. Steps to reproduce: parse a file with a quoted value that ends in spaces.\"},"
                + "\"comment\":{\"url\":\"https://api.github.com/repos/octo-org/hello-world/issues/comments/1928374650\","
                + "\"html_url\":\"https://github.com/octo-org/hello-world/issues/1347#issuecomment-1928374650\","
                + "\"id\":1928374650,\"user\":{\"login\":\"maria\",\"id\":583231,\"type\":\"User\"},"
                + "\"created_at\":\"2026-11-21T09:41:02Z\",\"updated_at\":\"2026-11-21T09:41:02Z\","
                + "\"author_association\":\"MEMBER\",\"body\":\"Looks good, but could the parser keep the original "
                + "whitespace?\"},\"repository\":{\"id\":1296269,\"name\":\"hello-world\",\"full_name\":"
                + "\"octo-org/hello-world\",\"private\":false,\"owner\":{\"login\":\"octo-org\",\"id\":1,\"type\":"
                + "\"Organization\"},\"html_url\":\"https://github.com/octo-org/hello-world\",\"fork\":false,"
                + "\"default_branch\":\"main\"},\"organization\":{\"login\":\"octo-org\",\"id\":1},"
                + "\"sender\":{\"login\":\"maria\",\"id\":583231,\"type\":\"User\"}}";
    }
}
