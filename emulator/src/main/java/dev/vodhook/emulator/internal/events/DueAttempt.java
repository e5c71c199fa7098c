package dev.vodhook.emulator.internal.events;

import dev.vodhook.emulator.Delivery;
import java.time.Instant;
import java.util.Optional;

/**
 * A push attempt waiting in the {@link PushSchedule} until {@code dueAt}.
 *
 * @param number   1 for the first try, then one more per retry
 * @param signKey  the application's SignKey when the event was published (adds {@code Sign}/{@code T})
 * @param shapedBy the label of an injected fault that held this attempt back ({@code delay 30000 ms}, {@code reorder
 * 3}),
 *                 recorded with the attempt once it is made
 */
record DueAttempt(Delivery delivery, int number, Instant dueAt, Optional<String> signKey, Optional<String> shapedBy) {

    DueAttempt(Delivery delivery, int number, Instant dueAt, Optional<String> signKey) {
        this(delivery, number, dueAt, signKey, Optional.empty());
    }

    /** The retry after this attempt. */
    DueAttempt next(Instant due) {
        return new DueAttempt(delivery, number + 1, due, signKey, Optional.empty());
    }

    /** This attempt, held back by the fault {@code label}. */
    DueAttempt shapedBy(String label) {
        return new DueAttempt(delivery, number, dueAt, signKey, Optional.of(label));
    }

    /** This attempt, due at another time. */
    DueAttempt at(Instant due) {
        return new DueAttempt(delivery, number, due, signKey, shapedBy);
    }
}
