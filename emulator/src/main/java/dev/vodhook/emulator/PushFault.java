package dev.vodhook.emulator;

/**
 * What happens to one push attempt instead of a plain POST (fault injection).
 *
 * @param status the HTTP status a {@link Kind#FAIL} attempt is recorded with; 0 for the other kinds
 */
record PushFault(Kind kind, int status) {

    enum Kind {
        /** Not sent; recorded as answered with {@code status}, so it is retried. */
        FAIL("fail"),
        /** Sent, but the answer is ignored and the attempt recorded as timed out, so it is retried: a duplicate. */
        TIMEOUT("timeout"),
        /** Sent twice in a row; the first answer counts. */
        DUPLICATE("duplicate"),
        /** Not sent and never retried: the delivery ends {@code LOST}. */
        VANISH("vanish");

        /** The name used in {@code /_emulator/faults} and in {@link DeliveryAttempt#fault()}. */
        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** {@code fail 503}, {@code timeout}, {@code duplicate} or {@code vanish}. */
    String label() {
        return kind == Kind.FAIL ? kind.label + " " + status : kind.label;
    }
}
