package dev.tamma.providers.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** A scheduler that notes each requested delay and runs the task at once: retries without sleeping. */
public final class RecordingScheduler extends ScheduledThreadPoolExecutor {

    private final List<Duration> delays = new CopyOnWriteArrayList<>();

    public RecordingScheduler() {
        super(1);
    }

    public List<Duration> delays() {
        return List.copyOf(delays);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        delays.add(Duration.ofNanos(unit.toNanos(delay)));
        return super.schedule(command, 0, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        delays.add(Duration.ofNanos(unit.toNanos(delay)));
        return super.schedule(callable, 0, unit);
    }
}
