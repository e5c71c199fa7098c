package dev.vodhook.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmulatorConfigTest {

    @Test
    void hasNamedDefaults() {
        EmulatorConfig c = EmulatorConfig.defaults();

        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isZero();
        assertThat(c.appId()).isEqualTo(1500012345L);
        assertThat(c.subAppId()).isEqualTo(c.appId());
        assertThat(c.region()).isEqualTo("ap-guangzhou");
        assertThat(c.pushTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.sessionIdWindow()).isEqualTo(Duration.ofDays(3));
        assertThat(c.upscale()).isTrue();
        assertThat(c.notificationUrl()).isEmpty();
        assertThat(c.pullPolicy()).isEqualTo(new PullPolicy(Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofDays(4)));
        assertThat(c.pushLoop()).isTrue();
    }

    @Test
    void aShortPullHoldKeepsTheOtherQueueTimings() {
        EmulatorConfig c = EmulatorConfig.defaults().withPullHold(Duration.ofMillis(100)).withPushLoop(false);

        assertThat(c.pullPolicy().hold()).isEqualTo(Duration.ofMillis(100));
        assertThat(c.pullPolicy().visibilityTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.pushLoop()).isFalse();
    }

    @Test
    void withCopiesChangeOneThingAndTreatNullAsUnset() {
        EmulatorConfig c = EmulatorConfig.defaults().withAppId(1250000000L).withNotificationUrl(null)
                .withPublicBaseUrl("http://cdn.example/").withDataDir(null);

        assertThat(c.appId()).isEqualTo(1250000000L);
        assertThat(c.subAppId()).isEqualTo(1250000000L);
        assertThat(c.notificationUrl()).isEmpty();
        assertThat(c.publicBaseUrl()).hasValue("http://cdn.example");
        assertThat(c.dataDir()).isEmpty();
    }

    @Test
    void neverPrintsTheSecretKey() {
        EmulatorConfig c = EmulatorConfig.defaults().withCredentials("AKIDx", "very-secret");

        assertThat(c.toString()).contains("AKIDx").doesNotContain("very-secret");
    }
}
