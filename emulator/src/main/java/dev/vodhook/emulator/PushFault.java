package dev.vodhook.emulator;

/**
 * What happens to one push attempt instead of a plain POST (fault injection).
 *
 * @param value the HTTP status of a {@link Kind#FAIL}, the seconds of a {@link Kind#DELAY}, the number of pushes of
 *              a {@link Kind#REORDER}; 0 for the other kinds
 */
record PushFault(Kind kind, int value) {

    enum Kind {
        /** Not sent; recorded as answered with {@code status}, so it is retried. */
        FAIL("fail"),
        /** Sent, but the answer is ignored and the attempt recorded as timed out, so it is retried: a duplicate. */
        TIMEOUT("timeout"),
        /** Sent twice in a row; the first answer counts. */
        DUPLICATE("duplicate"),
        /** Not sent and never retried: the delivery ends {@code LOST}. */
        VANISH("vanish"),
        /** Not sent now but {@code value} seconds later by the clock: the push arrives late. */
        DELAY("delay"),
        /** This push and the next {@code value - 1} are held until all are there, then sent newest first. */
        REORDER("reorder");

        /** The name used in {@code /_emulator/faults} and in {@link DeliveryAttempt#fault()}. */
        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** {@code fail 503}, {@code timeout}, {@code duplicate}, {@code vanish}, {@code delay 30s} or {@code reorder 3}. */
    String label() {
        return switch (kind) {
            case FAIL, REORDER -> kind.label + " " + value;
            case DELAY -> kind.label + " " + value + "s";
            default -> kind.label;
        };
    }
}
