package dev.vodhook.emulator.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final Instant T0 = Instant.parse("2024-05-20T08:00:00Z");

    @Test
    void aFullBucketAllowsOneSecondsWorthThenRefillsContinuously() {
        TokenBucket bucket = new TokenBucket(100, T0);

        assertThat(IntStream.range(0, 100).allMatch(i -> bucket.tryTake(T0))).isTrue();
        assertThat(bucket.tryTake(T0)).isFalse();
        assertThat(bucket.tryTake(T0.plusMillis(9))).as("0.9 of a token").isFalse();
        assertThat(bucket.tryTake(T0.plusMillis(10))).as("10 ms refill one token at 100/s").isTrue();
        assertThat(bucket.tryTake(T0.plusMillis(10))).isFalse();
    }

    @Test
    void neverHoldsMoreThanTheRate() {
        TokenBucket bucket = new TokenBucket(20, T0);
        Instant later = T0.plus(Duration.ofHours(1));

        assertThat(IntStream.range(0, 20).allMatch(i -> bucket.tryTake(later))).isTrue();
        assertThat(bucket.tryTake(later)).isFalse();
    }

    @Test
    void aClockSetBackAddsNothing() {
        TokenBucket bucket = new TokenBucket(1, T0);
        assertThat(bucket.tryTake(T0)).isTrue();

        assertThat(bucket.tryTake(T0.minusSeconds(10))).isFalse();
        assertThat(bucket.tryTake(T0.minusSeconds(9).minusMillis(1))).isFalse();
        assertThat(bucket.tryTake(T0.minusSeconds(9))).as("one second after the earlier instant").isTrue();
    }
}
