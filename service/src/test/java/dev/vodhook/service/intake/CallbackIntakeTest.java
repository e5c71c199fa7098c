package dev.vodhook.service.intake;

import static dev.vodhook.service.TestEvents.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vodhook.service.Http;
import dev.vodhook.service.ServiceConfig;
import dev.vodhook.service.TestEvents;
import dev.vodhook.service.TestReceivers;
import dev.vodhook.service.VodhookServer;
import dev.vodhook.service.handlers.RecordingMediaProcessing;
import dev.vodhook.store.inbox.EventFilter;
import dev.vodhook.store.inbox.EventSource;
import dev.vodhook.store.inbox.EventStatus;
import dev.vodhook.store.inbox.StoredEvent;
import dev.vodhook.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Normal callbacks over real HTTP: what is stored, what is answered. */
class CallbackIntakeTest {
    @TempDir
    Path dir;

    final SettableClock clock = SettableClock.at(TestReceivers.START);
    final RecordingMediaProcessing vod = new RecordingMediaProcessing();
    VodhookServer server;
    Http http;

    void start(ServiceConfig config) {
        server = VodhookServer.start(config, vod);
        http = new Http(server.baseUrl());
    }

    void start() {
        start(TestReceivers.config(dir, clock));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    long storedEvents() {
        return server.database().inbox().list(EventFilter.all(), 500).size();
    }

    @Test
    void aGoodEventIsStoredVerbatimBeforeThe200() {
        start();
        String body = upload("1001");

        Http.Response response = http.post("/callback", body);

        assertThat(response.status()).isEqualTo(200);
        JsonNode json = response.json();
        assertThat(json.path("code").asInt()).isZero();
        assertThat(json.path("duplicate").asBoolean()).isFalse();
        StoredEvent stored = server.database().inbox().find(json.path("id").asLong()).orElseThrow();
        assertThat(stored.body()).isEqualTo(body);
        assertThat(stored.fileId()).contains("1001"); // indexed, for the console's timeline and search
        assertThat(stored.source()).isEqualTo(EventSource.PUSH);
        assertThat(stored.eventType()).isEqualTo("NewFileUpload");
        assertThat(stored.format()).isEqualTo("V3");
        assertThat(stored.dedupeKey()).isEqualTo("NewFileUpload:1001");
        assertThat(stored.receivedAt()).isEqualTo(clock.instant());
        assertThat(stored.headers()).containsEntry("content-type", "application/json").containsKey("remote-addr");
    }

    @Test
    void aDuplicateIsAnswered200AndNotStoredOrProcessedAgain() {
        start();
        long first = http.post("/callback", upload("1001")).json().path("id").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                server.database().inbox().find(first).orElseThrow().status() == EventStatus.DONE);

        Http.Response again = http.post("/callback", upload("1001"));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("duplicate").asBoolean()).isTrue();
        assertThat(again.json().path("id").asLong()).isEqualTo(first);
        assertThat(storedEvents()).isEqualTo(1);
        assertThat(vod.calls()).hasSize(1);
    }

    @Test
    void malformedBodiesGet400WithAReasonAndStoreNothing() {
        start();

        Http.Response notJson = http.post("/callback", "{\"EventType\": ");
        Http.Response noType = http.post("/callback", "{\"FileUploadEvent\":{\"FileId\":\"1\"}}");
        Http.Response notObject = http.post("/callback", "[1,2]");
        Http.Response empty = http.post("/callback", "");

        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().path("error").asText()).isEqualTo("MalformedEvent");
        assertThat(notJson.json().path("message").asText()).contains("not valid JSON");
        assertThat(noType.status()).isEqualTo(400);
        assertThat(noType.json().path("message").asText()).contains("EventType");
        assertThat(notObject.status()).isEqualTo(400);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(storedEvents()).isZero();
    }

    @Test
    void anOversizedBodyGets413AndStoresNothing() {
        start(TestReceivers.config(dir, clock).withMaxBodyBytes(1024));
        String big = "{\"EventType\":\"NewFileUpload\",\"pad\":\"" + "x".repeat(2000) + "\"}";

        Http.Response response = http.post("/callback", big);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().path("error").asText()).isEqualTo("PayloadTooLarge");
        assertThat(response.json().path("message").asText()).contains("1024");
        assertThat(storedEvents()).isZero();
        assertThat(http.post("/callback", upload("1")).status()).isEqualTo(200);
    }

    @Test
    void anUnknownEventTypeIsStoredAndAcknowledged() {
        start();

        Http.Response response = http.post("/callback", "{\"EventType\":\"BrandNewEvent\",\"BrandNewEventEvent\":{}}");

        assertThat(response.status()).isEqualTo(200);
        long id = response.json().path("id").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                server.database().inbox().find(id).orElseThrow().status() == EventStatus.DONE);
    }

    @Test
    void withATokenOnlyTheTokenPathTakesCallbacks() {
        start(TestReceivers.config(dir, clock).withCallbackToken("s3cret-t0ken"));

        assertThat(http.post("/callback", upload("1")).status()).isEqualTo(403);
        assertThat(http.post("/callback/wrong", upload("1")).status()).isEqualTo(403);
        assertThat(http.post("/callback/s3cret-t0ken", upload("1")).status()).isEqualTo(200);
        assertThat(storedEvents()).isEqualTo(1);
    }

    @Test
    void withoutATokenTheTokenPathDoesNotExist() {
        start();

        Http.Response response = http.post("/callback/anything", upload("1"));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("error").asText()).isEqualTo("NotFound");
    }

    @Test
    void aDatabaseFailureIs503SoThatVodTriesAgain() {
        start();
        server.database().close();

        Http.Response response = http.post("/callback", upload("1001"));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.json().path("error").asText()).isEqualTo("Unavailable");
        assertThat(http.get("/healthz").status()).isEqualTo(503);
    }

    @Test
    void uploadToOutputsThroughTheWholeReceiver() {
        start();
        http.post("/callback", upload("1001"));
        Http admin = new Http(server.adminUrl());
        await().atMost(Duration.ofSeconds(60)).until(() -> admin.get("/api/media/1001").status() == 200
                && !admin.get("/api/media/1001").json().path("taskId").isNull());
        String taskId = admin.get("/api/media/1001").json().path("taskId").asText();

        assertThat(http.post("/callback", TestEvents.procedureWithFailure("1001", taskId, 0)).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).until(() ->
                admin.get("/api/media/1001").json().path("state").asText().equals("FINISHED"));
        JsonNode media = admin.get("/api/media/1001").json();
        assertThat(media.path("fileId").asText()).isEqualTo("1001");
        assertThat(media.path("name").asText()).isEqualTo("clip-1001");
        assertThat(media.path("mediaUrl").asText()).isEqualTo("http://vod.example/1001/f0.mp4");
        assertThat(media.path("taskId").asText()).isEqualTo(taskId);
        JsonNode ok = media.path("outputs").get(0);
        assertThat(ok.path("kind").asText()).isEqualTo("Transcode");
        assertThat(ok.path("definition").asInt()).isEqualTo(100010);
        assertThat(ok.path("url").asText()).isEqualTo("http://vod.example/1001/v.f100010.mp4");
        assertThat(ok.path("width").asInt()).isEqualTo(640);
        assertThat(ok.path("height").asInt()).isEqualTo(360);
        assertThat(ok.path("bitrate").asLong()).isEqualTo(400000);
        assertThat(ok.path("size").asLong()).isEqualTo(1000);
        assertThat(ok.path("duration").asDouble()).isEqualTo(1.0);
        assertThat(ok.path("status").asText()).isEqualTo("SUCCESS");
        JsonNode failed = media.path("outputs").get(1);
        assertThat(failed.path("definition").asInt()).isEqualTo(100020);
        assertThat(failed.path("status").asText()).isEqualTo("FAIL");
        assertThat(failed.path("errCode").asLong()).isEqualTo(70000);
        assertThat(failed.path("message").asText()).isEqualTo("transcoder crashed");
        assertThat(media.path("tasks").get(0).path("startedByUs").asBoolean()).isTrue();
        assertThat(media.path("tasks").get(0).path("status").asText()).isEqualTo("FINISH");
    }
}
