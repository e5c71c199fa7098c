package dev.vodhook.service;

import static dev.vodhook.service.TestEvents.append;
import static dev.vodhook.service.TestEvents.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vodhook.events.VodEvent;
import dev.vodhook.store.Database;
import dev.vodhook.store.EventStatus;
import dev.vodhook.store.IncomingEvent;
import dev.vodhook.store.EventSource;
import dev.vodhook.store.MediaState;
import dev.vodhook.store.MediaView;
import dev.vodhook.store.StoredEvent;
import dev.vodhook.store.StoredTask;
import dev.vodhook.testkit.SettableClock;
import dev.vodhook.testkit.Samples;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessorTest {
    static final List<Integer> DEFINITIONS = List.of(100010, 100020);
    static final RetryPolicy RETRY = new RetryPolicy(4, Duration.ofSeconds(1), 2, Duration.ofSeconds(60), 0);
    static final WorkerSettings WORKER = new WorkerSettings(Duration.ofSeconds(10), 8, Duration.ofSeconds(30),
            Duration.ofSeconds(5));

    @TempDir
    Path dir;

    final SettableClock clock = SettableClock.at(TestReceivers.START);
    final RecordingMediaProcessing vod = new RecordingMediaProcessing();
    Database db;
    Processor processor;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:sqlite:" + dir.resolve("vodhook.db"));
        processor = processor(false, Map.of());
    }

    @AfterEach
    void close() {
        processor.close();
        db.close();
    }

    Processor processor(boolean evenWhenProcedureNamed, Map<String, EventHandler> extra) {
        Map<String, EventHandler> handlers = new HashMap<>(Map.of(
                "NewFileUpload", new TranscodeOnUpload(db.media(), vod, DEFINITIONS, evenWhenProcedureNamed, clock),
                "ProcedureStateChanged", new RecordProcedureResults(db.media(), clock)));
        handlers.putAll(extra);
        return new Processor(db.inbox(), new Handlers(handlers), RETRY, WORKER, clock, new ServiceMetrics(),
                new SplittableRandom(7));
    }

    StoredEvent event(long id) {
        return db.inbox().find(id).orElseThrow();
    }

    @Test
    void anUploadStartsOneTranscodeWithAStableSessionIdAndOurEventId() {
        long id = append(db.inbox(), upload("1001"), clock.instant());

        assertThat(processor.runOnce()).isEqualTo(1);

        String sessionId = SessionIds.transcode("1001", DEFINITIONS);
        assertThat(vod.calls()).containsExactly(new RecordingMediaProcessing.Call("1001", DEFINITIONS, sessionId,
                "{\"vodhookEventId\":" + id + "}"));
        assertThat(event(id).status()).isEqualTo(EventStatus.DONE);
        MediaView media = db.media().findMedia("1001").orElseThrow();
        assertThat(media.state()).isEqualTo(MediaState.PROCESSING);
        assertThat(media.name()).contains("clip-1001");
        assertThat(media.taskId()).contains("1500012345-procedurev2-task1");
        StoredTask task = media.tasks().getFirst();
        assertThat(task.startedByUs()).isTrue();
        assertThat(task.sessionId()).contains(sessionId);
    }

    @Test
    void runningTheHandlerAgainStartsNoSecondTask() {
        long id = append(db.inbox(), upload("1001"), clock.instant());
        processor.runOnce();

        db.inbox().replay(id, clock.instant());
        processor.runOnce();

        assertThat(vod.calls()).hasSize(2);
        assertThat(vod.tasksStarted()).isEqualTo(1);
        assertThat(event(id).status()).isEqualTo(EventStatus.DONE);
        assertThat(db.media().findMedia("1001").orElseThrow().taskId()).contains("1500012345-procedurev2-task1");
    }

    @Test
    void aTransientFailureIsRetriedWithBackoffUntilItSucceeds() {
        vod.failNext(2, "InternalError", true);
        long id = append(db.inbox(), upload("1001"), clock.instant());
        Instant t0 = clock.instant();

        assertThat(processor.runOnce()).isEqualTo(1);
        StoredEvent first = event(id);
        assertThat(first.status()).isEqualTo(EventStatus.PENDING);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.nextAttemptAt()).isEqualTo(t0.plusSeconds(1));
        assertThat(first.lastError()).hasValueSatisfying(e -> assertThat(e).contains("InternalError"));

        assertThat(processor.runOnce()).isZero();
        clock.tick(Duration.ofSeconds(1));
        assertThat(processor.runOnce()).isEqualTo(1);
        assertThat(event(id).nextAttemptAt()).isEqualTo(t0.plusSeconds(1 + 2));

        clock.tick(Duration.ofSeconds(2));
        assertThat(processor.runOnce()).isEqualTo(1);
        assertThat(event(id).status()).isEqualTo(EventStatus.DONE);
        assertThat(event(id).attempts()).isEqualTo(3);
        assertThat(vod.tasksStarted()).isEqualTo(1);
    }

    @Test
    void anEventThatKeepsFailingIsDeadAfterTheLastAttemptAndReplaysToSuccess() {
        vod.failAlways("RequestLimitExceeded", true);
        long id = append(db.inbox(), upload("1001"), clock.instant());

        for (int attempt = 1; attempt <= RETRY.maxAttempts(); attempt++) {
            assertThat(processor.runOnce()).as("attempt %d", attempt).isEqualTo(1);
            clock.tick(Duration.ofSeconds(60));
        }

        StoredEvent dead = event(id);
        assertThat(dead.status()).isEqualTo(EventStatus.DEAD);
        assertThat(dead.attempts()).isEqualTo(4);
        assertThat(dead.lastError()).hasValueSatisfying(e -> assertThat(e).contains("attempt 4 of 4")
                .contains("RequestLimitExceeded"));
        assertThat(processor.runOnce()).isZero();

        vod.recover();
        db.inbox().replay(id, clock.instant());
        assertThat(processor.runOnce()).isEqualTo(1);
        assertThat(event(id).status()).isEqualTo(EventStatus.DONE);
        assertThat(vod.tasksStarted()).isEqualTo(1);
    }

    @Test
    void anErrorNoRetryCanCureIsDeadAtOnce() {
        vod.failNext(1, "InvalidParameterValue.FileId", false);
        long id = append(db.inbox(), upload("1001"), clock.instant());

        processor.runOnce();

        assertThat(event(id).status()).isEqualTo(EventStatus.DEAD);
        assertThat(event(id).attempts()).isEqualTo(1);
        assertThat(event(id).lastError()).hasValueSatisfying(e -> assertThat(e).contains("cannot succeed by retrying"));
    }

    @Test
    void anUploadThatStartedATaskFlowIsNotTranscodedAgain() {
        long id = append(db.inbox(), Samples.text("callback-v3-NewFileUpload.json"), clock.instant());

        processor.runOnce();

        assertThat(vod.calls()).isEmpty();
        assertThat(event(id).status()).isEqualTo(EventStatus.DONE);
        MediaView media = db.media().findMedia(TestEvents.SAMPLE_FILE_ID).orElseThrow();
        assertThat(media.state()).isEqualTo(MediaState.PROCESSING);
        assertThat(media.procedureTaskId()).contains(TestEvents.SAMPLE_TASK_ID);
        assertThat(media.tasks()).extracting(StoredTask::startedByUs).containsExactly(false);
    }

    @Test
    void configuredToTranscodeEvenUploadsWithATaskFlow() {
        processor = processor(true, Map.of());
        append(db.inbox(), Samples.text("callback-v3-NewFileUpload.json"), clock.instant());

        processor.runOnce();

        assertThat(vod.calls()).extracting(RecordingMediaProcessing.Call::fileId)
                .containsExactly(TestEvents.SAMPLE_FILE_ID);
    }

    @Test
    void anUnknownEventTypeIsDoneAndKeptAsReceived() {
        String body = "{\"EventType\":\"SomethingNew\",\"SomethingNewEvent\":{\"TaskId\":\"t-1\",\"Extra\":[1,2]}}";
        long id = append(db.inbox(), body, clock.instant());

        processor.runOnce();

        assertThat(event(id).status()).isEqualTo(EventStatus.DONE);
        assertThat(event(id).body()).isEqualTo(body);
        assertThat(vod.calls()).isEmpty();
    }

    @Test
    void anUnreadableStoredEventIsDeadAtOnce() {
        long id = db.inbox().append(new IncomingEvent(clock.instant(), EventSource.PULL, "NewFileUpload", "V3", "x",
                "{not json", Map.of())).id();

        processor.runOnce();

        assertThat(event(id).status()).isEqualTo(EventStatus.DEAD);
        assertThat(event(id).lastError()).hasValueSatisfying(e -> assertThat(e).contains("unreadable event"));
    }

    @Test
    void aHandlerBugIsRetriedLikeAnyOtherFailure() {
        EventHandler broken = (StoredEvent stored, VodEvent event) -> {
            throw new IllegalStateException("bug");
        };
        processor = processor(false, Map.of("FileDeleted", broken));
        long id = append(db.inbox(), Samples.text("callback-v3-FileDeleted.json"), clock.instant());

        processor.runOnce();

        assertThat(event(id).status()).isEqualTo(EventStatus.PENDING);
        assertThat(event(id).lastError()).contains("IllegalStateException: bug");
    }

    @Test
    void anEventWhoseWorkerVanishedIsTakenOverWhenTheLeaseExpires() {
        long id = append(db.inbox(), upload("1001"), clock.instant());
        db.inbox().claimDue("crashed-worker", clock.instant(), Duration.ofSeconds(30), 1);

        assertThat(processor.runOnce()).isZero();
        clock.tick(Duration.ofSeconds(30));
        assertThat(processor.runOnce()).isEqualTo(1);

        assertThat(event(id).status()).isEqualTo(EventStatus.DONE);
        assertThat(event(id).attempts()).isEqualTo(2);
    }

    @Test
    void anEventWhoseWorkersKeepVanishingIsDeadWithoutAnotherRun() {
        long id = append(db.inbox(), upload("1001"), clock.instant());
        for (int i = 0; i < RETRY.maxAttempts(); i++) {
            db.inbox().claimDue("crashed-worker", clock.instant(), Duration.ofSeconds(30), 1);
            clock.tick(Duration.ofSeconds(30));
        }

        processor.runOnce();

        assertThat(event(id).status()).isEqualTo(EventStatus.DEAD);
        assertThat(event(id).lastError()).hasValueSatisfying(e -> assertThat(e).contains("lease expired"));
        assertThat(vod.calls()).isEmpty();
    }

    @Test
    void aBatchIsHandledConcurrentlyAndCompletely() {
        for (int i = 0; i < 20; i++) {
            append(db.inbox(), upload("20" + i), clock.instant());
        }

        assertThat(processor.runUntilIdle()).isEqualTo(20);

        assertThat(vod.tasksStarted()).isEqualTo(20);
        assertThat(db.inbox().countByStatus()).containsEntry(EventStatus.DONE, 20L);
    }

    @Test
    void theBackgroundLoopWakesUpWhenTold() {
        processor.start(); // polls only every 10 s
        long id = append(db.inbox(), upload("1001"), clock.instant());

        processor.wake();

        await().atMost(Duration.ofSeconds(3)).untilAsserted(() ->
                assertThat(event(id).status()).isEqualTo(EventStatus.DONE));
    }
}
