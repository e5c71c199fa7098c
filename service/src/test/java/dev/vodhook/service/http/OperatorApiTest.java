package dev.vodhook.service.http;

import static dev.vodhook.service.TestEvents.append;
import static dev.vodhook.service.TestEvents.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vodhook.service.Http;
import dev.vodhook.service.TestReceivers;
import dev.vodhook.service.VodhookServer;
import dev.vodhook.service.handlers.RecordingMediaProcessing;
import dev.vodhook.service.processing.WorkerSettings;
import dev.vodhook.store.inbox.EventStatus;
import dev.vodhook.store.inbox.Inbox;
import dev.vodhook.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator API over real HTTP. The processor here polls only every ten minutes, and events appended
 * straight to the inbox do not wake it, so the tests decide when events are handled.
 */
class OperatorApiTest {
    @TempDir
    Path dir;

    final SettableClock clock = SettableClock.at(TestReceivers.START);
    final RecordingMediaProcessing vod = new RecordingMediaProcessing();
    VodhookServer server;
    Http http;
    Inbox inbox;

    @BeforeEach
    void start() {
        server = VodhookServer.start(TestReceivers.config(dir, clock).withWorker(new WorkerSettings(
                Duration.ofMinutes(10), 16, Duration.ofSeconds(30), Duration.ofSeconds(5))), vod);
        http = new Http(server.adminUrl());
        inbox = server.database().inbox();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anUnknownMediaIs404Json() {
        Http.Response response = http.get("/api/media/404404");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("error").asText()).isEqualTo("NotFound");
        assertThat(response.json().path("message").asText()).contains("404404");
    }

    @Test
    void eventsAreListedNewestFirstWithFiltersAndPaging() {
        long a = append(inbox, upload("1"), clock.instant());
        long b = append(inbox, upload("2"), clock.instant());
        long c = append(inbox, "{\"EventType\":\"FileDeleted\",\"FileDeleteEvent\":{\"FileIdSet\":[\"3\"]}}",
                clock.instant());

        JsonNode all = http.get("/api/events").json();
        assertThat(all.path("events").findValuesAsText("eventType"))
                .containsExactly("FileDeleted", "NewFileUpload", "NewFileUpload");
        assertThat(all.path("nextBefore").isNull()).isTrue();
        JsonNode first = all.path("events").get(0);
        assertThat(first.path("id").asLong()).isEqualTo(c);
        assertThat(first.path("status").asText()).isEqualTo("PENDING");
        assertThat(first.path("receivedAt").asText()).isEqualTo(TestReceivers.START);
        assertThat(first.has("body")).isFalse();

        JsonNode page = http.get("/api/events?limit=2").json();
        assertThat(page.path("events").findValuesAsText("id")).containsExactly(String.valueOf(c), String.valueOf(b));
        assertThat(page.path("nextBefore").asLong()).isEqualTo(b);
        assertThat(http.get("/api/events?before=" + b).json().path("events").findValuesAsText("id"))
                .containsExactly(String.valueOf(a));
        assertThat(http.get("/api/events?type=FileDeleted&status=pending").json().path("events").size()).isEqualTo(1);
        assertThat(http.get("/api/events?status=DONE").json().path("events").size()).isZero();
    }

    @Test
    void badQueriesAre400WithAReason() {
        assertThat(http.get("/api/events?status=LOST").status()).isEqualTo(400);
        assertThat(http.get("/api/events?status=LOST").json().path("message").asText()).contains("PENDING");
        assertThat(http.get("/api/events?limit=0").status()).isEqualTo(400);
        assertThat(http.get("/api/events?limit=many").status()).isEqualTo(400);
        assertThat(http.get("/api/events/abc").status()).isEqualTo(400);
        assertThat(http.get("/api/events/999").status()).isEqualTo(404);
    }

    @Test
    void oneEventInFull() {
        String body = upload("1");
        long id = append(inbox, body, clock.instant());

        JsonNode event = http.get("/api/events/" + id).json();

        assertThat(event.path("body").asText()).isEqualTo(body);
        assertThat(event.path("dedupeKey").asText()).isEqualTo("NewFileUpload:1");
        assertThat(event.path("source").asText()).isEqualTo("PUSH");
        assertThat(event.path("attempts").asInt()).isZero();
        assertThat(event.path("lastError").isNull()).isTrue();
    }

    @Test
    void aDeadEventIsReplayedAndHandled() {
        vod.failAlways("InvalidParameterValue.FileId", false);
        long id = append(inbox, upload("1"), clock.instant());
        server.processor().runOnce();
        assertThat(inbox.find(id).orElseThrow().status()).isEqualTo(EventStatus.DEAD);
        assertThat(http.get("/api/events?status=DEAD").json().path("events").get(0).path("lastError").asText())
                .contains("InvalidParameterValue.FileId");
        vod.recover();

        Http.Response replay = http.post("/api/events/" + id + "/replay", "");

        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json().path("result").asText()).isEqualTo("REPLAYED");
        await().atMost(Duration.ofSeconds(60)).until(() -> inbox.find(id).orElseThrow().status() == EventStatus.DONE);
    }

    @Test
    void replayingWhatIsMissingOrBusyIsRefused() {
        long id = append(inbox, upload("1"), clock.instant());
        inbox.claimDue("another-worker", clock.instant(), Duration.ofSeconds(30), 1);

        assertThat(http.post("/api/events/" + id + "/replay", "").status()).isEqualTo(409);
        assertThat(http.post("/api/events/424242/replay", "").status()).isEqualTo(404);
    }

    @Test
    void healthAndMetrics() {
        assertThat(http.get("/healthz").status()).isEqualTo(200);
        assertThat(http.get("/healthz").json().path("status").asText()).isEqualTo("UP");
        Http callbacks = new Http(server.baseUrl());
        callbacks.post("/callback", upload("1"));
        callbacks.post("/callback", upload("1"));
        callbacks.post("/callback", "{\"EventType\":\"AttackerMadeThisUp-1\"}");
        callbacks.post("/callback", "nope");

        String metrics = http.get("/metrics").body();

        assertThat(metrics)
                .contains("vodhook_events_received_total{source=\"PUSH\",type=\"NewFileUpload\"} 1.0")
                .contains("vodhook_events_duplicates_total{source=\"PUSH\",type=\"NewFileUpload\"} 1.0")
                .contains("vodhook_events_received_total{source=\"PUSH\",type=\"other\"} 1.0")
                .contains("vodhook_events_rejected_total{reason=\"malformed\"} 1.0")
                .contains("vodhook_inbox_events{status=\"PENDING\"}")
                .doesNotContain("AttackerMadeThisUp");
    }

    @Test
    void unknownRoutesAnswerJson() {
        Http.Response response = http.get("/nope");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("error").asText()).isEqualTo("NotFound");
    }
}
