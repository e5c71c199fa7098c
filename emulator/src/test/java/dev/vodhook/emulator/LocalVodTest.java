package dev.vodhook.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting, inspecting, resetting and stopping the emulator. */
class LocalVodTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anUnknownHttpVersionIs400InPlainTextNotA505Page() throws Exception {
        try (LocalVod vod = LocalVod.start(EmulatorConfig.defaults())) {
            for (String version : new String[] {"HTTP/9.9", "HTTP/0.9", "HTTP/1.2"}) {
                RawHttp.Answer answer = RawHttp.exchange(vod.port(), "GET /_emulator/health " + version
                        + "\r\nHost: 127.0.0.1\r\n", new byte[0]);

                assertThat(answer.status()).as(version + " (was 505 with an HTML page)").isEqualTo(400);
                assertThat(answer.header("Content-Type")).startsWith("text/plain");
                assertThat(new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8))
                        .doesNotContain("<html", "Exception");
            }
        }
    }

    @Test
    void listensOnAFreePortAndDescribesItsAddress() throws Exception {
        try (LocalVod vod = LocalVod.start(EmulatorConfig.defaults())) {
            assertThat(vod.port()).isPositive();
            assertThat(vod.endpoint()).isEqualTo("127.0.0.1:" + vod.port());
            assertThat(vod.baseUrl()).isEqualTo("http://127.0.0.1:" + vod.port());
            assertThat(get(vod, "/_emulator/health").path("status").asText()).isEqualTo("UP");
        }
    }

    @Test
    void aTakenPortIsAClearError() {
        try (LocalVod first = LocalVod.start(EmulatorConfig.defaults())) {
            assertThatThrownBy(() -> LocalVod.start(EmulatorConfig.defaults().withPort(first.port())))
                    .isInstanceOf(EmulatorException.class).hasMessageContaining(Integer.toString(first.port()));
        }
    }

    @Test
    void aHostOtherThanLoopbackIsRefusedUnlessAllowedExplicitly() {
        assertThatThrownBy(() -> LocalVod.start(EmulatorConfig.defaults().withHost("0.0.0.0")))
                .isInstanceOf(EmulatorException.class)
                .hasMessageContaining("will not listen on 0.0.0.0")
                .hasMessageContaining("/_emulator/ routes (faults, reset, state) are unauthenticated")
                .hasMessageContaining("--allow-remote");
        try (LocalVod vod = LocalVod.start(EmulatorConfig.defaults().withHost("0.0.0.0").withAllowRemote(true))) {
            assertThat(vod.port()).isPositive();
        }
        assertThat(EmulatorConfig.defaults().withHost("localhost").loopbackOnly()).isTrue();
        assertThat(EmulatorConfig.defaults().withHost("::1").loopbackOnly()).isTrue();
        assertThat(EmulatorConfig.defaults().withHost("192.168.1.10").loopbackOnly()).isFalse();
    }

    @Test
    void storesFilesInTheDataDirectoryAndServesThemUnderThePublicUrl(@TempDir Path data) throws Exception {
        EmulatorConfig config = EmulatorConfig.defaults().withDataDir(data).withPublicBaseUrl("http://cdn.example/");
        try (LocalVod vod = LocalVod.start(config)) {
            String url = DirectUpload.upload(vod, TestClips.landscape()).getMediaUrl();

            assertThat(url).startsWith("http://cdn.example/").endsWith("/f0.mp4");
            assertThat(data.resolve("objects" + url.substring("http://cdn.example".length()))).exists();
        }
        assertThat(data.resolve("objects")).exists();
    }

    @Test
    void inspectionShowsMediaAndTasksAndResetForgetsThem() throws Exception {
        try (LocalVod vod = LocalVod.start(EmulatorConfig.defaults())) {
            String fileId = DirectUpload.upload(vod, TestClips.landscape()).getFileId();
            VodSdk.client(vod).ProcessMedia(ProcessMediaTest.request(fileId, 100010));

            JsonNode media = get(vod, "/_emulator/media");
            JsonNode tasks = get(vod, "/_emulator/tasks");
            assertThat(media).hasSize(1);
            assertThat(media.get(0).path("FileId").asText()).isEqualTo(fileId);
            assertThat(tasks).hasSize(1);
            assertThat(tasks.get(0).path("ProcedureTask").path("FileId").asText()).isEqualTo(fileId);
            assertThat(vod.fileIds()).containsExactly(fileId);

            try (HttpClient http = HttpClient.newHttpClient()) {
                http.send(HttpRequest.newBuilder(URI.create(vod.baseUrl() + "/_emulator/reset"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            }

            assertThat(get(vod, "/_emulator/media")).isEmpty();
            assertThat(vod.fileIds()).isEmpty();
        }
    }

    @Test
    void aTemporaryStoreIsRemovedOnClose() throws Exception {
        Path original;
        try (LocalVod vod = LocalVod.start(EmulatorConfig.defaults())) {
            String url = DirectUpload.upload(vod, TestClips.landscape()).getMediaUrl();
            original = findStored(url.substring(vod.baseUrl().length()));
            assertThat(original).exists();
        }
        assertThat(original).doesNotExist();
    }

    private static Path findStored(String key) throws Exception {
        try (var dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("vodhook-local-vod-"))
                    .map(d -> d.resolve(key.substring(1))).filter(Files::exists).findFirst().orElseThrow();
        }
    }

    private static JsonNode get(LocalVod vod, String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(vod.baseUrl() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return JSON.readTree(response.body());
        }
    }
}
