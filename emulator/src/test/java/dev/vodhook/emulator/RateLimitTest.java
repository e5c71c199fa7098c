package dev.vodhook.emulator;

import static dev.vodhook.emulator.ApiAuthenticationTest.sdkError;
import static org.assertj.core.api.Assertions.assertThat;

import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.vod.v20180717.VodClient;
import com.tencentcloudapi.vod.v20180717.models.DescribeEventConfigRequest;
import com.tencentcloudapi.vod.v20180717.models.DescribeEventsStateRequest;
import dev.vodhook.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code RequestLimitExceeded} at the documented rates, per action and application, stepped by a settable clock. */
class RateLimitTest {

    private static final SettableClock clock = new SettableClock(Instant.now());

    @RegisterExtension
    static final LocalVodExtension vod = LocalVodExtension.create(config -> config.withClock(clock)
            .withSubAppId(1500099999L)
            .withRateLimits(RateLimitPolicy.documented().withEnabled(true).withRate("DescribeEventConfig", 3)))
            .resettingAfterEachTest();
    private VodClient client;

    @BeforeEach
    void now(VodClient sdk) {
        client = sdk;
        clock.set(Instant.now());
    }

    @Test
    void describeEventsStateAllowsTwentyPerSecond() throws Exception {
        for (int i = 0; i < 20; i++) {
            client.DescribeEventsState(new DescribeEventsStateRequest());
        }

        TencentCloudSDKException e = sdkError(() -> client.DescribeEventsState(new DescribeEventsStateRequest()));
        assertThat(e.getErrorCode()).isEqualTo("RequestLimitExceeded");
        assertThat(e.getMessage()).contains("DescribeEventsState", "20 requests per second");
        assertThat(e.getRequestId()).isNotEmpty();

        clock.tick(Duration.ofMillis(50));
        client.DescribeEventsState(new DescribeEventsStateRequest());
        assertThat(sdkError(() -> client.DescribeEventsState(new DescribeEventsStateRequest())).getErrorCode())
                .isEqualTo("RequestLimitExceeded");
    }

    @Test
    void eachActionAndApplicationHasItsOwnBucket() throws Exception {
        for (int i = 0; i < 3; i++) {
            client.DescribeEventConfig(new DescribeEventConfigRequest());
        }
        assertThat(sdkError(() -> client.DescribeEventConfig(new DescribeEventConfigRequest())).getErrorCode())
                .isEqualTo("RequestLimitExceeded");

        client.DescribeEventsState(new DescribeEventsStateRequest());
        DescribeEventConfigRequest primaryApp = new DescribeEventConfigRequest();
        primaryApp.setSubAppId(vod.localVod().config().appId());
        for (int i = 0; i < 3; i++) {
            client.DescribeEventConfig(primaryApp);
        }
        assertThat(sdkError(() -> client.DescribeEventConfig(primaryApp)).getErrorCode())
                .isEqualTo("RequestLimitExceeded");
    }

    @Test
    void aSecondLaterTheBucketIsFullAgain() throws Exception {
        for (int i = 0; i < 3; i++) {
            client.DescribeEventConfig(new DescribeEventConfigRequest());
        }
        clock.tick(Duration.ofSeconds(1));

        for (int i = 0; i < 3; i++) {
            client.DescribeEventConfig(new DescribeEventConfigRequest());
        }
        assertThat(sdkError(() -> client.DescribeEventConfig(new DescribeEventConfigRequest())).getErrorCode())
                .isEqualTo("RequestLimitExceeded");
    }

    @Test
    void offByDefault() throws Exception {
        assertThat(EmulatorConfig.defaults().rateLimits().enabled()).isFalse();
        try (LocalVod unlimited = LocalVod.start(EmulatorConfig.defaults().withClock(clock))) {
            VodClient c = VodSdk.client(unlimited);
            for (int i = 0; i < 25; i++) {
                c.DescribeEventsState(new DescribeEventsStateRequest());
            }
        }
    }
}
