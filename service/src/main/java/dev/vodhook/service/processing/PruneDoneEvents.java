package dev.vodhook.service.processing;

import dev.vodhook.events.loop.BackgroundLoop;
import dev.vodhook.service.ServiceMetrics;
import dev.vodhook.store.inbox.Inbox;
import dev.vodhook.store.outbox.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the inbox from growing for ever: deletes DONE events received longer ago than the dedupe
 * retention (at least 4 days, since VOD may deliver an event again for that long, and a deleted
 * event's dedupe key no longer catches a repeat). DEAD events stay until replayed or purged by an
 * operator; PENDING and PROCESSING ones are work. Notifications whose every delivery is DELIVERED go
 * after the same retention, with their deliveries and attempts; those with a DEAD delivery stay.
 * {@link #runOnce()} prunes everything due, in chunks so that no transaction holds the writer long;
 * {@link #start()} runs it a minute after start (at most an interval, out of the way of starting up) and then
 * every interval; a failed run is logged and tried again an interval later.
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
    private final BackgroundLoop loop;

    public PruneDoneEvents(Inbox inbox, Outbox outbox, Duration retention, Duration interval, Clock clock,
            ServiceMetrics metrics) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.retention = retention;
        this.interval = interval;
        this.clock = clock;
        this.metrics = metrics;
        this.loop = BackgroundLoop.of("vodhook-prune", log, "Pruning DONE events", interval, () -> {
            runOnce();
            return interval;
        }).firstRunAfter(interval.compareTo(FIRST_RUN_AFTER) < 0 ? interval : FIRST_RUN_AFTER);
    }

    /** Deletes every DONE event received before now minus the retention; returns how many. */
    public int runOnce() {
        Instant before = clock.instant().minus(retention);
        int total = 0;
        int n;
        do {
            n = inbox.pruneDone(before, CHUNK);
            total += n;
        } while (n == CHUNK && !loop.stopping());
        if (total > 0) {
            metrics.pruned(total);
            log.info("Pruned {} DONE events received before {} (dedupe retention {})", total, before, retention);
        }
        int notifications = 0;
        do {
            n = outbox.pruneDelivered(before, CHUNK);
            notifications += n;
        } while (n == CHUNK && !loop.stopping());
        if (notifications > 0) {
            log.info("Pruned {} delivered notifications written before {} (retention {})", notifications, before,
                    retention);
        }
        return total;
    }

    public void start() {
        loop.start();
    }

    @Override
    public void close() {
        loop.close();
    }
}
