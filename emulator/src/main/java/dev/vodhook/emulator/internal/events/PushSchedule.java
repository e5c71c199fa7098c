package dev.vodhook.emulator.internal.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Push attempts by due time. Claiming takes attempts out, so each runs once whoever claims it (the background loop
 * or a test stepping by hand). Adding wakes a waiting loop.
 */
public final class PushSchedule {

    private final PriorityQueue<DueAttempt> due = new PriorityQueue<>(Comparator.comparing(DueAttempt::dueAt));
    private volatile Runnable onAdd = () -> { };

    synchronized void add(DueAttempt attempt) {
        due.add(attempt);
        onAdd.run();
    }

    /** Runs {@code wake} after each attempt added (a loop's wake, which must not block). */
    void onAdd(Runnable wake) {
        this.onAdd = wake;
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
}
