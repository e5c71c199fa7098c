package dev.vodhook.service.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vodhook.service.ServiceMetrics;
import dev.vodhook.signing.WebhookSignature;
import dev.vodhook.store.Database;
import dev.vodhook.store.media.MediaState;
import dev.vodhook.store.media.MediaUpdate;
import dev.vodhook.store.media.OutputRecord;
import dev.vodhook.store.media.OutputStatus;
import dev.vodhook.store.media.TaskStatus;
import dev.vodhook.store.media.TaskUpdate;
import dev.vodhook.store.outbox.AttemptOutcome;
import dev.vodhook.store.outbox.AttemptRecord;
import dev.vodhook.store.outbox.DeliveryFilter;
import dev.vodhook.store.outbox.DeliveryStatus;
import dev.vodhook.store.outbox.DeliveryView;
import dev.vodhook.testkit.RecordingEndpoint;
import dev.vodhook.testkit.SettableClock;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance, faults at the application's endpoint: 500s, timeouts, a refused connection, a slow endpoint, a 410.
 * Notifications are written by real media writes on SQLite, delivered by the deliverer over real HTTP to a
 * {@link RecordingEndpoint}, stepped with {@link NotificationDeliverer#runOnce()} on a settable clock: retried on the
 * schedule (nothing is due until the clock reaches the next attempt), in order per media, DEAD after the last
 * attempt and replayed to delivered, a 410 disabling that endpoint only. The one wait on real time is the HTTP
 * timeout against an endpoint that never answers, which fires whatever the machine's speed.
 */
class NotificationFaultsAcceptanceTest {
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final RetrySchedule SCHEDULE = RetrySchedule.parse("5s,1m,10m").withJitter(0);

    @TempDir
    Path dir;

    final SettableClock clock = SettableClock.at("2026-03-01T08:00:00Z");
    final RecordingEndpoint app = RecordingEndpoint.start();
    final RecordingEndpoint other = RecordingEndpoint.start();
    Database db;
    NotificationDeliverer deliverer;

    @AfterEach
    void stop() {
        if (deliverer != null) {
            deliverer.close();
        }
        app.close();
        other.close();
        db.close();
    }

    void start(Duration timeout, String... urls) {
        start(NotifySettings.defaults().concurrency(), timeout, urls);
    }

    void start(int concurrency, Duration timeout, String... urls) {
        db = Database.open("jdbc:sqlite:" + dir.resolve("vodhook.db"));
        List<NotifyEndpoint> endpoints = java.util.Arrays.stream(urls).map(u -> NotifyEndpoint.of(u, SECRET)).toList();
        NotifySettings settings = NotifySettings.defaults().withEndpoints(endpoints).withRetry(SCHEDULE)
                .withTimeout(timeout).withConcurrency(concurrency);
        db.outbox().configure(endpoints.stream().map(NotifyEndpoint::spec).toList(), Optional.of(1500012345L),
                clock.instant());
        deliverer = new NotificationDeliverer(db.outbox(), settings, new WebhookSender(timeout), clock,
                new DeliveryMetrics(new ServiceMetrics().registry()), new SplittableRandom(1));
    }

    void uploadStartFinish(String fileId) {
        db.media().write(clock.instant(), w -> w.recordUpload(new MediaUpdate(fileId, Optional.of("clip"),
                Optional.of("http://vod/" + fileId), Optional.empty(), MediaState.UPLOADED), ""));
        String task = "1500012345-procedurev2-" + fileId;
        db.media().write(clock.instant(), w -> {
            w.recordTask(new TaskUpdate(task, Optional.of(fileId), "Procedure", TaskStatus.PROCESSING, 0, "",
                    Optional.of("s-" + fileId), true));
            w.upsertMedia(MediaUpdate.state(fileId, MediaState.PROCESSING));
        });
        db.media().write(clock.instant(), w -> {
            w.upsertMedia(MediaUpdate.state(fileId, MediaState.FINISHED));
            w.recordTask(new TaskUpdate(task, Optional.of(fileId), "Procedure", TaskStatus.FINISH, 0, "",
                    Optional.empty(), false));
            w.recordOutputs(fileId, List.of(new OutputRecord(task, "Transcode", 100010, "http://vod/" + fileId
                    + "/v.mp4", 320, 180, 100_000, 10_000, 1.0, "mp4", OutputStatus.SUCCESS, 0, "", "")));
        });
    }

    List<DeliveryView> deliveries(String fileId) {
        return db.outbox().log().list(DeliveryFilter.all().withFileId(fileId), 100).reversed();
    }

    static List<String> types(List<RecordingEndpoint.Received> received) {
        return received.stream().map(RecordingEndpoint.Received::type).toList();
    }

    @Test
    void fiveHundredsAreRetriedOnTheScheduleInOrderThenDeadThenReplayed() {
        start(Duration.ofSeconds(10), app.url());
        uploadStartFinish("f1");
        uploadStartFinish("f2");
        app.answerNext(500, 1); // f1's or f2's upload notice, whichever goes first, fails once

        assertThat(deliverer.runOnce()).isEqualTo(2);
        assertThat(deliverer.runOnce()).as("the failed one's media waits; the other's next goes").isEqualTo(1);
        clock.tick(Duration.ofSeconds(4));
        assertThat(deliverer.runOnce()).as("before its 5 s wait, only the other media moves").isEqualTo(1);
        assertThat(deliverer.runOnce()).isZero();
        clock.tick(Duration.ofSeconds(1));
        deliverer.runUntilIdle();

        for (String f : List.of("f1", "f2")) {
            assertThat(types(app.of(f)).stream().distinct().toList()).as(f)
                    .containsExactly("media.uploaded", "media.processing", "media.ready");
            assertThat(deliveries(f)).allMatch(d -> d.status() == DeliveryStatus.DELIVERED);
        }
        long failed = app.received().stream().filter(r -> r.type().equals("media.uploaded")).count();
        assertThat(failed).as("one upload notice sent twice").isEqualTo(3);

        // now every attempt fails: f3 goes DEAD after the schedule, its next notification goes then
        uploadStartFinish("f3");
        app.answerNext(500, SCHEDULE.maxAttempts());
        deliverer.runOnce();
        for (Duration wait : SCHEDULE.waits()) {
            assertThat(deliverer.runOnce()).isZero();
            clock.tick(wait);
            assertThat(deliverer.runOnce()).isEqualTo(1);
        }
        DeliveryView dead = deliveries("f3").getFirst();
        assertThat(dead.status()).isEqualTo(DeliveryStatus.DEAD);
        assertThat(dead.attempts()).isEqualTo(SCHEDULE.maxAttempts());
        assertThat(dead.lastStatus()).hasValue(500);
        assertThat(db.outbox().log().attempts(dead.id())).hasSize(SCHEDULE.maxAttempts())
                .allSatisfy(a -> assertThat(a.response()).isEqualTo("{\"answered\":500}"));
        deliverer.runUntilIdle();
        assertThat(types(app.of("f3")).getLast()).isEqualTo("media.ready");

        assertThat(db.outbox().replayDead(DeliveryFilter.all().withEndpointUrl(app.url()), clock.instant())).isEqualTo(1);
        deliverer.runUntilIdle();
        assertThat(db.outbox().log().find(dead.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.DELIVERED);
        RecordingEndpoint.Received replayed = app.of("f3").getLast();
        assertThat(replayed.type()).isEqualTo("media.uploaded");
        assertThat(replayed.id()).isEqualTo(app.of("f3").getFirst().id());
        assertThat(replayed.bodyText()).isEqualTo(app.of("f3").getFirst().bodyText());
    }

    @Test
    void everyRequestIsSignedOverItsIdTimestampAndRawBody() {
        start(Duration.ofSeconds(10), app.url());
        uploadStartFinish("f1");
        deliverer.runUntilIdle();

        assertThat(app.received()).hasSize(3).allSatisfy(r -> {
            assertThat(r.timestamp()).isEqualTo(String.valueOf(clock.instant().getEpochSecond()));
            assertThat(WebhookSignature.verify(List.of(WebhookSignature.key(SECRET)), r.id(), r.timestamp(),
                    r.signature(), r.body(), clock.instant(), Duration.ofMinutes(5)))
                    .isEqualTo(WebhookSignature.Verification.VALID);
            assertThat(r.json().path("id").asText()).isEqualTo(r.id());
        });
        assertThat(app.received()).extracting(RecordingEndpoint.Received::sequence).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aTimeoutAndARefusedConnectionAreFailuresRetriedLater() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String refused = "http://127.0.0.1:" + closed + "/hooks";
        start(Duration.ofMillis(300), app.url(), refused);
        app.holdNext(1, r -> true); // never answered within the timeout
        uploadStartFinish("f1");

        deliverer.runOnce();
        DeliveryView timedOut = db.outbox().log().list(DeliveryFilter.all().withEndpointUrl(app.url()), 10).getLast();
        DeliveryView notConnected = db.outbox().log().list(DeliveryFilter.all().withEndpointUrl(refused), 10).getLast();
        assertThat(timedOut.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(timedOut.lastError()).hasValueSatisfying(e -> assertThat(e).contains("no answer within"));
        assertThat(notConnected.lastError()).hasValueSatisfying(e -> assertThat(e).contains("refused"));
        assertThat(db.outbox().log().attempts(notConnected.id())).singleElement()
                .extracting(AttemptRecord::outcome).isEqualTo(AttemptOutcome.FAILED);
        assertThat(timedOut.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(5));

        app.release();
        clock.tick(Duration.ofSeconds(5));
        deliverer.runOnce();
        assertThat(db.outbox().log().find(timedOut.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.DELIVERED);
    }

    @Test
    void aSlowMediaHoldsUpNoOtherMedia() {
        start(Duration.ofMinutes(5), app.url());
        uploadStartFinish("slow");
        app.holdNext(1, r -> r.fileId().equals("slow"));
        deliverer.start();
        for (int i = 0; i < 5; i++) {
            uploadStartFinish("quick" + i);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> app.received().size() == 1 + 5 * 3);
        assertThat(app.of("slow")).singleElement().satisfies(r -> assertThat(r.held()).isTrue());
        assertThat(deliveries("slow")).extracting(DeliveryView::status).containsExactly(DeliveryStatus.SENDING,
                DeliveryStatus.WAITING, DeliveryStatus.WAITING);

        app.release();
        await().atMost(Duration.ofSeconds(60)).until(() -> app.of("slow").size() == 3);
        assertThat(types(app.of("slow"))).containsExactly("media.uploaded", "media.processing", "media.ready");
    }

    @Test
    void aRetryAfterOn429Or503PutsTheNextAttemptOffToItWithinTheLongestWait() {
        start(Duration.ofSeconds(10), app.url());
        uploadStartFinish("f1");
        app.answerNext(429, "120");

        deliverer.runOnce();
        DeliveryView upload = deliveries("f1").getFirst();
        assertThat(upload.nextAttemptAt()).as("120 s asked for, 5 s scheduled").isEqualTo(clock.instant().plusSeconds(120));
        assertThat(db.outbox().log().attempts(upload.id())).singleElement().satisfies(a -> {
            assertThat(a.statusCode()).hasValue(429);
            assertThat(a.retryAfter()).hasValue("120");
        });
        clock.tick(Duration.ofSeconds(119));
        assertThat(deliverer.runOnce()).as("not before the Retry-After").isZero();

        // an HTTP-date an hour ahead on a 503: put off by the schedule's longest wait (10 min), not the hour
        String inAnHour = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plusSeconds(3601)
                .atZone(ZoneOffset.UTC));
        app.answerNext(503, inAnHour);
        clock.tick(Duration.ofSeconds(1));
        assertThat(deliverer.runOnce()).isEqualTo(1);
        assertThat(db.outbox().log().find(upload.id()).orElseThrow().nextAttemptAt())
                .isEqualTo(clock.instant().plus(SCHEDULE.longest()));
        assertThat(db.outbox().log().attempts(upload.id())).last().satisfies(a -> {
            assertThat(a.statusCode()).hasValue(503);
            assertThat(a.retryAfter()).hasValue(inAnHour);
        });

        clock.tick(SCHEDULE.longest());
        deliverer.runUntilIdle();
        assertThat(types(app.of("f1"))).containsExactly("media.uploaded", "media.uploaded", "media.uploaded",
                "media.processing", "media.ready");
        assertThat(deliveries("f1")).allMatch(d -> d.status() == DeliveryStatus.DELIVERED);
    }

    @Test
    void aGarbageRetryAfterOrOneOnAnotherStatusLeavesTheSchedule() {
        start(Duration.ofSeconds(10), app.url());
        uploadStartFinish("f1");
        app.answerNext(429, "soon, we hope");

        deliverer.runOnce();
        DeliveryView upload = deliveries("f1").getFirst();
        assertThat(upload.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(5));
        assertThat(db.outbox().log().attempts(upload.id())).singleElement()
                .satisfies(a -> assertThat(a.retryAfter()).as("kept as received").hasValue("soon, we hope"));

        app.answerNext(500, "3600");
        clock.tick(Duration.ofSeconds(5));
        assertThat(deliverer.runOnce()).isEqualTo(1);
        assertThat(db.outbox().log().find(upload.id()).orElseThrow().nextAttemptAt())
                .as("a 500's Retry-After is not heeded").isEqualTo(clock.instant().plus(SCHEDULE.waits().get(1)));
        assertThat(db.outbox().log().attempts(upload.id())).last()
                .satisfies(a -> assertThat(a.retryAfter()).isEmpty());
    }

    @Test
    void a410DisablesThatEndpointOnlyUntilEnabled() {
        start(Duration.ofSeconds(10), app.url(), other.url());
        other.answerNext(410, 1);
        uploadStartFinish("f1");

        deliverer.runUntilIdle();
        assertThat(types(app.of("f1"))).containsExactly("media.uploaded", "media.processing", "media.ready");
        assertThat(other.received()).hasSize(1);
        assertThat(db.outbox().log().endpoints()).filteredOn(e -> e.url().equals(other.url())).singleElement()
                .satisfies(e -> {
                    assertThat(e.active()).isFalse();
                    assertThat(e.disabledReason()).hasValueSatisfying(r -> assertThat(r).startsWith("410"));
                });
        uploadStartFinish("f2");
        clock.tick(Duration.ofDays(2));
        deliverer.runUntilIdle();
        assertThat(other.received()).as("nothing more while disabled").hasSize(1);

        assertThat(db.outbox().enable(other.url())).isTrue();
        deliverer.runUntilIdle();
        assertThat(types(other.of("f1"))).containsExactly("media.uploaded", "media.uploaded", "media.processing",
                "media.ready");
        assertThat(types(other.of("f2"))).containsExactly("media.uploaded", "media.processing", "media.ready");
        assertThat(new String(other.of("f1").get(0).body(), StandardCharsets.UTF_8))
                .isEqualTo(new String(other.of("f1").get(1).body(), StandardCharsets.UTF_8));
    }

    @Test
    void whatWasClaimedAheadForAnEndpointThatAnswered410IsNotSentButWaits() {
        start(1, Duration.ofSeconds(10), app.url());
        for (int i = 0; i < 4; i++) {
            uploadStartFinish("f" + i);
        }
        app.answerNext(410, 1);

        assertThat(deliverer.runOnce()).as("claimed ahead of the one request slot").isEqualTo(4);
        assertThat(app.received()).as("one request, answered 410; the other three never sent").hasSize(1);
        List<DeliveryView> uploads = java.util.stream.IntStream.range(0, 4).mapToObj(i -> deliveries("f" + i)
                .getFirst()).toList();
        assertThat(uploads).allSatisfy(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING));
        assertThat(uploads).extracting(DeliveryView::attempts).containsExactlyInAnyOrder(1, 0, 0, 0);
        assertThat(deliverer.runOnce()).as("disabled").isZero();

        assertThat(db.outbox().enable(app.url())).isTrue();
        deliverer.runUntilIdle();
        for (int i = 0; i < 4; i++) {
            assertThat(types(app.of("f" + i)).stream().distinct().toList()).as("f" + i)
                    .containsExactly("media.uploaded", "media.processing", "media.ready");
        }
    }

    @Test
    void aLeaseIsExtendedWhileADeliveryIsOut() {
        start(Duration.ofMinutes(5), app.url());
        uploadStartFinish("f1");
        app.holdNext(1, r -> true);
        deliverer.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> app.held() == 1);

        Instant before = clock.instant();
        clock.tick(Duration.ofMinutes(19));
        assertThat(deliverer.extendLeases()).isEqualTo(1);
        assertThat(db.outbox().claimDue(db.outbox().log().endpoints().getFirst(), "another", before.plus(Duration.ofMinutes(20)).plusSeconds(1),
                Duration.ofMinutes(1), 10)).as("extended past its first lease").isEmpty();
        app.release();
        await().atMost(Duration.ofSeconds(60)).until(() -> app.received().size() == 3);
    }
}
