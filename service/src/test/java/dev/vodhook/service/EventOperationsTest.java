package dev.vodhook.service;

import static dev.vodhook.service.TestEvents.append;
import static dev.vodhook.service.TestEvents.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vodhook.service.handlers.RecordingMediaProcessing;
import dev.vodhook.service.processing.WorkerSettings;
import dev.vodhook.store.inbox.EventStatus;
import dev.vodhook.store.inbox.Inbox;
import dev.vodhook.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bulk operations of the operator API over real HTTP: replay and purge by status, type and time.
 * The processor polls only every ten minutes; the tests step it, and a replay wakes it.
 */
class EventOperationsTest {
    static final Instant T0 = Instant.parse(TestReceivers.START);

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
        vod.failAlways("InvalidParameterValue.FileId", false);
        append(inbox, upload("1"), T0);
        append(inbox, upload("2"), T0.plusSeconds(10));
        append(inbox, upload("3"), T0.plusSeconds(20));
        append(inbox, "{\"EventType\":\"FileDeleted\",\"FileDeleteEvent\":{\"FileIdSet\":[\"9\"]}}", T0);
        clock.set(T0.plusSeconds(30));
        server.processor().runUntilIdle();
        // the background processor's first claim may have taken some of them: wait for its outcome too
        await().atMost(Duration.ofSeconds(60)).until(() -> count(EventStatus.DEAD) == 3 && count(EventStatus.DONE) == 1);
        vod.recover();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    long count(EventStatus status) {
        return inbox.countByStatus().get(status);
    }

    @Test
    void deadEventsAreListedByTimeAndReplayedInBulkByTypeAndTime() {
        assertThat(count(EventStatus.DEAD)).isEqualTo(3);
        assertThat(http.get("/api/events?status=DEAD&since=" + T0.plusSeconds(5) + "&until=" + T0.plusSeconds(15))
                .json().path("events").findValuesAsText("dedupeKey")).containsExactly("NewFileUpload:2");

        Http.Response replay = http.post("/api/events/replay",
                "{\"type\":\"NewFileUpload\",\"until\":\"" + T0.plusSeconds(15) + "\"}");

        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json().path("replayed").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(60)).until(() -> count(EventStatus.DONE) == 3); // a replay wakes the processor
        assertThat(count(EventStatus.DEAD)).isEqualTo(1);
        assertThat(http.post("/api/events/replay", "").json().path("replayed").asInt()).as("all DEAD by default")
                .isEqualTo(1);
        assertThat(http.post("/api/events/replay", "{\"status\":\"DONE\",\"type\":\"FileDeleted\"}").json()
                .path("replayed").asInt()).as("DONE events run their handlers again").isEqualTo(1);
    }

    @Test
    void aBadFilterIs400AndChangesNothing() {
        assertThat(http.post("/api/events/replay", "{\"status\":\"PROCESSING\"}").status()).isEqualTo(400);
        assertThat(http.post("/api/events/replay", "{\"status\":\"bogus\"}").status()).isEqualTo(400);
        Http.Response badTime = http.post("/api/events/replay", "{\"since\":\"yesterday\"}");
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.json().path("message").asText()).contains("ISO-8601");
        assertThat(http.post("/api/events/replay", "{\"colour\":\"red\"}").status()).isEqualTo(400);
        assertThat(http.post("/api/events/replay", "[").status()).isEqualTo(400);
        assertThat(count(EventStatus.DEAD)).isEqualTo(3);
    }

    @Test
    void purgeDeletesDeadOrDoneEventsAndNeedsTheStatusNamed() {
        assertThat(http.post("/api/events/purge", "{}").status()).isEqualTo(400);
        assertThat(http.post("/api/events/purge", "{\"status\":\"PENDING\"}").status()).isEqualTo(400);

        Http.Response purge = http.post("/api/events/purge", "{\"status\":\"DEAD\",\"since\":\"" + T0.plusSeconds(5) + "\"}");

        assertThat(purge.json().path("purged").asInt()).isEqualTo(2);
        assertThat(count(EventStatus.DEAD)).isEqualTo(1);
        assertThat(count(EventStatus.DONE)).isEqualTo(1);
    }
}
