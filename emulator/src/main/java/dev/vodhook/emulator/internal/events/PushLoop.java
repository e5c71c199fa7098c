package dev.vodhook.emulator.internal.events;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs push attempts when they fall due, on a virtual thread, until closed. It waits for the earliest due time,
 * but never longer than {@link #MAX_WAIT}, so a clock moved by hand is noticed too.
 */
public final class PushLoop implements AutoCloseable {

    static final Duration MAX_WAIT = Duration.ofMillis(250);
    private static final Logger log = LoggerFactory.getLogger(PushLoop.class);

    private final PushDelivery pushes;
    private final PushSchedule schedule;
    private final Clock clock;
    private volatile boolean running = true;
    private final Thread thread;

    private PushLoop(PushDelivery pushes, PushSchedule schedule, Clock clock) {
        this.pushes = pushes;
        this.schedule = schedule;
        this.clock = clock;
        this.thread = Thread.ofVirtual().name("local-vod-push-loop").unstarted(this::runUntilClosed);
    }

    public static PushLoop start(PushDelivery pushes, PushSchedule schedule, Clock clock) {
        PushLoop loop = new PushLoop(pushes, schedule, clock);
        loop.thread.start();
        return loop;
    }

    private void runUntilClosed() {
        while (running) {
            try {
                pushes.startDue();
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.error("Push loop step failed; continuing with the next step", e);
            }
            Duration wait = schedule.untilNextDue(clock.instant(), MAX_WAIT);
            if (!wait.isZero() && !schedule.awaitChange(wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait)) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
