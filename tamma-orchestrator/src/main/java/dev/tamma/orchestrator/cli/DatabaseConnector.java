package dev.tamma.orchestrator.cli;

import dev.tamma.orchestrator.database.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * How the command line reaches Tamma's database without the service: the same settings as the
 * service ({@code TAMMA_DATABASE_URL}, else the embedded PostgreSQL in {@code $TAMMA_HOME/pgdata}).
 * When the service is running its embedded server is reached on its port; otherwise the command
 * starts the server for as long as it runs.
 */
public interface DatabaseConnector {

    /** An open connection, and whatever must be stopped after it. */
    interface Session extends AutoCloseable {
        Connection connection();

        @Override
        void close() throws SQLException;
    }

    Session open() throws SQLException;

    static DatabaseConnector fromEnvironment(Map<String, String> env) {
        String url = env.get("TAMMA_DATABASE_URL");
        if (url != null && !url.isBlank()) {
            return () -> session(DriverManager.getConnection(url, env.getOrDefault("TAMMA_DATABASE_USERNAME", "tamma"),
                    env.getOrDefault("TAMMA_DATABASE_PASSWORD", "")), null);
        }
        String home = env.getOrDefault("TAMMA_HOME", System.getProperty("user.home") + "/.tamma");
        return () -> embedded(Path.of(home, "pgdata"));
    }

    private static Session embedded(Path data) throws SQLException {
        if (!Files.isRegularFile(data.resolve("PG_VERSION"))) {
            throw new SQLException("There is no Tamma database in " + data + ". Start the service once (./tamma serve), "
                    + "or set TAMMA_DATABASE_URL to the database it uses.");
        }
        Integer port = runningPort(data);
        if (port != null) {
            return session(DriverManager.getConnection(
                    "jdbc:postgresql://localhost:" + port + "/tamma", "postgres", ""), null);
        }
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data);
        try {
            return session(DriverManager.getConnection(server.jdbcUrl(), "postgres", ""), server);
        } catch (SQLException e) {
            server.close();
            throw e;
        }
    }

    /** The port of a live server on this data directory, from its pid file (line 4), if there is one. */
    private static Integer runningPort(Path data) {
        try {
            List<String> pidFile = Files.readAllLines(data.resolve("postmaster.pid"));
            long pid = Long.parseLong(pidFile.getFirst().trim());
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            return alive && pidFile.size() > 3 ? Integer.valueOf(pidFile.get(3).trim()) : null;
        } catch (IOException | RuntimeException e) {
            return null; // no server, or a stale file that starting one will clear
        }
    }

    private static Session session(Connection connection, EmbeddedPostgresServer server) {
        return new Session() {
            @Override
            public Connection connection() {
                return connection;
            }

            @Override
            public void close() throws SQLException {
                try {
                    connection.close();
                } finally {
                    if (server != null) {
                        server.close();
                    }
                }
            }
        };
    }
}
