package dev.vodhook.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vodhook.service.handlers.RecordingMediaProcessing;
import dev.vodhook.store.inbox.EventStatus;
import dev.vodhook.store.inbox.StoredEvent;
import dev.vodhook.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Legacy 2.0 callbacks through the whole receiver: recognised, stored verbatim, mapped where clear. */
class LegacyCallbackTest {
    static final String UPLOAD_V2 = """
            {"version":"4.0","eventType":"NewFileUpload","data":{"status":0,"message":"","vodTaskId":"",
             "fileId":"5285890790714697960","fileName":"clip-v2",
             "fileUrl":"http://1257018105.vod2.myqcloud.com/c7596f40/1eb4c1fb5285890790714697960/TL916EePAC8A.mp4",
             "continued":0,"author":"","sourceType":"ClientUpload","sourceContext":"ctx","procedureTaskId":""}}
            """;

    @TempDir
    Path dir;

    final SettableClock clock = SettableClock.at(TestReceivers.START);
    final RecordingMediaProcessing vod = new RecordingMediaProcessing();
    VodhookServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aLegacyNewFileUploadIsStoredAndTranscodedByItsFileId() {
        server = VodhookServer.start(TestReceivers.config(dir, clock), vod);
        Http http = new Http(server.baseUrl());

        Http.Response response = http.post("/callback", UPLOAD_V2);
        Http.Response again = http.post("/callback", UPLOAD_V2);

        assertThat(response.status()).isEqualTo(200);
        assertThat(again.json().path("duplicate").asBoolean()).isTrue();
        long id = response.json().path("id").asLong();
        StoredEvent stored = server.database().inbox().find(id).orElseThrow();
        assertThat(stored.format()).isEqualTo("V2");
        assertThat(stored.eventType()).isEqualTo("NewFileUpload");
        assertThat(stored.dedupeKey()).isEqualTo("NewFileUpload:5285890790714697960");
        assertThat(stored.body()).isEqualTo(UPLOAD_V2);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                server.database().inbox().find(id).orElseThrow().status() == EventStatus.DONE);
        assertThat(vod.calls()).singleElement().satisfies(call -> {
            assertThat(call.fileId()).isEqualTo("5285890790714697960");
            assertThat(call.definitions()).containsExactly(100010, 100020);
        });
        JsonNode media = new Http(server.adminUrl()).get("/api/media/5285890790714697960").json();
        assertThat(media.path("name").asText()).isEqualTo("clip-v2");
        assertThat(media.path("mediaUrl").asText()).endsWith("/TL916EePAC8A.mp4");
    }
}
