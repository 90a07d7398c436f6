package dev.tamma.orchestrator.database;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** Run in a child JVM by the tests: starts the server, says so, and waits to be killed. */
public final class OrphanedServerMain {

    private OrphanedServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]));
        System.out.println("READY " + server.port());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
