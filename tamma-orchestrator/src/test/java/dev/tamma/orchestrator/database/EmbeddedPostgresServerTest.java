package dev.tamma.orchestrator.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {

    @TempDir
    Path home;

    @Test
    void secondStartReusesTheData() throws Exception {
        Path data = home.resolve("pgdata");
        try (var server = EmbeddedPostgresServer.start(data)) {
            execute(server, "CREATE TABLE kept (v text)", "INSERT INTO kept VALUES ('still here')");
        }
        try (var server = EmbeddedPostgresServer.start(data)) {
            assertThat(queryOne(server, "SELECT v FROM kept")).isEqualTo("still here");
        }
    }

    @Test
    void staleLockFileOfAKilledRunIsNotFatal() throws Exception {
        Path data = home.resolve("pgdata");
        EmbeddedPostgresServer.start(data).close();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(data.resolve("postmaster.pid"), gone.pid() + "\n" + data + "\n");

        try (var server = EmbeddedPostgresServer.start(data)) {
            assertThat(queryOne(server, "SELECT current_database()")).isEqualTo("tamma");
        }
    }

    @Test
    void serverLeftRunningByAKilledProcessIsStoppedAndItsDataKept() throws Exception {
        Path data = home.resolve("pgdata");
        try (var server = EmbeddedPostgresServer.start(data)) {
            execute(server, "CREATE TABLE kept (v text)", "INSERT INTO kept VALUES ('before the crash')");
        }
        Process child = new ProcessBuilder(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"),
                OrphanedServerMain.class.getName(), data.toString())
                .redirectErrorStream(true)
                .start();
        try (var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.lines().filter(l -> l.startsWith("READY")).findFirst()).isPresent();
        }
        long orphanPid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).getFirst().trim());
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).as("orphaned postmaster").hasValue(true);

        try (var server = EmbeddedPostgresServer.start(data)) {
            assertThat(queryOne(server, "SELECT v FROM kept")).isEqualTo("before the crash");
        }
        assertThat(ProcessHandle.of(orphanPid).filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void dataInUseByARunningTammaIsRefusedWithAClearMessage() {
        Path data = home.resolve("pgdata");
        try (var running = EmbeddedPostgresServer.start(data)) {
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(data))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another running Tamma")
                    .hasMessageContaining(data.toString());
            assertThat(running.port()).isPositive();
        }
    }

    private static void execute(EmbeddedPostgresServer server, String... statements) throws SQLException {
        try (Connection c = connect(server); var s = c.createStatement()) {
            for (String sql : List.of(statements)) {
                s.execute(sql);
            }
        }
    }

    private static String queryOne(EmbeddedPostgresServer server, String sql) throws SQLException {
        try (Connection c = connect(server); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Connection connect(EmbeddedPostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), EmbeddedPostgresServer.USER, "");
    }
}
