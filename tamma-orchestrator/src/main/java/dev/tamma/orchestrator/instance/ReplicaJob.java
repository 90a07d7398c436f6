package dev.tamma.orchestrator.instance;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Work that one replica at a time does every {@code every}, on a daemon thread of its own: each
 * round takes the ShedLock lock named {@code lock}, so with several replicas on one database the
 * work runs once per round, and a replica that dies holding the lock holds it at most
 * {@code lockAtMost}. A failed round is logged and the next one comes as usual.
 */
public final class ReplicaJob {

    /**
     * A component whose periodic work is a {@link ReplicaJob}: the application starts and stops the
     * job with it, unless it says it is not {@link #enabled()}.
     */
    public interface Owner extends SmartLifecycle {

        ReplicaJob job();

        /** Whether the work is configured to run at all; false leaves the job unstarted. */
        default boolean enabled() {
            return true;
        }

        @Override
        default void start() {
            if (enabled()) {
                job().start();
            }
        }

        @Override
        default void stop() {
            job().stop();
        }

        @Override
        default boolean isRunning() {
            return job().isRunning();
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ReplicaJob.class);

    private final String lock;
    private final String what;
    private final Duration every;
    private final Duration lockAtMost;
    private final LockingTaskExecutor locks;
    private final Clock clock;
    private final Runnable work;
    private final Runnable everyReplica;
    private ScheduledExecutorService timer;
    private volatile boolean stopping;

    /**
     * @param what         the work as a log line names it ("the lease sweep")
     * @param everyReplica run after each round on every replica, lock or not (refreshing its own gauges)
     */
    public ReplicaJob(String lock, String what, Duration every, Duration lockAtMost, LockProvider lockProvider,
            Clock clock, Runnable work, Runnable everyReplica) {
        this.lock = lock;
        this.what = what;
        this.every = every;
        this.lockAtMost = lockAtMost;
        this.locks = new DefaultLockingTaskExecutor(lockProvider);
        this.clock = clock;
        this.work = work;
        this.everyReplica = everyReplica;
    }

    public ReplicaJob(String lock, String what, Duration every, Duration lockAtMost, LockProvider lockProvider,
            Clock clock, Runnable work) {
        this(lock, what, every, lockAtMost, lockProvider, clock, work, () -> { });
    }

    /** One round, as the timer runs it. */
    public void runOnce() {
        try {
            locks.executeWithLock(work, new LockConfiguration(clock.instant(), lock, lockAtMost, Duration.ZERO));
            everyReplica.run();
        } catch (RuntimeException e) {
            log.warn("{} failed; trying again in {}", what, every, e);
        }
    }

    public synchronized void start() {
        if (!every.isPositive()) {
            throw new IllegalStateException(what + " needs a positive interval, not " + every);
        }
        stopping = false;
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("tamma-" + lock).factory());
        timer.scheduleWithFixedDelay(this::runOnce, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Interrupts a round under way; its work sees {@link #stopping()} and leaves the rest to the next start. */
    public synchronized void stop() {
        stopping = true;
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    public synchronized boolean isRunning() {
        return timer != null;
    }

    /** True from {@link #stop()} on: a long round ends early so the lock is let go soon. */
    public boolean stopping() {
        return stopping;
    }
}
