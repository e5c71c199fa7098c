package dev.vodhook.emulator.internal.api;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket on the instants it is given (so a settable clock drives it): it holds at most {@code rate} tokens,
 * refills {@code rate} per second continuously, and each call takes one. A clock set back restarts the refill from
 * the earlier instant without adding tokens.
 */
final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1e9;

    private final int rate;
    private double tokens;
    private Instant refilledAt;

    TokenBucket(int rate, Instant now) {
        this.rate = rate;
        this.tokens = rate;
        this.refilledAt = now;
    }

    /** Takes a token if one is there. */
    synchronized boolean tryTake(Instant now) {
        if (now.isAfter(refilledAt)) {
            double elapsed = Duration.between(refilledAt, now).toNanos();
            tokens = Math.min(rate, tokens + elapsed * rate / NANOS_PER_SECOND);
        }
        refilledAt = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
