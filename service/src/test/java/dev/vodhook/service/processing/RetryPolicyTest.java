package dev.vodhook.service.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    @Test
    void backoffDoublesFromOneSecondUpToFiveMinutes() {
        RetryPolicy p = RetryPolicy.defaults().withJitter(0);

        assertThat(p.backoff(1, 0.5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.backoff(2, 0.5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.backoff(3, 0.5)).isEqualTo(Duration.ofSeconds(4));
        assertThat(p.backoff(8, 0.5)).isEqualTo(Duration.ofSeconds(128));
        assertThat(p.backoff(9, 0.5)).isEqualTo(Duration.ofSeconds(256));
        assertThat(p.backoff(10, 0.5)).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.backoff(40, 0.5)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void jitterOnlyShortensTheWait() {
        RetryPolicy p = RetryPolicy.defaults();

        assertThat(p.backoff(3, 0.0)).isEqualTo(Duration.ofSeconds(4));
        assertThat(p.backoff(3, 0.999)).isEqualTo(Duration.ofMillis(3201));
        assertThat(p.backoff(20, 0.5)).isEqualTo(Duration.ofSeconds(270));
    }

    @Test
    void theLastAttemptIsTheMaximum() {
        RetryPolicy p = RetryPolicy.defaults();

        assertThat(p.exhausted(7)).isFalse();
        assertThat(p.exhausted(8)).isTrue();
        assertThatThrownBy(() -> p.withMaxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.withJitter(1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
