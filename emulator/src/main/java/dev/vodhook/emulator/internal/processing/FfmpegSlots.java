package dev.vodhook.emulator.internal.processing;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The ffmpeg jobs allowed to run at once. Waiting jobs are let in by {@code TasksPriority} (-10..10, higher first),
 * then in arrival order: a semaphore whose queue is ordered like VOD's task queue.
 */
final class FfmpegSlots {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Ticket> waiting = new PriorityQueue<>(
            Comparator.comparingInt(Ticket::priority).reversed().thenComparingLong(Ticket::sequence));
    private int free;
    private long sequence;

    FfmpegSlots(int slots) {
        this.free = slots;
    }

    private record Ticket(int priority, long sequence) {
    }

    /** Waits until a slot is free and no waiting job has a higher priority (or the same one and came earlier). */
    void acquire(int priority) throws InterruptedException {
        lock.lock();
        try {
            Ticket ticket = new Ticket(priority, sequence++);
            waiting.add(ticket);
            try {
                while (free == 0 || waiting.peek() != ticket) {
                    changed.await();
                }
            } catch (InterruptedException e) {
                waiting.remove(ticket);
                changed.signalAll();
                throw e;
            }
            waiting.poll();
            free--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void release() {
        lock.lock();
        try {
            free++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** How many jobs wait for a slot. */
    int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }
}
