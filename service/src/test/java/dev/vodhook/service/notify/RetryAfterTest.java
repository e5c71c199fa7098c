package dev.vodhook.service.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Retry-After as an endpoint sends it, and how far the retry schedule lets it put an attempt off. */
class RetryAfterTest {
    static final Instant NOW = Instant.parse("2026-10-21T07:20:00Z");
    static final RetrySchedule SCHEDULE = RetrySchedule.parse("5s,5m,30m,2h,5h,10h,10h").withJitter(0);

    @Test
    void delaySecondsAndHttpDatesAreRead() {
        assertThat(RetryAfter.parse("120", NOW)).hasValue(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 0 ", NOW)).hasValue(Duration.ZERO);
        assertThat(RetryAfter.parse("Wed, 21 Oct 2026 07:28:00 GMT", NOW)).hasValue(Duration.ofMinutes(8));
        assertThat(RetryAfter.parse("Wed, 21 Oct 2026 07:00:00 GMT", NOW)).as("a date past").hasValue(Duration.ZERO);
        assertThat(RetryAfter.parse("99999999999999999999999", NOW)).hasValueSatisfying(d ->
                assertThat(d).isGreaterThan(Duration.ofDays(365 * 100)));
    }

    @Test
    void garbageAsksForNothing() {
        for (String garbage : new String[] {"", "soon", "-5", "1.5", "12s", "Wed, 21 Oct 2026 25:28:00 GMT",
                "2026-10-21T07:28:00Z", "1".repeat(RetryAfter.MAX_LENGTH + 1)}) {
            assertThat(RetryAfter.parse(garbage, NOW)).as(garbage).isEmpty();
        }
    }

    @Test
    void onlyA429OrA503IsHeeded() {
        assertThat(RetryAfter.heeded(OptionalInt.of(429))).isTrue();
        assertThat(RetryAfter.heeded(OptionalInt.of(503))).isTrue();
        assertThat(RetryAfter.heeded(OptionalInt.of(500))).isFalse();
        assertThat(RetryAfter.heeded(OptionalInt.of(301))).isFalse();
        assertThat(RetryAfter.heeded(OptionalInt.empty())).isFalse();
    }

    @Test
    void theWaitIsTheLongerOfScheduleAndAskedButNoLongerThanTheLongestStep() {
        assertThat(SCHEDULE.longest()).isEqualTo(Duration.ofHours(10));
        assertThat(SCHEDULE.waitAfter(1, 0, Optional.of(Duration.ofSeconds(120)))).isEqualTo(Duration.ofSeconds(120));
        assertThat(SCHEDULE.waitAfter(2, 0, Optional.of(Duration.ofSeconds(120))))
                .as("the schedule's 5 min is longer").isEqualTo(Duration.ofMinutes(5));
        assertThat(SCHEDULE.waitAfter(1, 0, Optional.of(Duration.ofDays(3)))).isEqualTo(Duration.ofHours(10));
        assertThat(SCHEDULE.waitAfter(1, 0, Optional.empty())).isEqualTo(Duration.ofSeconds(5));
        assertThat(SCHEDULE.withJitter(0.2).waitAfter(1, 0.5, Optional.of(Duration.ofSeconds(4))))
                .as("jittered schedule 4.5 s beats 4 s asked").isEqualTo(Duration.ofMillis(4500));
    }
}
