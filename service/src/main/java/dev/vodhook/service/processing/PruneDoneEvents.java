package dev.vodhook.service.processing;

import dev.vodhook.service.ServiceMetrics;
import dev.vodhook.store.inbox.Inbox;
import dev.vodhook.store.outbox.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the inbox from growing for ever: deletes DONE events received longer ago than the dedupe
 * retention (at least 4 days, since VOD may deliver an event again for that long, and a deleted
 * event's dedupe key no longer catches a repeat). DEAD events stay until replayed or purged by an
 * operator; PENDING and PROCESSING ones are work. Notifications whose every delivery is DELIVERED go after the same
 * retention, with their deliveries and attempts; those with a DEAD delivery stay. {@link #runOnce()} prunes everything due, in
 * chunks so that no transaction holds the writer long; {@link #start()} runs it a minute after
 * start and then every interval.
 */
public final class PruneDoneEvents implements AutoCloseable {
    static final int CHUNK = 1000;
    static final Duration FIRST_RUN_AFTER = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(PruneDoneEvents.class);

    private final Inbox inbox;
    private final Outbox outbox;
    private final Duration retention;
    private final Duration interval;
    private final Clock clock;
    private final ServiceMetrics metrics;
    private final CountDownLatch stop = new CountDownLatch(1);
    private Thread loop;

    public PruneDoneEvents(Inbox inbox, Outbox outbox, Duration retention, Duration interval, Clock clock,
            ServiceMetrics metrics) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.retention = retention;
        this.interval = interval;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Deletes every DONE event received before now minus the retention; returns how many. */
    public int runOnce() {
        Instant before = clock.instant().minus(retention);
        int total = 0;
        int n;
        do {
            n = inbox.pruneDone(before, CHUNK);
            total += n;
        } while (n == CHUNK && stop.getCount() > 0);
        if (total > 0) {
            metrics.pruned(total);
            log.info("Pruned {} DONE events received before {} (dedupe retention {})", total, before, retention);
        }
        int notifications = 0;
        do {
            n = outbox.pruneDelivered(before, CHUNK);
            notifications += n;
        } while (n == CHUNK && stop.getCount() > 0);
        if (notifications > 0) {
            log.info("Pruned {} delivered notifications written before {} (retention {})", notifications, before,
                    retention);
        }
        return total;
    }

    public synchronized void start() {
        if (loop != null) {
            throw new IllegalStateException("pruning already started");
        }
        loop = Thread.ofVirtual().name("vodhook-prune").start(this::runUntilStopped);
    }

    @Override
    public void close() {
        stop.countDown();
        Thread running;
        synchronized (this) {
            running = loop;
        }
        if (running != null) {
            try {
                running.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The loop's boundary: a failed run is logged and tried again an interval later. The first run
     * comes a minute after start (at most an interval), out of the way of starting up.
     */
    private void runUntilStopped() {
        Duration wait = interval.compareTo(FIRST_RUN_AFTER) < 0 ? interval : FIRST_RUN_AFTER;
        try {
            while (!stop.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                try {
                    runOnce();
                } catch (RuntimeException e) {
                    log.warn("Pruning DONE events failed: {}; will try again in {}", e.getMessage(), interval);
                }
                wait = interval;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
