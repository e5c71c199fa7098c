package dev.vodhook.emulator;

import java.time.Instant;
import java.util.Optional;

/**
 * A push attempt waiting in the {@link PushSchedule} until {@code dueAt}.
 *
 * @param number  1 for the first try, then one more per retry
 * @param signKey the application's SignKey when the event was published (adds {@code Sign}/{@code T})
 */
record DueAttempt(Delivery delivery, int number, Instant dueAt, Optional<String> signKey) {

    DueAttempt next(Instant due) {
        return new DueAttempt(delivery, number + 1, due, signKey);
    }

    /** The same attempt, due later (held back by an injected fault). */
    DueAttempt postponed(Instant due) {
        return new DueAttempt(delivery, number, due, signKey);
    }
}
