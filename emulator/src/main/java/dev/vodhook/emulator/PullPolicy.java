package dev.vodhook.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * The reliable-callback (PULL) queue's timings, as documented for the cloud (vod-protocol.md §3.3).
 *
 * @param hold              how long PullEvents waits on an empty queue before answering {@code EventSet: []}
 *                          (up to 5 s in the cloud); a real wait, not read from the clock
 * @param visibilityTimeout how long a pulled event stays hidden waiting for ConfirmEvents; after it the event is
 *                          delivered again with a new handle and the old handle is stale (30 s)
 * @param retention         how long an unconfirmed event is kept at all (4 days)
 */
public record PullPolicy(Duration hold, Duration visibilityTimeout, Duration retention) {

    /** Events per PullEvents answer and handles per ConfirmEvents call. */
    public static final int MAX_BATCH = 16;

    public PullPolicy {
        Objects.requireNonNull(hold, "hold");
        Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
        Objects.requireNonNull(retention, "retention");
        if (hold.isNegative() || !visibilityTimeout.isPositive() || !retention.isPositive()) {
            throw new IllegalArgumentException("hold must be >= 0, visibilityTimeout and retention > 0: " + hold
                    + ", " + visibilityTimeout + ", " + retention);
        }
    }

    /** 5 s hold, 30 s visibility timeout, 4 days retention. */
    public static PullPolicy defaults() {
        return new PullPolicy(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofDays(4));
    }

    public PullPolicy withHold(Duration value) {
        return new PullPolicy(value, visibilityTimeout, retention);
    }
}
