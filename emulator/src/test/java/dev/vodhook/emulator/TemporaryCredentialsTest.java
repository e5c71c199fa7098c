package dev.vodhook.emulator;

import static dev.vodhook.emulator.ApiAuthenticationTest.sdkError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.vod.v20180717.models.ApplyUploadRequest;
import com.tencentcloudapi.vod.v20180717.models.DescribeMediaInfosRequest;
import com.tencentcloudapi.vod.v20180717.models.DescribeMediaInfosResponse;
import com.tencentcloudapi.vod.v20180717.models.TempCertificate;
import dev.vodhook.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The TempCertificate of ApplyUpload signs API calls too, with its token in {@code X-TC-Token}, until it expires. */
class TemporaryCredentialsTest {

    private static final SettableClock clock = new SettableClock(Instant.now());

    @RegisterExtension
    static final LocalVodExtension vod = LocalVodExtension.create(config -> config.withClock(clock));

    @BeforeEach
    void now() {
        clock.set(Instant.now());
    }

    @Test
    void temporaryCredentialsWithTheirTokenAreAccepted() throws Exception {
        TempCertificate cert = applyUpload();

        DescribeMediaInfosResponse answer = vod.client(new Credential(cert.getSecretId(), cert.getSecretKey(),
                cert.getToken())).DescribeMediaInfos(describe("5285890784273533167"));

        assertThat(answer.getNotExistFileIdSet()).containsExactly("5285890784273533167");
    }

    @Test
    void aWrongOrMissingTokenIsATokenFailure() throws Exception {
        TempCertificate cert = applyUpload();

        String wrong = sdkError(() -> vod.client(new Credential(cert.getSecretId(), cert.getSecretKey(),
                cert.getToken() + "x")).DescribeMediaInfos(describe("1"))).getErrorCode();
        String missing = sdkError(() -> vod.client(new Credential(cert.getSecretId(), cert.getSecretKey()))
                .DescribeMediaInfos(describe("1"))).getErrorCode();

        assertThat(wrong).isEqualTo("AuthFailure.TokenFailure");
        assertThat(missing).isEqualTo("AuthFailure.TokenFailure");
    }

    @Test
    void theRightTokenWithTheWrongKeyIsASignatureFailure() throws Exception {
        TempCertificate cert = applyUpload();

        assertThat(sdkError(() -> vod.client(new Credential(cert.getSecretId(), "not-the-key",
                cert.getToken())).DescribeMediaInfos(describe("1"))).getErrorCode())
                .isEqualTo("AuthFailure.SignatureFailure");
    }

    @Test
    void expiredTemporaryCredentialsAreATokenFailure() throws Exception {
        Instant real = Instant.now();
        clock.set(real.minus(Duration.ofHours(3)).minusSeconds(1));
        JsonNode applied = ApiAuthenticationTest.signedCall(vod.localVod(), "ApplyUpload", "2018-07-17",
                "{\"MediaType\":\"mp4\"}", clock.instant().getEpochSecond()).path("Response").path("TempCertificate");
        assertThat(applied.path("ExpiredTime").asLong()).isLessThan(real.getEpochSecond());
        clock.set(real);

        var e = sdkError(() -> vod.client(new Credential(applied.path("SecretId").asText(),
                applied.path("SecretKey").asText(), applied.path("Token").asText())).DescribeMediaInfos(describe("1")));

        assertThat(e.getErrorCode()).isEqualTo("AuthFailure.TokenFailure");
        assertThat(e.getMessage()).contains("expired");
    }

    @Test
    void theConfiguredKeyIgnoresAToken() throws Exception {
        assertThat(vod.client(new Credential(vod.localVod().config().secretId(), vod.localVod().config().secretKey(),
                "whatever"))
                .DescribeMediaInfos(describe("1")).getNotExistFileIdSet()).containsExactly("1");
    }

    private static TempCertificate applyUpload() throws Exception {
        ApplyUploadRequest apply = new ApplyUploadRequest();
        apply.setMediaType("mp4");
        return vod.client().ApplyUpload(apply).getTempCertificate();
    }

    private static DescribeMediaInfosRequest describe(String fileId) {
        DescribeMediaInfosRequest request = new DescribeMediaInfosRequest();
        request.setFileIds(new String[] {fileId});
        return request;
    }
}
