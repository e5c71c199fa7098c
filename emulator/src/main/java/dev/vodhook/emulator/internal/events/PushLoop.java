package dev.vodhook.emulator.internal.events;

import dev.vodhook.events.loop.BackgroundLoop;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs push attempts when they fall due, on a virtual thread, until closed. It waits for the earliest due time
 * (an attempt added wakes it), but never longer than {@link #MAX_WAIT}, so a clock moved by hand is noticed too.
 */
public final class PushLoop implements AutoCloseable {

    static final Duration MAX_WAIT = Duration.ofMillis(250);
    private static final Logger log = LoggerFactory.getLogger(PushLoop.class);

    private final BackgroundLoop loop;

    private PushLoop(PushDelivery pushes, PushSchedule schedule, Clock clock) {
        this.loop = BackgroundLoop.of("local-vod-push-loop", log, "Starting due pushes", MAX_WAIT, () -> {
            pushes.startDue();
            Duration wait = schedule.untilNextDue(clock.instant(), MAX_WAIT);
            return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
        });
        schedule.onAdd(loop::wake);
    }

    public static PushLoop start(PushDelivery pushes, PushSchedule schedule, Clock clock) {
        PushLoop pushLoop = new PushLoop(pushes, schedule, clock);
        pushLoop.loop.start();
        return pushLoop;
    }

    @Override
    public void close() {
        loop.close();
    }
}
