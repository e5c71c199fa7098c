package dev.vodhook.testkit;

import java.time.Duration;
import java.time.Instant;

/**
 * The system clock, shifted by an offset a test may change: time runs as usual, and jumps ahead when the test says
 * so. Processes sharing a database can run on the system clock with long leases, and those on this clock then see
 * the leases of the others lapse at the moment the test chooses, not when the machine is slow enough. Safe to read
 * from other threads.
 */
public final class ShiftableClock extends UtcClock {

    private volatile Duration offset;

    private ShiftableClock(Duration offset) {
        this.offset = offset;
    }

    /** The system clock, until shifted. */
    public static ShiftableClock system() {
        return new ShiftableClock(Duration.ZERO);
    }

    /** From now on, {@code by} further ahead of the system clock. */
    public void jumpAhead(Duration by) {
        offset = offset.plus(by);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
