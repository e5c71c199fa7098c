package dev.vodhook.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.qcloud.vod.model.VodUploadRequest;
import com.qcloud.vod.model.VodUploadResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official upload SDK ({@code VodUploadClient}) in proxy mode, unchanged, against the emulator. */
class UploadThroughSdkTest {

    private static RecordingReceiver receiver;
    private static LocalVod vod;

    @BeforeAll
    static void start() {
        receiver = new RecordingReceiver();
        vod = LocalVod.start(EmulatorConfig.defaults().withNotificationUrl(receiver.url()));
    }

    @AfterAll
    static void stop() {
        vod.close();
        receiver.close();
    }

    @Test
    void aSmallFileIsUploadedWithOnePutAndAnnounced() throws Exception {
        Path clip = TestClips.landscape();
        VodUploadRequest request = new VodUploadRequest();
        request.setMediaFilePath(clip.toString());
        request.setMediaName("lesson-01");
        request.setSourceContext("{\"uploadId\":\"up-42\"}");

        VodUploadResponse response = VodSdk.uploader(vod).upload("ap-guangzhou", request);

        assertThat(response.getFileId()).matches("\\d{19}");
        assertThat(response.getMediaUrl()).startsWith(vod.baseUrl() + "/").endsWith(response.getFileId() + "/f0.mp4");
        assertThat(download(response.getMediaUrl())).isEqualTo(md5(clip));
        JsonNode event = await().atMost(Duration.ofSeconds(60)).until(
                () -> uploadEventFor(response.getFileId()), e -> e != null);
        JsonNode upload = event.path("FileUploadEvent");
        assertThat(upload.path("MediaBasicInfo").path("Name").asText()).isEqualTo("lesson-01");
        assertThat(upload.path("MediaBasicInfo").path("MediaUrl").asText()).isEqualTo(response.getMediaUrl());
        assertThat(upload.path("MediaBasicInfo").path("SourceInfo").path("SourceContext").asText())
                .isEqualTo("{\"uploadId\":\"up-42\"}");
        assertThat(upload.path("MetaData").path("Width").asInt()).isEqualTo(320);
        assertThat(upload.path("MetaData").path("Height").asInt()).isEqualTo(180);
        assertThat(upload.path("MetaData").path("Duration").asDouble()).isBetween(0.9, 1.2);
        assertThat(upload.path("ProcedureTaskId").asText()).isEmpty();
    }

    @Test
    void aFileOfFiveMibOrMoreGoesThroughMultipartUpload() throws Exception {
        Path big = TestClips.noise(6 * 1024 * 1024 + 123);
        VodUploadRequest request = new VodUploadRequest();
        request.setMediaFilePath(big.toString());

        VodUploadResponse response = VodSdk.uploader(vod).upload("ap-guangzhou", request);

        assertThat(download(response.getMediaUrl())).isEqualTo(md5(big));
    }

    @Test
    void aCoverIsUploadedBesideTheMedia() throws Exception {
        Path cover = Files.createTempFile("cover-", ".jpg");
        Files.write(cover, new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9});
        VodUploadRequest request = new VodUploadRequest();
        request.setMediaFilePath(TestClips.landscape().toString());
        request.setCoverFilePath(cover.toString());

        VodUploadResponse response = VodSdk.uploader(vod).upload("ap-guangzhou", request);

        assertThat(response.getCoverUrl()).endsWith(".jpg");
        assertThat(download(response.getCoverUrl())).isEqualTo(md5(cover));
    }

    private static JsonNode uploadEventFor(String fileId) {
        return receiver.bodiesOf("NewFileUpload").stream()
                .filter(b -> b.path("FileUploadEvent").path("FileId").asText().equals(fileId))
                .findFirst().orElse(null);
    }

    static String download(String url) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(response.body()));
        }
    }

    static String md5(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
    }
}
