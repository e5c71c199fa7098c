package dev.vodhook.emulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Push attempts held back by a {@link PushFault.Kind#REORDER} fault until the batch is complete, then handed out
 * newest event first. Not thread-safe: {@link PushDelivery} guards it.
 */
final class HeldPushes {

    private final List<DueAttempt> held = new ArrayList<>();
    private int size;
    private String label = "";

    /** Whether a batch is being collected: the next attempts join it. */
    boolean collecting() {
        return size > 0;
    }

    /** Starts collecting a batch of {@code fault.value()} attempts. */
    void start(PushFault fault) {
        size = fault.value();
        label = fault.label();
    }

    /** Adds an attempt; the whole batch, newest event first, once it is complete, else nothing. */
    List<DueAttempt> add(DueAttempt attempt) {
        held.add(attempt.shapedBy(label));
        if (held.size() < size) {
            return List.of();
        }
        List<DueAttempt> batch = new ArrayList<>(held);
        batch.sort(Comparator.comparingLong((DueAttempt a) -> a.delivery().id()).reversed());
        held.clear();
        size = 0;
        return batch;
    }

    /** Stops collecting and hands out what was held, oldest first. */
    List<DueAttempt> drain() {
        List<DueAttempt> batch = new ArrayList<>(held);
        held.clear();
        size = 0;
        return batch;
    }

    /** What is held and how many the batch waits for (for saving the state). */
    Snapshot snapshot() {
        return new Snapshot(size, label, List.copyOf(held));
    }

    void restore(Snapshot snapshot) {
        held.clear();
        held.addAll(snapshot.held());
        size = snapshot.size();
        label = snapshot.label();
    }

    record Snapshot(int size, String label, List<DueAttempt> held) {
    }
}
