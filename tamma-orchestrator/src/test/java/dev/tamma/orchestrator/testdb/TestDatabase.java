package dev.tamma.orchestrator.testdb;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL every test of this JVM shares, started on first use.
 *
 * <ul>
 *   <li>{@code TAMMA_TEST_DATABASE_URL} (with {@code TAMMA_TEST_DATABASE_USERNAME} and
 *       {@code TAMMA_TEST_DATABASE_PASSWORD}): an existing server;</li>
 *   <li>{@code -Dtamma.test.db=testcontainers}: a PostgreSQL 17 container, where Docker runs;</li>
 *   <li>otherwise: an embedded PostgreSQL 17, no installation needed.</li>
 * </ul>
 */
public record TestDatabase(String url, String username, String password, String kind) {

    private static final class Shared {
        static final TestDatabase INSTANCE = start();
    }

    public static TestDatabase get() {
        return Shared.INSTANCE;
    }

    private static TestDatabase start() {
        String url = System.getenv("TAMMA_TEST_DATABASE_URL");
        if (url != null && !url.isBlank()) {
            return new TestDatabase(url, env("TAMMA_TEST_DATABASE_USERNAME", "postgres"),
                    env("TAMMA_TEST_DATABASE_PASSWORD", ""), "external");
        }
        if ("testcontainers".equals(System.getProperty("tamma.test.db"))) {
            var container = new PostgreSQLContainer("postgres:17-alpine");
            container.start(); // stopped by Testcontainers' reaper when the JVM exits
            return new TestDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                    "testcontainers");
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start(); // stops itself at JVM exit
            return new TestDatabase(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", "embedded");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL for tests", e);
        }
    }

    /** Creates an empty database on the same server, for a test that must not share the log; its JDBC URL. */
    public String createDatabase(String name) {
        try (Connection c = DriverManager.getConnection(url, username, password); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the test database " + name, e);
        }
        return url.replaceFirst("(//[^/]+/)[^?]*", "$1" + name);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
