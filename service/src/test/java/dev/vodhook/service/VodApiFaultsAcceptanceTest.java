package dev.vodhook.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.vodhook.emulator.ApiCall;
import dev.vodhook.emulator.EmulatorConfig;
import dev.vodhook.emulator.LocalVod;
import dev.vodhook.service.intake.IntakeSettings;
import dev.vodhook.service.processing.Processor;
import dev.vodhook.service.processing.RetryPolicy;
import dev.vodhook.service.vod.VodApi;
import dev.vodhook.store.inbox.EventFilter;
import dev.vodhook.store.inbox.EventStatus;
import dev.vodhook.store.media.MediaState;
import dev.vodhook.store.media.MediaView;
import dev.vodhook.store.media.OutputRecord;
import dev.vodhook.store.inbox.StoredEvent;
import dev.vodhook.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance, VOD API faults: uploads pushed by the local VOD to a receiver whose processor the test steps on a
 * settable clock, with a short retry policy (5 attempts, 1 s doubling, no jitter) and a 3 s VOD timeout, while the
 * local VOD makes ProcessMedia fail with InternalError and RequestLimitExceeded or hold it until the receiver gave up
 * (released by clearing the faults, so that it answers late whatever the machine's speed). Retries end in
 * success with one task per FileId; an upload whose every attempt fails ends DEAD with its last error, and replays,
 * one by id and one in bulk, to success once the fault is gone.
 */
class VodApiFaultsAcceptanceTest {
    static final RetryPolicy RETRY = new RetryPolicy(5, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), 0);
    /** How long the test waits for what background work should do soon: a guard against hangs, not a bound. */
    static final Duration HANG_GUARD = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    final SettableClock clock = new SettableClock(Instant.now());
    LocalVod vod;
    LocalVodCalls calls;
    VodhookServer server;
    Processor processor;

    @BeforeEach
    void start() throws Exception {
        vod = LocalVod.start(EmulatorConfig.defaults().withUpscale(false));
        calls = new LocalVodCalls(vod);
        server = VodhookServer.start(calls.receiverConfig(TestReceivers.config(dir, clock))
                .withDefinitions(List.of(100010))
                .withRetry(RETRY)
                .withVodTimeout(Duration.ofSeconds(3))
                .withIntake(IntakeSettings.defaults().withIntakeOnly(true)));
        calls.pushTo(server.baseUrl() + "/callback");
        processor = server.processor();
    }

    @AfterEach
    void stop() {
        vod.faults().clear(); // lets a call still held go, should the test have failed before it did
        server.close();
        vod.close();
    }

    @Test
    void internalErrorRequestLimitExceededAndATimeoutAreRetriedUntilOneTaskIsStarted() throws Exception {
        String fileId = calls.uploadSmall();
        StoredEvent upload = awaitStored(fileId);
        vod.faults().failNextCalls("ProcessMedia", "InternalError", 1);
        vod.faults().failNextCalls("ProcessMedia", "RequestLimitExceeded", 1);
        vod.faults().delayNextCalls("ProcessMedia", Duration.ofHours(1), 1); // until the faults are cleared

        attempt(upload, 1, EventStatus.PENDING, "InternalError");
        clock.tick(Duration.ofSeconds(1));
        attempt(upload, 2, EventStatus.PENDING, "RequestLimitExceeded");
        clock.tick(Duration.ofSeconds(2));
        attempt(upload, 3, EventStatus.PENDING, "timeout");
        vod.faults().clear(); // the held call goes on now, after the receiver gave up on it
        // the task's FINISH push comes after the last retry below, most likely not in the same claim (it may)
        vod.faults().delayNextPushes(Duration.ofSeconds(2), 1);
        await().atMost(HANG_GUARD).until(() -> calls.tasksOn(fileId).size() == 1 // the late call took effect
                && vod.apiCalls().ofAction("ProcessMedia").size() == 3); // and was journaled before the next
        clock.tick(Duration.ofSeconds(4));
        attempt(upload, 4, EventStatus.DONE, "");

        assertThat(vod.apiCalls().ofAction("ProcessMedia")).extracting(ApiCall::fault, ApiCall::errorCode).containsExactly(
                tuple("InternalError", "InternalError"),
                tuple("RequestLimitExceeded", "RequestLimitExceeded"),
                tuple("delay 3600000 ms", ""),
                tuple("", VodApi.DUPLICATE_SESSION_ID));
        assertFinishedWithOutputs(fileId);
        assertThat(calls.tasksOn(fileId)).hasSize(1);
    }

    @Test
    void anUploadWhoseProcessMediaAlwaysFailsEndsDeadAndReplaysToSuccessOnceTheFaultIsGone() throws Exception {
        String one = calls.uploadSmall();
        String other = calls.uploadSmall();
        StoredEvent first = awaitStored(one);
        StoredEvent second = awaitStored(other);
        vod.faults().failNextCalls("ProcessMedia", "InternalError", 100);

        for (int i = 0; i < RETRY.maxAttempts(); i++) {
            assertThat(processor.runOnce()).isEqualTo(2);
            clock.tick(Duration.ofMinutes(1));
        }

        for (StoredEvent event : List.of(first, second)) {
            StoredEvent dead = inbox(event);
            assertThat(dead.status()).isEqualTo(EventStatus.DEAD);
            assertThat(dead.attempts()).isEqualTo(5);
            assertThat(dead.lastError()).hasValueSatisfying(e -> assertThat(e)
                    .contains("attempt 5 of 5").contains("InternalError"));
        }
        assertThat(processor.runOnce()).as("nothing more is tried").isZero();
        assertThat(vod.apiCalls().ofAction("ProcessMedia")).hasSize(10);
        assertThat(calls.taskCountsByFileId()).isEmpty();

        vod.faults().clear();
        Http api = new Http(server.adminUrl());
        assertThat(api.post("/api/events/" + first.id() + "/replay", "").status()).isEqualTo(200);
        processor.runOnce(); // with, perhaps, the FINISH of the task it started
        assertThat(inbox(first).status()).isEqualTo(EventStatus.DONE);
        assertThat(api.post("/api/events/replay", "{\"type\": \"NewFileUpload\"}").json().path("replayed").asInt())
                .isEqualTo(1);
        processor.runOnce();
        assertThat(inbox(second).status()).isEqualTo(EventStatus.DONE);

        assertFinishedWithOutputs(one);
        assertFinishedWithOutputs(other);
        assertThat(calls.taskCountsByFileId()).containsOnlyKeys(one, other).containsValues(1L, 1L);
    }

    /**
     * Runs one claim, which must take this event as its attempt {@code number} (and perhaps the FINISH of the task
     * a late call started meanwhile), and checks how the attempt ended.
     */
    void attempt(StoredEvent event, int number, EventStatus status, String error) {
        assertThat(processor.runOnce()).isPositive();
        assertThat(inbox(event).attempts()).isEqualTo(number);
        StoredEvent after = inbox(event);
        assertThat(after.status()).isEqualTo(status);
        if (!error.isEmpty()) {
            assertThat(after.lastError()).hasValueSatisfying(e -> assertThat(e).containsIgnoringCase(error));
        }
    }

    StoredEvent awaitStored(String fileId) {
        String key = "NewFileUpload:" + fileId;
        long id = await().atMost(HANG_GUARD).until(() -> server.database().inbox()
                        .list(EventFilter.all().withEventType("NewFileUpload"), 100).stream()
                        .filter(e -> e.dedupeKey().equals(key)).findFirst(), java.util.Optional::isPresent)
                .orElseThrow().id();
        return server.database().inbox().find(id).orElseThrow();
    }

    StoredEvent inbox(StoredEvent event) {
        return server.database().inbox().find(event.id()).orElseThrow();
    }

    /** Steps the processor until the pushed FINISH is handled: the media FINISHED with its 100010 output. */
    void assertFinishedWithOutputs(String fileId) {
        MediaView media = await().atMost(HANG_GUARD).pollInterval(Duration.ofMillis(50)).until(() -> {
            processor.runOnce();
            return server.database().media().findMedia(fileId);
        }, m -> m.isPresent() && m.get().state() == MediaState.FINISHED).orElseThrow();
        assertThat(media.outputs()).extracting(OutputRecord::definition, OutputRecord::succeeded)
                .containsExactly(tuple(100010, true));
    }
}
