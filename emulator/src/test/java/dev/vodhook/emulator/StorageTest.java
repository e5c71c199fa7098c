package dev.vodhook.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.tencentcloudapi.vod.v20180717.models.ApplyUploadRequest;
import com.tencentcloudapi.vod.v20180717.models.ApplyUploadResponse;
import com.tencentcloudapi.vod.v20180717.models.CommitUploadRequest;
import dev.vodhook.signing.Tc3Signer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** COS-style storage and file serving, seen on the wire. */
class StorageTest {

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
    void aProxiedPutAnswersETagWithExactlyThatCasing() throws Exception {
        ApplyUploadResponse applied = applyUpload();
        byte[] body = "some media bytes".getBytes(StandardCharsets.UTF_8);
        String host = applied.getStorageBucket() + ".cos." + applied.getStorageRegion() + ".myqcloud.com";

        RawHttp.Answer answer = RawHttp.exchange(vod.port(), "PUT http://" + host + applied.getMediaStoragePath()
                + " HTTP/1.1\r\nHost: " + host + "\r\n" + cosHeaders(applied) + "Content-MD5: " + base64Md5(body)
                + "\r\n", body);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headerLine("ETag")).isEqualTo("ETag: \"" + hexMd5(body) + "\"");
        assertThat(answer.header("x-cos-request-id")).isNotEmpty();
    }

    @Test
    void theApiIsReachableAsAProxiedAbsoluteFormRequest() throws Exception {
        long now = Instant.now().getEpochSecond();
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String type = "application/json; charset=utf-8";
        String auth = Tc3Signer.authorization(vod.config().secretId(), vod.config().secretKey(), "vod",
                "vod.tencentcloudapi.com", type, now, body);

        RawHttp.Answer answer = RawHttp.exchange(vod.port(), "POST http://vod.tencentcloudapi.com/ HTTP/1.1\r\n"
                + "Host: vod.tencentcloudapi.com\r\nContent-Type: " + type + "\r\nAuthorization: " + auth
                + "\r\nX-TC-Action: DescribeEventConfig\r\nX-TC-Version: 2018-07-17\r\nX-TC-Timestamp: " + now + "\r\n",
                body);

        assertThat(new String(answer.body(),
                StandardCharsets.UTF_8)).contains("\"Mode\":\"PUSH\"").doesNotContain("Error");
    }

    @Test
    void aWrongContentMd5StoresNothing() throws Exception {
        ApplyUploadResponse applied = applyUpload();
        byte[] body = "some media bytes".getBytes(StandardCharsets.UTF_8);

        RawHttp.Answer answer = directPut(applied, applied.getMediaStoragePath(), cosHeaders(applied)
                + "Content-MD5: " + base64Md5("other bytes".getBytes(StandardCharsets.UTF_8)) + "\r\n", body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("<Code>BadDigest</Code>");
        assertThat(get(applied.getMediaStoragePath(), "").status()).isEqualTo(404);
    }

    @Test
    void writesNeedTheIssuedKeyAndTokenAndStayInsideTheSession() throws Exception {
        ApplyUploadResponse applied = applyUpload();
        byte[] body = {1, 2, 3};
        String otherPath = applied.getMediaStoragePath().replace("f0.mp4", "other.mp4");

        assertThat(directPut(applied, applied.getMediaStoragePath(), "", body).status()).isEqualTo(403);
        assertThat(directPut(applied, applied.getMediaStoragePath(), cosHeaders(applied).replace(
                applied.getTempCertificate().getToken(), "forged"), body).status()).isEqualTo(403);
        assertThat(directPut(applied, applied.getMediaStoragePath(), cosHeaders(applied).replace(
                applied.getTempCertificate().getSecretId(), "AKIDunknown"), body).status()).isEqualTo(403);
        assertThat(directPut(applied, otherPath, cosHeaders(applied), body).status()).isEqualTo(403);
        assertThat(directPut(applied, applied.getMediaStoragePath(), cosHeaders(applied),
                body).status()).isEqualTo(200);
    }

    @Test
    void filesAreServedWithRanges() throws Exception {
        String url = DirectUpload.upload(vod, TestClips.landscape()).getMediaUrl();
        String path = url.substring(vod.baseUrl().length());
        long size = Files.size(TestClips.landscape());

        RawHttp.Answer whole = get(path, "");
        RawHttp.Answer first = get(path, "Range: bytes=0-99\r\n");
        RawHttp.Answer tail = get(path, "Range: bytes=-10\r\n");
        RawHttp.Answer beyond = get(path, "Range: bytes=" + size + "-\r\n");
        RawHttp.Answer head = RawHttp.exchange(vod.port(), "HEAD " + path + " HTTP/1.1\r\nHost: " + vod.endpoint()
                + "\r\n", new byte[0]);

        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.header("Content-Type")).isEqualTo("video/mp4");
        assertThat(whole.header("Accept-Ranges")).isEqualTo("bytes");
        assertThat(whole.body()).isEqualTo(Files.readAllBytes(TestClips.landscape()));
        assertThat(first.status()).isEqualTo(206);
        assertThat(first.header("Content-Range")).isEqualTo("bytes 0-99/" + size);
        assertThat(first.header("Content-Length")).isEqualTo("100");
        assertThat(first.body()).hasSize(100);
        assertThat(tail.status()).isEqualTo(206);
        assertThat(tail.header("Content-Range")).isEqualTo("bytes " + (size - 10) + "-" + (size - 1) + "/" + size);
        assertThat(beyond.status()).isEqualTo(416);
        assertThat(beyond.header("Content-Range")).isEqualTo("bytes */" + size);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo(Long.toString(size));
        assertThat(head.body()).isEmpty();
    }

    @Test
    void pathTraversalFindsNothing() throws Exception {
        for (String path : new String[] {"/../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/.scratch/x",
                "/cos/b-1/../../etc/passwd", "/a/..%2f..%2fetc/passwd"}) {
            assertThat(get(path, "").status()).as(path).isIn(400, 404);
        }
    }

    @Test
    void committingNeedsAnUploadedFileAndAKnownSession() throws Exception {
        CommitUploadRequest commit = new CommitUploadRequest();
        commit.setVodSessionKey(applyUpload().getVodSessionKey());
        assertThat(ApiAuthenticationTest.sdkError(() -> VodSdk.client(vod).CommitUpload(commit)).getErrorCode())
                .isEqualTo("ResourceNotFound");
        commit.setVodSessionKey("no-such-session");
        assertThat(ApiAuthenticationTest.sdkError(() -> VodSdk.client(vod).CommitUpload(commit)).getErrorCode())
                .isEqualTo("InvalidParameterValue.VodSessionKey");
    }

    @Test
    void applyUploadChecksTypesAndProcedures() throws Exception {
        ApplyUploadRequest request = new ApplyUploadRequest();
        request.setMediaType("exe");
        assertThat(ApiAuthenticationTest.sdkError(() -> VodSdk.client(vod).ApplyUpload(request)).getErrorCode())
                .isEqualTo("InvalidParameterValue.MediaType");
        request.setMediaType("mp4");
        request.setProcedure("NoSuchProcedure");
        assertThat(ApiAuthenticationTest.sdkError(() -> VodSdk.client(vod).ApplyUpload(request)).getErrorCode())
                .isEqualTo("InvalidParameterValue");
        request.setProcedure(null);
        request.setCoverType("jpg");

        ApplyUploadResponse applied = VodSdk.client(vod).ApplyUpload(request);

        assertThat(applied.getStorageBucket()).matches("[0-9a-f]{8}vodgzp1500012345-1500012345");
        assertThat(applied.getStorageRegion()).isEqualTo("ap-guangzhou");
        assertThat(applied.getMediaStoragePath()).matches("/[0-9a-f]{8}vodgzp1500012345/[0-9a-f]{8}\\d{19}/f0\\.mp4");
        assertThat(applied.getCoverStoragePath()).matches("/[0-9a-f]{8}vodgzp1500012345/[0-9a-f]{8}\\d{19}/\\d+\\.jpg");
        assertThat(applied.getTempCertificate().getExpiredTime()).isGreaterThan(Instant.now().getEpochSecond());
    }

    private static ApplyUploadResponse applyUpload() throws Exception {
        ApplyUploadRequest request = new ApplyUploadRequest();
        request.setMediaType("mp4");
        return VodSdk.client(vod).ApplyUpload(request);
    }

    private static RawHttp.Answer directPut(ApplyUploadResponse applied, String key, String headers, byte[] body)
            throws Exception {
        return RawHttp.exchange(vod.port(), "PUT /cos/" + applied.getStorageBucket() + key + " HTTP/1.1\r\nHost: "
                + vod.endpoint() + "\r\n" + headers, body);
    }

    private static RawHttp.Answer get(String path, String headers) throws Exception {
        return RawHttp.exchange(vod.port(), "GET " + path + " HTTP/1.1\r\nHost: " + vod.endpoint() + "\r\n" + headers,
                new byte[0]);
    }

    private static String cosHeaders(ApplyUploadResponse applied) {
        return "Authorization: q-sign-algorithm=sha1&q-ak=" + applied.getTempCertificate().getSecretId()
                + "&q-sign-time=1;2&q-key-time=1;2&q-header-list=content-md5&q-url-param-list=&q-signature=00\r\n"
                + "x-cos-security-token: " + applied.getTempCertificate().getToken() + "\r\n";
    }

    private static String base64Md5(byte[] body) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
    }

    private static String hexMd5(byte[] body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
    }
}
