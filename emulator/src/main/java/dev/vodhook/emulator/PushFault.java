package dev.vodhook.emulator;

import java.time.Duration;

/**
 * What happens to one push attempt instead of a plain POST (fault injection).
 *
 * @param status the HTTP status a {@link Kind#FAIL} attempt is recorded with; 0 for the other kinds
 * @param delay  how long a {@link Kind#DELAY} attempt is held back; zero for the other kinds
 */
record PushFault(Kind kind, int status, Duration delay) {

    PushFault(Kind kind, int status) {
        this(kind, status, Duration.ZERO);
    }

    static PushFault delay(Duration delay) {
        return new PushFault(Kind.DELAY, 0, delay);
    }

    enum Kind {
        /** Not sent; recorded as answered with {@code status}, so it is retried. */
        FAIL("fail"),
        /** Sent, but the answer is ignored and the attempt recorded as timed out, so it is retried: a duplicate. */
        TIMEOUT("timeout"),
        /** Sent twice in a row; the first answer counts. */
        DUPLICATE("duplicate"),
        /** Not sent and never retried: the delivery ends {@code LOST}. */
        VANISH("vanish"),
        /** Not made yet: put back in the schedule {@code delay} later, not counted as an attempt. */
        DELAY("delay");

        /** The name used in {@code /_emulator/faults} and in {@link DeliveryAttempt#fault()}. */
        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** {@code fail 503}, {@code timeout}, {@code duplicate}, {@code vanish} or {@code delay 3000 ms}. */
    String label() {
        return switch (kind) {
            case FAIL -> kind.label + " " + status;
            case DELAY -> kind.label + " " + delay.toMillis() + " ms";
            default -> kind.label;
        };
    }
}
