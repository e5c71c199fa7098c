package dev.vodhook.store.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodhook.store.Database;
import dev.vodhook.store.inbox.ReplayResult;
import dev.vodhook.store.media.MediaState;
import dev.vodhook.store.media.MediaStore;
import dev.vodhook.store.media.MediaUpdate;
import dev.vodhook.store.media.OutputRecord;
import dev.vodhook.store.media.OutputStatus;
import dev.vodhook.store.media.TaskStatus;
import dev.vodhook.store.media.TaskUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every database must do for the notification outbox and its delivery queue; subclassed per database. */
abstract class OutboxContract {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration LEASE = Duration.ofSeconds(30);
    static final String A = "https://app.example/hooks/a";
    static final String B = "https://app.example/hooks/b";
    static final String FILE = "14508071098244959037";
    static final String OTHER = "5285890813874512345";
    static final ObjectMapper JSON = new ObjectMapper();

    Database database;
    MediaStore media;
    Outbox outbox;

    abstract Database openDatabase();

    @BeforeEach
    void open() {
        database = openDatabase();
        media = database.media();
        outbox = database.outbox();
        outbox.configure(List.of(new EndpointSpec(A, Set.of())), Optional.of(1500012345L), T0);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    static String task(String fileId) {
        return "1500012345-procedurev2-" + fileId + "t0";
    }

    void upload(String fileId, Instant at) {
        media.write(at, w -> w.recordUpload(new MediaUpdate(fileId, Optional.of("lesson-01"),
                Optional.of("http://vod/" + fileId + "/f0.mp4"), Optional.empty(), MediaState.UPLOADED), "{\"org\":7}"));
    }

    void started(String fileId, Instant at) {
        media.write(at, w -> {
            w.recordTask(new TaskUpdate(task(fileId), Optional.of(fileId), "Procedure", TaskStatus.PROCESSING, 0, "",
                    Optional.of("vodhook-1"), true));
            w.upsertMedia(MediaUpdate.state(fileId, MediaState.PROCESSING));
        });
    }

    void finished(String fileId, Instant at) {
        media.write(at, w -> {
            w.upsertMedia(MediaUpdate.state(fileId, MediaState.FINISHED));
            w.recordTask(new TaskUpdate(task(fileId), Optional.of(fileId), "Procedure", TaskStatus.FINISH, 0, "",
                    Optional.empty(), false));
            w.recordOutputs(fileId, List.of(transcode(fileId, 100010), transcode(fileId, 100020),
                    new OutputRecord(task(fileId), "CoverBySnapshot", 10, "http://vod/" + fileId + "/cover.jpg", 0, 0,
                            0, 0, 0, "", OutputStatus.SUCCESS, 0, "", "")));
        });
    }

    static OutputRecord transcode(String fileId, int definition) {
        return new OutputRecord(task(fileId), "Transcode", definition, "http://vod/" + fileId + "/v.f" + definition
                + ".mp4", 640, 360, 465_000, 3_487_500, 60.04, "mp4", OutputStatus.SUCCESS, 0, "", "SUCCESS");
    }

    EndpointView endpoint(String url) {
        return outbox.log().endpoints().stream().filter(e -> e.url().equals(url)).findFirst().orElseThrow();
    }

    List<ClaimedDelivery> claim(String owner, Instant now) {
        return outbox.claimDue(endpoint(A), owner, now, LEASE, 10);
    }

    static AttemptRecord attempt(ClaimedDelivery c, Instant at, int status) {
        return new AttemptRecord(c.id(), c.attempt(), c.lease().owner(), at, Duration.ofMillis(12),
                status == 0 ? OptionalInt.empty() : OptionalInt.of(status),
                status / 100 == 2 ? AttemptOutcome.DELIVERED : status == 410 ? AttemptOutcome.GONE : AttemptOutcome.FAILED,
                status == 0 ? "java.net.ConnectException: refused" : "answer " + status);
    }

    static JsonNode body(Notification n) throws Exception {
        return JSON.readTree(n.body());
    }

    @Test
    void anUploadStartAndFinishAreNotifiedInOrderWithStableIds() throws Exception {
        upload(FILE, T0);
        started(FILE, T0.plusSeconds(1));
        finished(FILE, T0.plusSeconds(2));

        List<Notification> sent = outbox.log().notifications(FILE);
        assertThat(sent).extracting(Notification::type).containsExactly(NotificationType.UPLOADED,
                NotificationType.PROCESSING, NotificationType.READY);
        assertThat(sent).extracting(Notification::sequence).containsExactly(1L, 2L, 3L);
        JsonNode uploaded = body(sent.get(0));
        assertThat(uploaded.path("id").asText()).isEqualTo(sent.get(0).eventId()).startsWith("ntf_").hasSize(36);
        assertThat(uploaded.path("type").asText()).isEqualTo("media.uploaded");
        assertThat(uploaded.path("timestamp").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(uploaded.path("data").path("fileId").asText()).isEqualTo(FILE);
        assertThat(uploaded.path("data").path("subAppId").asLong()).isEqualTo(1500012345L);
        assertThat(uploaded.path("data").path("sourceContext").asText()).isEqualTo("{\"org\":7}");
        assertThat(body(sent.get(1)).path("data").path("startedByVodhook").asBoolean()).isTrue();
        JsonNode ready = body(sent.get(2)).path("data");
        assertThat(ready.path("outputs")).hasSize(3);
        assertThat(ready.path("outputs").findValuesAsText("definition")).contains("100010", "100020");
        assertThat(ready.path("cover").path("url").asText()).endsWith("cover.jpg");
        assertThat(sent.get(2).eventId()).isEqualTo(dev.vodhook.store.outbox.NotificationBodies.eventId(FILE,
                NotificationType.READY, task(FILE)));
    }

    @Test
    void theSameChangeReportedAgainIsNotNotifiedAgain() {
        AtomicInteger woken = new AtomicInteger();
        outbox.onNotified(woken::incrementAndGet);
        upload(FILE, T0);
        started(FILE, T0.plusSeconds(1));
        finished(FILE, T0.plusSeconds(2));
        upload(FILE, T0.plusSeconds(3)); // a late or repeated NewFileUpload
        started(FILE, T0.plusSeconds(4)); // a repeated start
        finished(FILE, T0.plusSeconds(5)); // a duplicated FINISH

        assertThat(outbox.log().notifications(FILE)).hasSize(3);
        assertThat(outbox.log().list(DeliveryFilter.all(), 10)).hasSize(3);
        assertThat(woken).hasValue(3);
    }

    @Test
    void nothingButTheDeleteIsNotifiedOnceTheMediaIsDeleted() throws Exception {
        upload(FILE, T0);
        media.write(T0.plusSeconds(1), w -> w.deleteMedia(FILE));
        started(FILE, T0.plusSeconds(2));
        finished(FILE, T0.plusSeconds(3)); // a late FINISH
        media.write(T0.plusSeconds(4), w -> w.deleteMedia(FILE));

        List<Notification> sent = outbox.log().notifications(FILE);
        assertThat(sent).extracting(Notification::type).containsExactly(NotificationType.UPLOADED,
                NotificationType.DELETED);
        assertThat(body(sent.get(1)).path("data").path("whole").asBoolean()).isTrue();
    }

    @Test
    void aPartDeleteNamesTheOutputsItDeleted() throws Exception {
        upload(FILE, T0);
        finished(FILE, T0.plusSeconds(1));
        media.write(T0.plusSeconds(2), w -> {
            w.deleteOutputs(FILE, "Transcode", 100020);
            w.deleteOriginal(FILE);
        });
        media.write(T0.plusSeconds(3), w -> w.deleteOutputs(FILE, "Transcode", 100020)); // again: nothing new

        List<Notification> sent = outbox.log().notifications(FILE);
        assertThat(sent).extracting(Notification::type).containsExactly(NotificationType.UPLOADED,
                NotificationType.READY, NotificationType.DELETED);
        JsonNode deleted = body(sent.get(2)).path("data");
        assertThat(deleted.path("whole").asBoolean()).isFalse();
        assertThat(deleted.path("originalDeleted").asBoolean()).isTrue();
        assertThat(deleted.path("parts")).singleElement().satisfies(p ->
                assertThat(p.path("definition").asInt()).isEqualTo(100020));
    }

    @Test
    void aFlowThatFailedIsNotifiedAsFailedWithItsErrors() throws Exception {
        upload(FILE, T0);
        media.write(T0.plusSeconds(1), w -> {
            w.upsertMedia(MediaUpdate.state(FILE, MediaState.FAILED));
            w.recordTask(new TaskUpdate(task(FILE), Optional.of(FILE), "Procedure", TaskStatus.FINISH, 0, "", Optional.empty(), false));
            w.recordOutputs(FILE, List.of(new OutputRecord(task(FILE), "Transcode", 100010, "", 0, 0, 0, 0, 0, "",
                    OutputStatus.FAIL, 70000, "InternalError", "transcode failed")));
        });

        Notification failed = outbox.log().notifications(FILE).getLast();
        assertThat(failed.type()).isEqualTo(NotificationType.FAILED);
        assertThat(body(failed).path("data").path("failures")).singleElement().satisfies(f -> {
            assertThat(f.path("definition").asInt()).isEqualTo(100010);
            assertThat(f.path("errCode").asLong()).isEqualTo(70000);
            assertThat(f.path("errCodeExt").asText()).isEqualTo("InternalError");
        });
    }

    @Test
    void aWriteThatFailsLeavesNoNotification() {
        assertThatThrownBy(() -> media.write(T0, w -> {
            w.recordUpload(MediaUpdate.state(FILE, MediaState.UPLOADED), "");
            throw new IllegalStateException("boom");
        })).hasMessageContaining("boom");

        assertThat(outbox.log().notifications(FILE)).isEmpty();
        assertThat(outbox.log().list(DeliveryFilter.all(), 10)).isEmpty();
    }

    @Test
    void aMediaGoesOneNotificationAtATimeAndDifferentMediaInParallel() {
        upload(FILE, T0);
        started(FILE, T0);
        upload(OTHER, T0);

        List<ClaimedDelivery> first = claim("w1", T0);
        assertThat(first).extracting(c -> c.notification().fileId()).containsExactlyInAnyOrder(FILE, OTHER);
        assertThat(first).allMatch(c -> c.notification().type() == NotificationType.UPLOADED);
        assertThat(claim("w2", T0)).as("the media's next waits for its first").isEmpty();

        ClaimedDelivery ofFile = first.stream().filter(c -> c.notification().fileId().equals(FILE)).findFirst().orElseThrow();
        assertThat(outbox.markDelivered(ofFile.lease(), attempt(ofFile, T0, 200), T0)).isTrue();
        assertThat(claim("w2", T0)).singleElement().satisfies(c ->
                assertThat(c.notification().type()).isEqualTo(NotificationType.PROCESSING));
        assertThat(outbox.log().find(ofFile.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.DELIVERED);
    }

    @Test
    void deliveriesFinishedTogetherAreMarkedInOneGoAndTheirMediasNextGo() {
        upload(FILE, T0);
        started(FILE, T0);
        upload(OTHER, T0);
        started(OTHER, T0);
        List<ClaimedDelivery> heads = claim("w1", T0);
        ClaimedDelivery lost = heads.get(1);
        assertThat(outbox.release(lost.lease(), T0)).isTrue(); // its lease is gone: marking it changes nothing

        assertThat(outbox.markAllDelivered(heads.stream().map(c -> java.util.Map.entry(c.lease(), attempt(c, T0, 200)))
                .toList(), T0.plusSeconds(1))).containsExactly(heads.get(0).id());
        assertThat(claim("w2", T0.plusSeconds(1))).extracting(c -> c.notification().fileId() + " "
                + c.notification().type()).containsExactlyInAnyOrder(heads.get(0).notification().fileId()
                + " PROCESSING", lost.notification().fileId() + " UPLOADED");
        assertThat(outbox.log().attempts(lost.id())).as("the attempt is recorded all the same").hasSize(1);
    }

    @Test
    void aBatchMarkIsFencedPerDeliveryAndEveryMediasNextGoes() {
        List<String> files = java.util.stream.IntStream.range(0, 30).mapToObj(i -> "52858908138745" + (10000 + i))
                .toList();
        files.forEach(f -> {
            upload(f, T0);
            started(f, T0);
        });
        List<ClaimedDelivery> heads = outbox.claimDue(endpoint(A), "w1", T0, LEASE, 64);
        assertThat(heads).hasSize(30);
        ClaimedDelivery lapsed = heads.get(7);
        Instant later = T0.plus(LEASE).plusSeconds(1);
        List<ClaimedDelivery> retaken = outbox.claimDue(endpoint(A), "w2", later, LEASE, 64);
        assertThat(retaken).as("every lease lapsed").hasSize(30);

        ClaimedDelivery again = retaken.stream().filter(c -> c.id() == lapsed.id()).findFirst().orElseThrow();
        List<java.util.Map.Entry<dev.vodhook.store.outbox.DeliveryLease, AttemptRecord>> marks = new java.util.ArrayList<>(
                retaken.stream().filter(c -> c.id() != lapsed.id()).map(c -> java.util.Map.entry(c.lease(),
                        attempt(c, later, 204))).toList());
        marks.add(java.util.Map.entry(lapsed.lease(), attempt(lapsed, later, 200))); // w1's, fenced off
        assertThat(outbox.markAllDelivered(marks, later)).hasSize(29).doesNotContain(lapsed.id());

        assertThat(outbox.log().find(lapsed.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.SENDING);
        List<ClaimedDelivery> next = outbox.claimDue(endpoint(A), "w3", later, LEASE, 64);
        assertThat(next).as("the next of every media marked, none of the one still out").hasSize(29)
                .allMatch(c -> c.notification().type() == NotificationType.PROCESSING)
                .noneMatch(c -> c.notification().fileId().equals(lapsed.notification().fileId()));
        assertThat(outbox.log().attempts(retaken.get(0).id())).last().satisfies(a -> {
            assertThat(a.statusCode()).hasValue(204);
            assertThat(a.owner()).isEqualTo("w2");
        });
        assertThat(outbox.markAllDelivered(List.of(java.util.Map.entry(again.lease(), attempt(again, later, 200))),
                later)).containsExactly(lapsed.id());
        assertThat(outbox.claimDue(endpoint(A), "w3", later, LEASE, 64)).singleElement()
                .satisfies(c -> assertThat(c.notification().fileId()).isEqualTo(lapsed.notification().fileId()));
    }

    @Test
    void anAttemptKeepsItsRetryAfterAndAMissingStatus() {
        upload(FILE, T0);
        ClaimedDelivery c = claim("w1", T0).getFirst();
        AttemptRecord throttled = new AttemptRecord(c.id(), c.attempt(), "w1", T0, Duration.ofMillis(3),
                OptionalInt.of(429), AttemptOutcome.FAILED, "slow down", Optional.of("120"));
        assertThat(outbox.markFailed(c.lease(), throttled, T0.plusSeconds(120))).isTrue();
        ClaimedDelivery second = claim("w1", T0.plusSeconds(120)).getFirst();
        assertThat(outbox.markFailed(second.lease(), attempt(second, T0.plusSeconds(120), 0), T0.plusSeconds(300)))
                .isTrue();

        assertThat(outbox.log().attempts(c.id())).satisfiesExactly(
                a -> {
                    assertThat(a.statusCode()).hasValue(429);
                    assertThat(a.retryAfter()).hasValue("120");
                },
                a -> {
                    assertThat(a.statusCode()).as("no answer came").isEmpty();
                    assertThat(a.retryAfter()).isEmpty();
                });
        assertThat(outbox.log().find(c.id()).orElseThrow().nextAttemptAt()).isEqualTo(T0.plusSeconds(300));
    }

    @Test
    void aNotificationWrittenWhileTheHeadIsOutWaitsForIt() {
        upload(FILE, T0);
        ClaimedDelivery head = claim("w1", T0).getFirst();
        started(FILE, T0.plusSeconds(1));
        assertThat(claim("w2", T0.plusSeconds(1))).isEmpty();

        outbox.markDelivered(head.lease(), attempt(head, T0, 204), T0.plusSeconds(2));
        assertThat(claim("w2", T0.plusSeconds(2))).extracting(c -> c.notification().type())
                .containsExactly(NotificationType.PROCESSING);
    }

    @Test
    void aLapsedLeaseIsClaimedAgainAndTheOldHolderIsFencedOff() {
        upload(FILE, T0);
        ClaimedDelivery first = claim("w1", T0).getFirst();
        assertThat(claim("w2", T0.plus(LEASE).minusMillis(1))).isEmpty();
        assertThat(outbox.extendLeases(List.of(first.lease()), T0.plus(LEASE).plusSeconds(10))).containsExactly(first.id());
        assertThat(claim("w2", T0.plus(LEASE))).as("extended").isEmpty();

        ClaimedDelivery second = claim("w2", T0.plus(LEASE).plusSeconds(10)).getFirst();
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(outbox.markDelivered(first.lease(), attempt(first, T0, 200), T0.plusSeconds(41))).isFalse();
        assertThat(outbox.markDelivered(second.lease(), attempt(second, T0, 200), T0.plusSeconds(42))).isTrue();
        assertThat(outbox.log().attempts(first.id())).as("every attempt is recorded, even a fenced one's").hasSize(2);
    }

    @Test
    void aFailureIsRetriedLaterAndDeadLetsTheNextGoThenReplayedInOrder() {
        upload(FILE, T0);
        started(FILE, T0);
        ClaimedDelivery c = claim("w1", T0).getFirst();
        outbox.markFailed(c.lease(), attempt(c, T0, 500), T0.plusSeconds(5));
        assertThat(claim("w1", T0.plusSeconds(4))).isEmpty();
        c = claim("w1", T0.plusSeconds(5)).getFirst();
        assertThat(c.attempt()).isEqualTo(2);
        outbox.markDead(c.lease(), attempt(c, T0.plusSeconds(5), 0), T0.plusSeconds(6));

        DeliveryView dead = outbox.log().find(c.id()).orElseThrow();
        assertThat(dead.status()).isEqualTo(DeliveryStatus.DEAD);
        assertThat(dead.lastError()).hasValueSatisfying(e -> assertThat(e).contains("refused"));
        ClaimedDelivery next = claim("w1", T0.plusSeconds(6)).getFirst();
        assertThat(next.notification().type()).isEqualTo(NotificationType.PROCESSING);
        outbox.markDead(next.lease(), attempt(next, T0.plusSeconds(6), 503), T0.plusSeconds(7));
        assertThat(outbox.log().list(DeliveryFilter.all().withStatus(DeliveryStatus.DEAD), 10)).hasSize(2);

        assertThat(outbox.replayDead(DeliveryFilter.all().withEndpointUrl(A).withCreatedFrom(T0)
                .withCreatedBefore(T0.plusSeconds(1)), T0.plusSeconds(8))).isEqualTo(2);
        assertThat(claim("w1", T0.plusSeconds(8))).as("replayed in order: the first alone")
                .extracting(d -> d.notification().type()).containsExactly(NotificationType.UPLOADED);
        assertThat(outbox.log().attempts(c.id())).extracting(AttemptRecord::outcome)
                .containsExactly(AttemptOutcome.FAILED, AttemptOutcome.FAILED);
        assertThat(outbox.log().attempts(c.id()).getFirst().statusCode()).hasValue(500);
    }

    @Test
    void deliveriesAreFilteredByTypeCountedAndTalliedPerEndpointWithTheirOldestOpen() {
        outbox.configure(List.of(new EndpointSpec(A, Set.of()), new EndpointSpec(B, Set.of())), Optional.empty(), T0);
        upload(FILE, T0);
        started(FILE, T0.plusSeconds(1));
        upload(OTHER, T0.plusSeconds(2));
        ClaimedDelivery c = claim("w1", T0.plusSeconds(3)).getFirst();
        outbox.markDead(c.lease(), attempt(c, T0.plusSeconds(3), 500), T0.plusSeconds(3));

        DeliveryFilter uploads = DeliveryFilter.all().withType(NotificationType.UPLOADED);
        assertThat(outbox.log().list(uploads, 10)).hasSize(4)
                .allSatisfy(d -> assertThat(d.type()).isEqualTo(NotificationType.UPLOADED));
        assertThat(outbox.log().count(uploads.withEndpointUrl(A))).isEqualTo(2);
        assertThat(outbox.log().count(DeliveryFilter.all().withType(NotificationType.PROCESSING)
                .withStatus(DeliveryStatus.PENDING))).isEqualTo(1);
        assertThat(outbox.log().notification(c.notification().id())).hasValueSatisfying(n ->
                assertThat(n.eventId()).isEqualTo(c.notification().eventId()));
        assertThat(outbox.log().notification(999)).isEmpty();

        var backlogs = outbox.log().backlogs();
        var a = backlogs.get(endpoint(A).id());
        assertThat(a.count(DeliveryStatus.DEAD)).isEqualTo(1);
        assertThat(a.open()).isEqualTo(2);
        assertThat(a.oldestOpenAt()).as("the DEAD one no longer counts").hasValue(T0.plusSeconds(1));
        var b = backlogs.get(endpoint(B).id());
        assertThat(b.count(DeliveryStatus.PENDING)).isEqualTo(2);
        assertThat(b.count(DeliveryStatus.WAITING)).isEqualTo(1);
        assertThat(b.lag(T0.plusSeconds(10))).hasValue(Duration.ofSeconds(10));
        assertThat(outbox.replayDead(uploads.withEndpointUrl(A), T0.plusSeconds(4))).isEqualTo(1);
    }

    @Test
    void oneDeliveryIsReplayedByIdAndWhatIsOutIsLeftAlone() {
        upload(FILE, T0);
        ClaimedDelivery c = claim("w1", T0).getFirst();
        assertThat(outbox.replay(c.id(), T0)).isEqualTo(ReplayResult.IN_PROGRESS);
        outbox.markDelivered(c.lease(), attempt(c, T0, 200), T0);
        assertThat(outbox.replay(c.id(), T0.plusSeconds(1))).isEqualTo(ReplayResult.REPLAYED);
        assertThat(outbox.replay(999, T0)).isEqualTo(ReplayResult.NOT_FOUND);
        assertThat(claim("w1", T0.plusSeconds(1))).singleElement().satisfies(d ->
                assertThat(d.notification().eventId()).isEqualTo(c.notification().eventId()));
    }

    @Test
    void a410DisablesOnlyThatEndpointUntilEnabled() {
        outbox.configure(List.of(new EndpointSpec(A, Set.of()), new EndpointSpec(B, Set.of())), Optional.empty(), T0);
        upload(FILE, T0);
        ClaimedDelivery c = claim("w1", T0).getFirst();
        assertThat(outbox.markGone(c.lease(), attempt(c, T0, 410), T0)).isTrue();

        assertThat(endpoint(A).active()).isFalse();
        assertThat(endpoint(A).disabledReason()).hasValueSatisfying(r -> assertThat(r).startsWith("410"));
        assertThat(claim("w1", T0.plusSeconds(1))).isEmpty();
        assertThat(outbox.claimDue(endpoint(B), "w1", T0, LEASE, 10)).hasSize(1);

        assertThat(outbox.enable(A)).isTrue();
        assertThat(claim("w1", T0.plusSeconds(1))).singleElement().satisfies(d -> assertThat(d.id()).isEqualTo(c.id()));
    }

    @Test
    void anEndpointGetsOnlyTheTypesItWantsAndOnlyWhileConfigured() {
        outbox.configure(List.of(new EndpointSpec(A, Set.of()), new EndpointSpec(B, Set.of(NotificationType.READY))),
                Optional.empty(), T0);
        upload(FILE, T0);
        finished(FILE, T0);
        assertThat(outbox.log().list(DeliveryFilter.all().withEndpointUrl(B), 10)).extracting(DeliveryView::type)
                .containsExactly(NotificationType.READY);

        outbox.configure(List.of(new EndpointSpec(B, Set.of())), Optional.empty(), T0.plusSeconds(1));
        upload(OTHER, T0.plusSeconds(2));
        assertThat(endpoint(A).retiredAt()).isPresent();
        assertThat(outbox.log().list(DeliveryFilter.all().withFileId(OTHER), 10)).extracting(DeliveryView::endpointUrl)
                .containsExactly(B);
        assertThat(claim("w1", T0.plusSeconds(3))).as("a retired endpoint gets nothing").isEmpty();
        assertThat(outbox.log().countByStatus()).containsEntry(DeliveryStatus.PENDING, 3L)
                .containsEntry(DeliveryStatus.WAITING, 1L);
        assertThat(outbox.log().oldestOpenAt()).contains(T0);
    }

    @Test
    void deliveredNotificationsArePrunedAfterTheRetentionAndNothingIsNotifiedAgain() {
        upload(FILE, T0);
        upload(OTHER, T0);
        for (ClaimedDelivery c : claim("w1", T0)) {
            if (c.notification().fileId().equals(FILE)) {
                outbox.markDelivered(c.lease(), attempt(c, T0, 200), T0);
            } else {
                outbox.markDead(c.lease(), attempt(c, T0, 500), T0);
            }
        }
        assertThat(outbox.pruneDelivered(T0, 10)).as("not older than the cut").isZero();
        assertThat(outbox.pruneDelivered(T0.plusSeconds(1), 10)).isEqualTo(1);

        assertThat(outbox.log().notifications(FILE)).isEmpty();
        assertThat(outbox.log().notifications(OTHER)).as("a DEAD delivery keeps its notification").hasSize(1);
        assertThat(outbox.log().list(DeliveryFilter.all(), 10)).singleElement()
                .satisfies(d -> assertThat(d.fileId()).isEqualTo(OTHER));
        upload(FILE, T0.plusSeconds(2)); // a repeated upload event after the prune
        assertThat(outbox.log().notifications(FILE)).as("the media's count stays: no second upload notice").isEmpty();
    }

    @Test
    void aHandedBackDeliveryDoesNotCountTheAttempt() {
        upload(FILE, T0);
        ClaimedDelivery c = claim("w1", T0).getFirst();
        assertThat(outbox.release(c.lease(), T0)).isTrue();
        assertThat(claim("w1", T0).getFirst().attempt()).isEqualTo(1);
    }
}
