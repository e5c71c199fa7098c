package dev.vodhook.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.vod.v20180717.models.DescribeEventConfigRequest;
import com.tencentcloudapi.vod.v20180717.models.DescribeEventConfigResponse;
import dev.vodhook.signing.Tc3Signer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ApiAuthenticationTest {

    private static final String JSON_TYPE = "application/json; charset=utf-8";
    private static LocalVod vod;

    @BeforeAll
    static void start() {
        vod = LocalVod.start(EmulatorConfig.defaults());
    }

    @AfterAll
    static void stop() {
        vod.close();
    }

    @Test
    void theOfficialSdkIsAccepted() throws Exception {
        DescribeEventConfigResponse config = VodSdk.client(vod).DescribeEventConfig(new DescribeEventConfigRequest());

        assertThat(config.getMode()).isEqualTo("PUSH");
        assertThat(config.getUploadMediaCompleteEventSwitch()).isEqualTo("ON");
        assertThat(config.getRequestId())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void aLocalhostEndpointIsAcceptedThoughTheSdkDerivesAnOddService() throws Exception {
        com.tencentcloudapi.common.profile.HttpProfile hp = new com.tencentcloudapi.common.profile.HttpProfile();
        hp.setEndpoint("localhost:" + vod.port());
        hp.setProtocol(com.tencentcloudapi.common.profile.HttpProfile.REQ_HTTP);
        com.tencentcloudapi.common.profile.ClientProfile cp = new com.tencentcloudapi.common.profile.ClientProfile();
        cp.setHttpProfile(hp);
        var client = new com.tencentcloudapi.vod.v20180717.VodClient(new com.tencentcloudapi.common.Credential(
                vod.config().secretId(), vod.config().secretKey()), "ap-guangzhou", cp);

        assertThat(client.DescribeEventConfig(new DescribeEventConfigRequest()).getMode()).isEqualTo("PUSH");
    }

    @Test
    void anUnsignedPayloadIsAccepted() throws Exception {
        assertThat(VodSdk.unsignedPayloadClient(vod).DescribeEventConfig(new DescribeEventConfigRequest()).getMode())
                .isEqualTo("PUSH");
    }

    @Test
    void aWrongSecretKeyIsASignatureFailure() {
        TencentCloudSDKException e = sdkError(() -> VodSdk.client(vod, vod.config().secretId(), "not-the-key")
                .DescribeEventConfig(new DescribeEventConfigRequest()));

        assertThat(e.getErrorCode()).isEqualTo("AuthFailure.SignatureFailure");
        assertThat(e.getRequestId()).isNotEmpty();
    }

    @Test
    void anUnknownSecretIdIsReported() {
        TencentCloudSDKException e = sdkError(() -> VodSdk.client(vod, "AKIDsomeoneElse", vod.config().secretKey())
                .DescribeEventConfig(new DescribeEventConfigRequest()));

        assertThat(e.getErrorCode()).isEqualTo("AuthFailure.SecretIdNotFound");
    }

    @Test
    void aTimestampOutsideFiveMinutesIsExpired() throws Exception {
        Clock anHourAhead = Clock.fixed(Instant.now().plus(Duration.ofHours(1)), ZoneOffset.UTC);
        try (LocalVod skewed = LocalVod.start(EmulatorConfig.defaults().withClock(anHourAhead))) {
            TencentCloudSDKException e = sdkError(() -> VodSdk.client(skewed)
                    .DescribeEventConfig(new DescribeEventConfigRequest()));

            assertThat(e.getErrorCode()).isEqualTo("AuthFailure.SignatureExpire");
        }
    }

    @Test
    void aTimestampJustInsideTheWindowIsAccepted() throws Exception {
        Instant signedAt = Instant.parse("2024-05-20T08:15:00Z");
        Clock fourMinutesLater = Clock.fixed(signedAt.plusSeconds(240), ZoneOffset.UTC);
        try (LocalVod later = LocalVod.start(EmulatorConfig.defaults().withClock(fourMinutesLater))) {
            JsonNode answer = signedCall(later, "DescribeEventConfig", "2018-07-17", "{}", signedAt.getEpochSecond());

            assertThat(answer.path("Response").path("Mode").asText()).isEqualTo("PUSH");
        }
    }

    @Test
    void theHostIsTriedWithoutItsPortAsTheNodeSdkSignsIt() throws Exception {
        long now = Instant.now().getEpochSecond();
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String auth = Tc3Signer.authorization(vod.config().secretId(), vod.config().secretKey(), "127", "127.0.0.1",
                JSON_TYPE, now, body);

        JsonNode answer = rawCall(vod, "DescribeEventConfig", "2018-07-17", auth, now, body);

        assertThat(answer.path("Response").path("Error").isMissingNode()).isTrue();
    }

    @Test
    void aScopeDateOtherThanTheTimestampsIsRefused() throws Exception {
        long now = Instant.now().getEpochSecond();
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String auth = Tc3Signer.authorization(vod.config().secretId(), vod.config().secretKey(), "127",
                vod.endpoint(), JSON_TYPE, now, body).replace(Tc3Signer.scopeDate(now), "2020-01-01");

        assertThat(errorCode(rawCall(vod, "DescribeEventConfig", "2018-07-17", auth, now, body)))
                .isEqualTo("AuthFailure.SignatureFailure");
    }

    @Test
    void protocolMistakesGetTheirCodesWithHttp200() throws Exception {
        long now = Instant.now().getEpochSecond();
        assertThat(errorCode(signedCall(vod, "NoSuchThing", "2018-07-17", "{}", now))).isEqualTo("InvalidAction");
        assertThat(errorCode(signedCall(vod, "DescribeEventConfig", "2017-03-12", "{}",
                now))).isEqualTo("NoSuchVersion");
        assertThat(errorCode(signedCall(vod, "DescribeEventConfig", "2018-07-17", "{not json", now)))
                .isEqualTo("InvalidParameter");
        assertThat(errorCode(signedCall(vod, "ProcessMedia", "2018-07-17", "{\"FileId\":{\"x\":1}}", now)))
                .isEqualTo("InvalidParameter");
        assertThat(errorCode(signedCall(vod, "ProcessMedia", "2018-07-17", "{}", now))).isEqualTo("MissingParameter");
        assertThat(errorCode(rawCall(vod, "DescribeEventConfig", "2018-07-17", "Bearer nonsense", now,
                "{}".getBytes(StandardCharsets.UTF_8)))).isEqualTo("AuthFailure.InvalidAuthorization");
        assertThat(errorCode(signedCall(vod, "DescribeEventConfig", "2018-07-17", "{\"SubAppId\":42}", now)))
                .isEqualTo("InvalidParameterValue.SubAppId");
    }

    static JsonNode signedCall(LocalVod target, String action, String version, String json, long timestamp)
            throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String auth = Tc3Signer.authorization(target.config().secretId(), target.config().secretKey(), "127",
                target.endpoint(), JSON_TYPE, timestamp, body);
        return rawCall(target, action, version, auth, timestamp, body);
    }

    private static JsonNode rawCall(LocalVod target, String action, String version, String authorization,
                                    long timestamp, byte[] body) throws Exception {
        RawHttp.Answer answer = RawHttp.exchange(target.port(), "POST / HTTP/1.1\r\nHost: " + target.endpoint()
                + "\r\nContent-Type: " + JSON_TYPE + "\r\nAuthorization: " + authorization + "\r\nX-TC-Action: "
                + action + "\r\nX-TC-Version: " + version + "\r\nX-TC-Timestamp: " + timestamp + "\r\n", body);
        assertThat(answer.status()).as("every API answer is HTTP 200").isEqualTo(200);
        JsonNode json = new ObjectMapper().readTree(answer.body());
        assertThat(json.path("Response").path("RequestId").asText()).isNotEmpty();
        return json;
    }

    private static String errorCode(JsonNode answer) {
        return answer.path("Response").path("Error").path("Code").asText();
    }

    interface SdkCall {
        void run() throws Exception;
    }

    static TencentCloudSDKException sdkError(SdkCall call) {
        return catchThrowableOfType(TencentCloudSDKException.class, call::run);
    }
}
