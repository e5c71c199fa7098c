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
