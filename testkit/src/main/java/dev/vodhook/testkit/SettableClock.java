package dev.vodhook.testkit;

import java.time.Duration;
import java.time.Instant;

/** A clock that stands still until a test moves it. Safe to read from other threads. */
public final class SettableClock extends UtcClock {

    private volatile Instant now;

    public SettableClock(Instant start) {
        this.now = start;
    }

    public static SettableClock at(String isoInstant) {
        return new SettableClock(Instant.parse(isoInstant));
    }

    public void set(Instant instant) {
        now = instant;
    }

    public void tick(Duration by) {
        now = now.plus(by);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
