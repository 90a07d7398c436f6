package dev.tamma.orchestrator.dashboard;

import dev.tamma.orchestrator.ai.AiCallEvents;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Tells open dashboard pages, over server-sent events, which workflows just changed. While anyone
 * watches, it looks at the head of the event log every {@link #EVERY}; the log is shared by every
 * replica, so a page hears of events whichever replica recorded them. Positions follow commit
 * order, so no event is passed over.
 */
@Component
class LiveUpdates implements SmartLifecycle {

    static final Duration EVERY = Duration.ofMillis(250);
    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);

    /** An open page: one workflow's, or (workflow null) the list, which hears of all. */
    private record Watcher(SseEmitter emitter, String workflow) {
    }

    private final JdbcClient jdbc;
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService timer;
    private long seen = -1;

    LiveUpdates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    SseEmitter watch(String workflow) {
        synchronized (this) {
            if (seen < 0) {
                seen = head(); // from here on: what happens once the page watches is never passed over
            }
        }
        SseEmitter emitter = new SseEmitter(Duration.ofMinutes(30).toMillis()); // the browser reconnects
        Watcher watcher = new Watcher(emitter, workflow);
        emitter.onCompletion(() -> watchers.remove(watcher));
        emitter.onTimeout(() -> watchers.remove(watcher));
        emitter.onError(e -> watchers.remove(watcher));
        watchers.add(watcher);
        try {
            emitter.send(SseEmitter.event().name("ready").data("watching", MediaType.TEXT_PLAIN));
        } catch (IOException e) {
            watchers.remove(watcher);
        }
        return emitter;
    }

    /** Sends what changed since the last look; returns the workflows that did. */
    private long head() {
        return jdbc.sql("SELECT coalesce(max(global_position), 0) FROM event").query(Long.class).single();
    }

    private synchronized Set<String> tick() {
        long head = head();
        if (seen < 0 || head == seen) {
            seen = head;
            return Set.of();
        }
        Set<String> changed = jdbc.sql("SELECT DISTINCT stream_id FROM event WHERE global_position > ? "
                        + "AND global_position <= ?")
                .params(seen, head).query(String.class).list().stream()
                .map(stream -> stream.endsWith(AiCallEvents.streamOf("")) // a call changes its workflow's costs
                        ? stream.substring(0, stream.length() - AiCallEvents.streamOf("").length()) : stream)
                .collect(Collectors.toSet());
        seen = head;
        for (Watcher watcher : watchers) {
            for (String workflow : changed) {
                if (watcher.workflow() == null || watcher.workflow().equals(workflow)) {
                    send(watcher, workflow);
                }
            }
        }
        return changed;
    }

    private void send(Watcher watcher, String workflow) {
        try {
            watcher.emitter().send(SseEmitter.event().name("workflow").data(workflow, MediaType.TEXT_PLAIN));
        } catch (IOException | IllegalStateException e) {
            watchers.remove(watcher); // the page was closed
        }
    }

    private synchronized void poll() {
        if (watchers.isEmpty()) {
            seen = -1; // start from the head when someone watches again
            return;
        }
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("Looking for new events for the dashboard failed; trying again", e);
        }
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("tamma-live-updates")
                .factory());
        timer.scheduleWithFixedDelay(this::poll, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
        watchers.forEach(w -> w.emitter().complete());
        watchers.clear();
    }

    @Override
    public boolean isRunning() {
        return timer != null && !timer.isShutdown();
    }
}
