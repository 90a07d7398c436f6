package dev.tamma.orchestrator.lease;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Wakes lease requests waiting for work. A transaction that queues a task sends a PostgreSQL
 * NOTIFY on commit; one connection per replica LISTENs and wakes that replica's waiters. Waiters
 * also look again every {@code tamma.leases.recheck}, so a lost notification only delays work.
 */
@Component
public class TaskSignal implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TaskSignal.class);
    private static final int POLL_MILLIS = 500;

    private final DataSource dataSource;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition newWork = lock.newCondition();
    private long generation;
    private volatile boolean running;
    private Thread listener;

    public TaskSignal(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The current generation; pass it to {@link #awaitAfter} to wait for anything newer. */
    public long generation() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until work was signalled after {@code seen}, or the timeout passes. */
    public void awaitAfter(long seen, Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (generation == seen && nanos > 0) {
                nanos = newWork.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    public void signal() {
        lock.lock();
        try {
            generation++;
            newWork.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void start() {
        running = true;
        listener = Thread.ofPlatform().daemon().name("tamma-task-listener").start(this::listen);
    }

    /** False once the service is stopping: waiting lease requests then end without work. */
    public boolean open() {
        return running;
    }

    /**
     * Stops before the web server's graceful shutdown (a higher phase stops first), so waiting lease
     * requests end at once instead of holding the shutdown for their full wait.
     */
    @Override
    public void stop() {
        running = false;
        signal();
        if (listener != null) {
            listener.interrupt();
            try {
                listener.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (var statement = connection.createStatement()) {
                    statement.execute("LISTEN " + TaskQueue.CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                signal(); // work may have been queued while no one listened
                while (running) {
                    var notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        signal();
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("Lost the task notification connection ({}); reconnecting", e.getMessage());
                    pause();
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000); // back off before reconnecting to a database that just failed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
