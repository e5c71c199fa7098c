package dev.vodhook.emulator;

import java.time.Duration;

/**
 * How often and how patiently a push is retried: {@code maxAttempts} in all, waiting {@code initialBackoff}
 * before the second attempt and multiplying the wait by {@code multiplier} each time after.
 */
public record PushRetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier) {

    public PushRetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (initialBackoff.isNegative() || multiplier < 1) {
            throw new IllegalArgumentException("backoff must be >= 0 and multiplier >= 1");
        }
    }

    /** Five attempts, one second apart at first, doubling: 1 s, 2 s, 4 s, 8 s. */
    public static PushRetryPolicy defaults() {
        return new PushRetryPolicy(5, Duration.ofSeconds(1), 2.0);
    }

    public static PushRetryPolicy maxAttempts(int attempts) {
        return new PushRetryPolicy(attempts, defaults().initialBackoff, defaults().multiplier);
    }

    public PushRetryPolicy backoff(Duration initial, double factor) {
        return new PushRetryPolicy(maxAttempts, initial, factor);
    }

    /** The wait before attempt number {@code attempt} (1-based); zero for the first. */
    public Duration delayBefore(int attempt) {
        if (attempt <= 1) {
            return Duration.ZERO;
        }
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, attempt - 2);
        return Duration.ofMillis((long) Math.min(millis, Duration.ofHours(1).toMillis()));
    }
}
