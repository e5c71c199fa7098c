package dev.vodhook.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vodhook.emulator.ApiCall;
import dev.vodhook.emulator.Delivery;
import dev.vodhook.emulator.DeliveryAttempt;
import dev.vodhook.emulator.EmulatorConfig;
import dev.vodhook.emulator.LocalVod;
import dev.vodhook.service.intake.IntakeMode;
import dev.vodhook.service.intake.IntakeSettings;
import dev.vodhook.service.notify.NotifyEndpoint;
import dev.vodhook.service.notify.NotifySettings;
import dev.vodhook.service.notify.RecordingEndpoint;
import dev.vodhook.store.inbox.EventFilter;
import dev.vodhook.store.inbox.EventStatus;
import dev.vodhook.store.inbox.EventSummary;
import dev.vodhook.store.media.MediaState;
import dev.vodhook.store.media.MediaView;
import dev.vodhook.store.media.OutputRecord;
import dev.vodhook.store.outbox.DeliveryStatus;
import dev.vodhook.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance, delivery faults: the local VOD delivers events twice, late, out of order and not at all the first
 * time, by push (duplicated, timed-out, failed and held-back pushes, stepped on its settable clock) and by pull
 * (failed and slow PullEvents, failed ConfirmEvents, so that events come again after the visibility timeout, after
 * their successors). The receiver runs as in production (intake, processor loop, the official SDK, real
 * transcoding); each upload ends with exactly one task at the local VOD and FINISHED with its output in the
 * receiver, and every event is stored once. The application's endpoint gets each media's notifications once each,
 * in state order, whatever VOD did.
 */
class DeliveryFaultsAcceptanceTest {
    @TempDir
    Path dir;

    final SettableClock vodClock = new SettableClock(Instant.now());
    LocalVod vod;
    LocalVodCalls calls;
    VodhookServer receiver;
    final RecordingEndpoint app = RecordingEndpoint.start();

    @AfterEach
    void stop() {
        receiver.close();
        vod.close();
        app.close();
    }

    void start(EmulatorConfig emulator, IntakeMode intake) {
        vod = LocalVod.start(emulator.withClock(vodClock).withUpscale(false));
        calls = new LocalVodCalls(vod);
        receiver = VodhookServer.start(calls.receiverConfig(TestReceivers.config(dir, SettableClock.at(TestReceivers.START)))
                .withDefinitions(List.of(100010))
                .withIntake(IntakeSettings.defaults().withMode(intake).withPullers(2))
                .withNotifications(NotifySettings.defaults().withEndpoints(List.of(NotifyEndpoint.of(app.url(),
                        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")))));
    }

    @Test
    void pushedTwiceLateOrOutOfOrderEachUploadIsTranscodedOnceAndFinishes() throws Exception {
        start(EmulatorConfig.defaults().withPushLoop(false), IntakeMode.PUSH);
        calls.pushTo(receiver.baseUrl() + "/callback");

        // out of order: an upload that starts its own task flow, whose NewFileUpload is held back past its FINISH
        String early = calls.uploadSmall("LongVideoPreset");
        vod.faults().delayNextPushes(Duration.ofSeconds(10), 1);
        vod.runDuePushes();
        await().atMost(Duration.ofSeconds(60)).until(() -> calls.tasksOn(early).getFirst().path("Status").asText()
                .equals("FINISH"));
        // the FINISH is queued for push once the task shows FINISH, not necessarily at that instant: push what is
        // due until it has come (the held-back NewFileUpload is due only once the VOD clock moves)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            vod.runDuePushes();
            return receiver.database().media().findMedia(early).filter(m -> m.state() == MediaState.FINISHED)
                    .isPresent();
        });
        vodClock.tick(Duration.ofSeconds(10));
        vod.runDuePushes();
        await().atMost(Duration.ofSeconds(60)).until(() -> allDone(2));

        // twice, late, or only at the second attempt: duplicated, timed-out and failed pushes
        List<String> uploads = List.of(calls.uploadSmall(), calls.uploadSmall(), calls.uploadSmall());
        vod.faults().duplicateNextPushes(1);
        vod.faults().timeOutNextPushes(1);
        vod.faults().failNextPushes(503, 1);
        vod.faults().duplicateNextPushes(1);
        vod.faults().timeOutNextPushes(1);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            vod.runDuePushes();
            vodClock.tick(Duration.ofSeconds(1));
            return allDelivered() && allDone(2 + 2 * uploads.size());
        });

        assertThat(receiver.database().media().findMedia(early).orElseThrow()).satisfies(m -> {
            assertThat(m.state()).as("the late NewFileUpload moves nothing back").isEqualTo(MediaState.FINISHED);
            assertThat(m.outputs()).hasSize(3).allMatch(OutputRecord::succeeded);
        });
        assertThat(eventsOf(early)).extracting(EventSummary::eventType)
                .as("arrival order").containsExactly("ProcedureStateChanged", "NewFileUpload");
        for (String fileId : uploads) {
            assertFinishedWithOutput(fileId);
        }
        assertThat(calls.taskCountsByFileId()).containsOnlyKeys(concat(uploads, early)).allSatisfy((f, n) ->
                assertThat(n).as("tasks on %s", f).isEqualTo(1));
        assertThat(vod.apiCalls().ofAction("ProcessMedia")).as("one call per upload: repeats stopped at intake")
                .hasSize(uploads.size()).allMatch(ApiCall::succeeded);
        assertThat(vod.deliveries().all().stream().flatMap(d -> d.attempts().stream()).map(DeliveryAttempt::fault)
                .flatMap(Optional::stream)).contains("duplicate", "timeout", "fail 503");
        assertThat(LocalVodCalls.duplicatesSeenBy(receiver)).isGreaterThanOrEqualTo(4);
        awaitNotified(1 + 3 * uploads.size());
        assertThat(types(early)).as("its upload notice came after its outputs, so it is not sent: never out of order")
                .containsExactly("media.ready");
        for (String fileId : uploads) {
            assertThat(types(fileId)).as(fileId).containsExactly("media.uploaded", "media.processing", "media.ready");
        }
    }

    @Test
    void pulledAgainAfterUnconfirmedDeliveriesAndFailedPullsEachUploadIsTranscodedOnceAndFinishes() throws Exception {
        start(EmulatorConfig.defaults().withPullHold(Duration.ofMillis(100)), IntakeMode.PULL);
        calls.pullMode();
        vod.faults().failNextCalls("PullEvents", "RequestLimitExceeded", 1);
        vod.faults().delayNextCalls("PullEvents", Duration.ofMillis(500), 1);
        vod.faults().failNextCalls("PullEvents", "InternalError", 1);
        vod.faults().failNextCalls("ConfirmEvents", "InternalError", 2);

        List<String> uploads = List.of(calls.uploadSmall(), calls.uploadSmall(), calls.uploadSmall());
        for (String fileId : uploads) {
            awaitMedia(fileId, MediaState.FINISHED);
        }
        assertThat(unconfirmed()).as("stored, but their confirmations failed").isNotEmpty();
        vodClock.tick(Duration.ofSeconds(31)); // the visibility timeout: VOD hands them out again
        await().atMost(Duration.ofSeconds(60)).until(() -> unconfirmed().isEmpty() && allDone(2 * uploads.size()));

        for (String fileId : uploads) {
            assertFinishedWithOutput(fileId);
        }
        assertThat(calls.taskCountsByFileId()).containsOnlyKeys(uploads).allSatisfy((f, n) ->
                assertThat(n).as("tasks on %s", f).isEqualTo(1));
        assertThat(vod.apiCalls().ofAction("ProcessMedia")).hasSize(uploads.size()).allMatch(ApiCall::succeeded);
        assertThat(vod.apiCalls().all()).extracting(ApiCall::action, ApiCall::fault).contains(
                tuple("PullEvents", "RequestLimitExceeded"), tuple("PullEvents", "delay 500 ms"),
                tuple("PullEvents", "InternalError"), tuple("ConfirmEvents", "InternalError"));
        assertThat(LocalVodCalls.duplicatesSeenBy(receiver)).as("events pulled again").isPositive();
        awaitNotified(3 * uploads.size());
        for (String fileId : uploads) {
            assertThat(types(fileId)).as(fileId).containsExactly("media.uploaded", "media.processing", "media.ready");
        }
    }

    /** Every notification written is delivered, and the endpoint got {@code n} requests. */
    void awaitNotified(int n) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            var counts = receiver.database().outbox().log().countByStatus();
            assertThat(counts.get(DeliveryStatus.DELIVERED)).isEqualTo(n)
                    .isEqualTo(counts.values().stream().mapToLong(Long::longValue).sum());
            assertThat(app.received()).hasSize(n);
        });
    }

    List<String> types(String fileId) {
        return app.of(fileId).stream().map(RecordingEndpoint.Received::type).toList();
    }

    boolean allDone(int events) {
        var counts = receiver.database().inbox().countByStatus();
        return counts.get(EventStatus.DONE) == events && counts.values().stream().mapToLong(Long::longValue).sum() == events;
    }

    boolean allDelivered() {
        return !vod.deliveries().all().isEmpty()
                && vod.deliveries().all().stream().allMatch(d -> d.status().equals(Delivery.DELIVERED));
    }

    JsonNode unconfirmed() {
        return new Http(vod.baseUrl()).get("/_emulator/queue").json();
    }

    /** The receiver's events about a media, in the order they were stored. */
    List<EventSummary> eventsOf(String fileId) {
        return receiver.database().inbox().list(EventFilter.all(), 100).reversed().stream()
                .filter(e -> receiver.database().inbox().find(e.id()).orElseThrow().body().contains(fileId))
                .toList();
    }

    MediaView awaitMedia(String fileId, MediaState state) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> receiver.database().media().findMedia(fileId),
                        m -> m.isPresent() && m.get().state() == state).orElseThrow();
    }

    void assertFinishedWithOutput(String fileId) {
        MediaView media = receiver.database().media().findMedia(fileId).orElseThrow();
        assertThat(media.state()).isEqualTo(MediaState.FINISHED);
        assertThat(media.outputs()).extracting(OutputRecord::definition, OutputRecord::succeeded)
                .containsExactly(tuple(100010, true));
        assertThat(media.tasks()).singleElement().satisfies(t -> assertThat(t.startedByUs()).isTrue());
    }

    static List<String> concat(List<String> list, String one) {
        return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(one)).toList();
    }
}
