package dev.vodhook.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vodhook.service.http.AdminSettings;
import dev.vodhook.service.http.HttpLimits;
import dev.vodhook.service.processing.RetryPolicy;
import dev.vodhook.service.processing.WorkerSettings;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceConfigTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        ServiceConfig c = ServiceConfig.defaults();

        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.bindHost()).isEqualTo("127.0.0.1");
        assertThat(c.vodEndpoint()).isEqualTo(URI.create("https://vod.tencentcloudapi.com"));
        assertThat(c.region()).isEqualTo("ap-guangzhou");
        assertThat(c.subAppId()).isEmpty();
        assertThat(c.definitions()).containsExactly(100010, 100020);
        assertThat(c.transcodeWhenProcedureNamed()).isFalse();
        assertThat(c.databaseUrl()).isEqualTo("jdbc:sqlite:./data/vodhook.db");
        assertThat(c.callbackToken()).isEmpty();
        assertThat(c.retry()).isEqualTo(RetryPolicy.defaults());
        assertThat(c.worker()).isEqualTo(WorkerSettings.defaults());
        assertThat(c.maxBodyBytes()).isEqualTo(1 << 20);
    }

    @Test
    void secretsNeverAppearInTheRendering() {
        ServiceConfig c = ServiceConfig.defaults()
                .withCredentials("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE")
                .withCallbackToken("tok-very-secret")
                .withDatabaseUrl("jdbc:postgresql://db/vodhook?user=v&password=pg-secret")
                .withSubAppId(1500012345L)
                .withVodEndpoint("http://127.0.0.1:9000");

        assertThat(c.toString()).isEqualTo("ServiceConfig[" + c.redacted() + "]");
        assertThat(c.redacted())
                .doesNotContain("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", "tok-very-secret", "pg-secret",
                        "z8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE")
                .contains("secret-id=AKID****", "secret-key=****", "callback-token=****", "password=****",
                        "subappid=1500012345", "vod-endpoint=http://127.0.0.1:9000", "definitions=[100010, 100020]");
    }

    @Test
    void theOperatorSideIsOnItsOwnLoopbackPortWithoutTokensAndCallbacksAreUnsignedByDefault() {
        ServiceConfig c = ServiceConfig.defaults();

        assertThat(c.admin()).isEqualTo(new AdminSettings(8081, "127.0.0.1", Optional.empty(), Optional.empty()));
        assertThat(c.sharedListener()).isFalse();
        assertThat(c.signature().required()).isFalse();
        assertThat(c.signature().skew()).isEqualTo(java.time.Duration.ofSeconds(60));
        assertThat(c.limits()).isEqualTo(HttpLimits.defaults());
        assertThat(c.withAdminPort(8080).sharedListener()).isTrue();
        assertThat(c.withSignKeys(" NewKey1 ,OldKey2,").signature().keys()).containsExactly("NewKey1", "OldKey2");
    }

    @Test
    void tokensAndSignKeysNeverAppearInTheRendering() {
        ServiceConfig c = ServiceConfig.defaults().withAdminToken("adm1n-secret").withReadToken("r3ad-secret")
                .withSignKeys("SignKeySecret1,SignKeySecret2");

        assertThat(c.redacted()).doesNotContain("adm1n-secret", "r3ad-secret", "SignKeySecret")
                .contains("admin-token ****", "read-token ****", "sign-key=2 key(s) ****");
    }

    @Test
    void aSignKeyMustBeOneVodAccepts() {
        assertThatThrownBy(() -> ServiceConfig.defaults().withSignKeys("good1,not-a-key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sign-key 2 of 2 is not a VOD SignKey (1 to 32 letters and digits; several are separated"
                        + " by commas)");
        assertThatThrownBy(() -> ServiceConfig.defaults().withSignKeys("x".repeat(33)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nonsenseIsRefusedEarly() {
        assertThatThrownBy(() -> ServiceConfig.defaults().withPort(70000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServiceConfig.defaults().withDefinitions(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ServiceConfig.defaults().withCallbackToken(Optional.of("  ")).callbackToken()).isEmpty();
    }
}
