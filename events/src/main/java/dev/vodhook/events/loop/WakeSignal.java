package dev.vodhook.events.loop;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A wake-up for a loop that pauses between steps: any number of {@link #signal()}s while it works or pauses make
 * one early end of its next pause, not one each. Shared by {@link BackgroundLoop} and the loops of their own
 * shape (the processor, the notification deliverer).
 */
public final class WakeSignal {
    private final Semaphore permits = new Semaphore(0);

    /** Ends the current or next pause early. */
    public void signal() {
        if (permits.availablePermits() == 0) {
            permits.release();
        }
    }

    /**
     * Waits up to {@code timeout} for a signal; true if one came (and every signal so far is used up), false if
     * the time ran out.
     */
    public boolean await(Duration timeout) throws InterruptedException {
        if (permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            clear();
            return true;
        }
        return false;
    }

    /** Forgets signals that came meanwhile. */
    public void clear() {
        permits.drainPermits();
    }
}
