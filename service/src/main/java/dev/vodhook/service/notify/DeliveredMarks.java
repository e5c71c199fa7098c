package dev.vodhook.service.notify;

import dev.vodhook.store.outbox.Outbox;
import dev.vodhook.store.outbox.AttemptRecord;
import dev.vodhook.store.outbox.DeliveryLease;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Marks deliveries DELIVERED, those that finish together in one transaction: a delivery that finishes while another
 * mark is committing waits for the next, which takes everything waiting (flat combining, as the store's SQLite
 * writer does). A delivery that finishes alone is marked at once; nobody waits for company. Each caller returns
 * once its own mark is committed, knowing whether its lease still held.
 */
final class DeliveredMarks {
    /** Marks one transaction takes at most. */
    static final int MAX_MARKS = 64;

    private final Outbox outbox;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final ConcurrentLinkedQueue<Pending> waiting = new ConcurrentLinkedQueue<>();

    private static final class Pending {
        final DeliveryLease lease;
        final AttemptRecord attempt;
        volatile boolean settled;
        boolean marked;
        RuntimeException failure;

        Pending(DeliveryLease lease, AttemptRecord attempt) {
            this.lease = lease;
            this.attempt = attempt;
        }
    }

    DeliveredMarks(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Marks the delivery DELIVERED; false when its lease was lost. Throws what the store threw. */
    boolean mark(DeliveryLease lease, AttemptRecord attempt) {
        Pending mine = new Pending(lease, attempt);
        waiting.add(mine);
        lock.lock();
        try {
            while (!mine.settled) {
                markWaiting();
            }
        } finally {
            lock.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.marked;
    }

    private void markWaiting() {
        List<Pending> batch = new ArrayList<>();
        Pending next;
        while (batch.size() < MAX_MARKS && (next = waiting.poll()) != null) {
            batch.add(next);
        }
        try {
            Set<Long> marked = outbox.markAllDelivered(batch.stream().map(p -> Map.entry(p.lease, p.attempt)).toList(),
                    clock.instant());
            batch.forEach(p -> p.marked = marked.contains(p.lease.deliveryId()));
        } catch (RuntimeException e) {
            batch.forEach(p -> p.failure = e);
        }
        batch.forEach(p -> p.settled = true);
    }
}
