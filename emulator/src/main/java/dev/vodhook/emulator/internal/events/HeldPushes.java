package dev.vodhook.emulator.internal.events;

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

    /** The batch being collected, for saving: how many it waits for and the fault's label; empty when none. */
    java.util.Optional<Batch> batch() {
        return collecting() ? java.util.Optional.of(new Batch(size, label)) : java.util.Optional.empty();
    }

    /** Collects {@code batch} again, holding {@code attempts} already. */
    void restore(Batch batch, List<DueAttempt> attempts) {
        held.clear();
        attempts.forEach(a -> held.add(a.shapedBy(batch.label())));
        size = batch.size();
        label = batch.label();
    }

    /** A batch being collected: {@code size} attempts in all, held by the fault {@code label}. */
    record Batch(int size, String label) {
    }
}
