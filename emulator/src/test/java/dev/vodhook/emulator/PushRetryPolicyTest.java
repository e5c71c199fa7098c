package dev.vodhook.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PushRetryPolicyTest {

    @Test
    void theDefaultIsFiveAttemptsBackingOffFromOneSecondDoubling() {
        PushRetryPolicy policy = PushRetryPolicy.defaults();

        assertThat(policy.maxAttempts()).isEqualTo(5);
        assertThat(policy.delayBefore(1)).isZero();
        assertThat(policy.delayBefore(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayBefore(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayBefore(5)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void isBuiltFromNamedParts() {
        assertThat(PushRetryPolicy.maxAttempts(3).backoff(Duration.ofMillis(50), 3).delayBefore(3))
                .isEqualTo(Duration.ofMillis(150));
    }
}
