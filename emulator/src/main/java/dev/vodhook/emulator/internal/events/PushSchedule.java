package dev.vodhook.emulator.internal.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Push attempts by due time. Claiming takes attempts out, so each runs once whoever claims it (the background loop
 * or a test stepping by hand). Adding wakes a waiting loop.
 */
public final class PushSchedule {

    private final PriorityQueue<DueAttempt> due = new PriorityQueue<>(Comparator.comparing(DueAttempt::dueAt));
    private final Semaphore changed = new Semaphore(0);

    synchronized void add(DueAttempt attempt) {
        due.add(attempt);
        changed.release();
    }

    /** Removes and returns every attempt due at {@code now}, earliest first. */
    synchronized List<DueAttempt> claimDue(Instant now) {
        List<DueAttempt> claimed = new ArrayList<>();
        while (!due.isEmpty() && !due.peek().dueAt().isAfter(now)) {
            claimed.add(due.poll());
        }
        return claimed;
    }

    /** Time from {@code now} to the earliest attempt (zero if one is due), or {@code idle} when none waits. */
    synchronized Duration untilNextDue(Instant now, Duration idle) {
        DueAttempt next = due.peek();
        if (next == null) {
            return idle;
        }
        Duration wait = Duration.between(now, next.dueAt());
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    synchronized int size() {
        return due.size();
    }

    synchronized void clear() {
        due.clear();
    }

    /** Waits up to {@code max} for an attempt to be added; false when interrupted. */
    boolean awaitChange(Duration max) {
        try {
            if (changed.tryAcquire(max.toNanos(), TimeUnit.NANOSECONDS)) {
                changed.drainPermits();
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
