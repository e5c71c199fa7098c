package dev.vodhook.service.processing;

import java.time.Duration;

/**
 * How often and how patiently a failing event is retried: attempt n waits
 * {@code initialBackoff × factor^(n-1)}, capped at {@code maxBackoff}, shortened by up to
 * {@code jitter} (a fraction, 0 to 1) at random so that retries of many events spread out. After
 * {@code maxAttempts} attempts the event is DEAD.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double factor, Duration maxBackoff, double jitter) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("want 0 <= initialBackoff <= maxBackoff: " + initialBackoff + ", " + maxBackoff);
        }
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be at least 1: " + factor);
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be between 0 and 1: " + jitter);
        }
    }

    /** 8 attempts, 1 s, ×2, at most 5 min, 20 % jitter: about 2 minutes from first failure to DEAD. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(8, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5), 0.2);
    }

    /**
     * How long to wait after attempt {@code attempt} (1-based) failed.
     *
     * @param random a value in [0, 1) that picks the jitter
     */
    public Duration backoff(int attempt, double random) {
        double millis = initialBackoff.toMillis() * Math.pow(factor, Math.max(0, attempt - 1));
        millis = Math.min(millis, maxBackoff.toMillis());
        return Duration.ofMillis(Math.round(millis * (1 - jitter * random)));
    }

    /** Whether attempt {@code attempt} (1-based) was the last one allowed. */
    public boolean exhausted(int attempt) {
        return attempt >= maxAttempts;
    }

    public RetryPolicy withMaxAttempts(int value) {
        return new RetryPolicy(value, initialBackoff, factor, maxBackoff, jitter);
    }

    public RetryPolicy withBackoff(Duration initial, double factor, Duration max) {
        return new RetryPolicy(maxAttempts, initial, factor, max, jitter);
    }

    public RetryPolicy withJitter(double value) {
        return new RetryPolicy(maxAttempts, initialBackoff, factor, maxBackoff, value);
    }
}
