package dev.vodhook.emulator.internal.events;

import dev.vodhook.emulator.DeliveryAttempt;
import java.time.Duration;

/**
 * What happens to one push attempt instead of a plain POST (fault injection).
 *
 * @param value the HTTP status of a {@link Kind#FAIL}, the number of pushes of a {@link Kind#REORDER}; 0 for the
 *              other kinds
 * @param delay how long a {@link Kind#DELAY} attempt is held back; zero for the other kinds
 */
public record PushFault(Kind kind, int value, Duration delay) {

    public PushFault(Kind kind, int value) {
        this(kind, value, Duration.ZERO);
    }

    public static PushFault delay(Duration delay) {
        return new PushFault(Kind.DELAY, 0, delay);
    }

    public enum Kind {
        /** Not sent; recorded as answered with the status {@code value}, so it is retried. */
        FAIL("fail"),
        /** Sent, but the answer is ignored and the attempt recorded as timed out, so it is retried: a duplicate. */
        TIMEOUT("timeout"),
        /** Sent twice in a row; the first answer counts. */
        DUPLICATE("duplicate"),
        /** Not sent and never retried: the delivery ends {@code LOST}. */
        VANISH("vanish"),
        /**
         * Not made yet: put back in the schedule {@code delay} later by the clock, not counted as an attempt (the
         * attempt made then carries this fault). Events published meanwhile overtake it: the push arrives late.
         */
        DELAY("delay"),
        /** This push and the next {@code value - 1} are held until all are there, then sent newest first. */
        REORDER("reorder");

        /** The name used in {@code /_emulator/faults} and in {@link DeliveryAttempt#fault()}. */
        public final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /**
     * {@code fail 503}, {@code timeout}, {@code duplicate}, {@code vanish}, {@code delay 3000 ms}, {@code reorder 3}.
     */
    public String label() {
        return switch (kind) {
            case FAIL, REORDER -> kind.label + " " + value;
            case DELAY -> kind.label + " " + delay.toMillis() + " ms";
            default -> kind.label;
        };
    }
}
