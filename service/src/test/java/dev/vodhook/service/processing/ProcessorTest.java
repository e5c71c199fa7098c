package dev.vodhook.service.processing;

import static dev.vodhook.service.TestEvents.append;
import static dev.vodhook.service.TestEvents.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vodhook.events.VodEvent;
import dev.vodhook.service.ServiceMetrics;
import dev.vodhook.service.TestEvents;
import dev.vodhook.service.TestReceivers;
import dev.vodhook.service.handlers.Handlers;
import dev.vodhook.service.handlers.RecordProcedureResults;
import dev.vodhook.service.handlers.RecordingMediaProcessing;
import dev.vodhook.service.handlers.TranscodeOnUpload;
import dev.vodhook.service.vod.SessionIds;
import dev.vodhook.store.Database;
import dev.vodhook.store.inbox.EventSource;
import dev.vodhook.store.inbox.EventStatus;
import dev.vodhook.store.inbox.IncomingEvent;
import dev.vodhook.store.media.MediaState;
import dev.vodhook.store.media.MediaView;
import dev.vodhook.store.inbox.StoredEvent;
import dev.vodhook.store.media.StoredTask;
import dev.vodhook.testkit.Samples;
import dev.vodhook.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessorTest {
    static final List<Integer> DEFINITIONS = List.of(100010, 100020);
    static final RetryPolicy RETRY = new RetryPolicy(4, Duration.ofSeconds(1), 2, Duration.ofSeconds(60), 0);
    /** Polls every 10 minutes: a background loop that acts sooner was woken. */
    static final WorkerSettings WORKER = new WorkerSettings(Duration.ofMinutes(10), 8, Duration.ofSeconds(30),
            Duration.ofSeconds(5));

    @TempDir
    Path dir;

    final SettableClock clock = SettableClock.at(TestReceivers.START);
    final RecordingMediaProcessing vod = new RecordingMediaProcessing();
    Database db;
    Processor processor;
    ServiceMetrics metrics = new ServiceMetrics();

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
        return new Processor(db.inbox(), new Handlers(handlers), RETRY, WORKER, clock, metrics,
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

    /** A FileDeleted handler that waits, until released or interrupted, and says when it started. */
    static final class HeldHandler implements EventHandler {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean interrupted = new AtomicBoolean();

        @Override
        public void handle(StoredEvent stored, VodEvent event) {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw new IllegalStateException("interrupted", e);
            }
        }

        void awaitStarted() throws InterruptedException {
            assertThat(started.await(30, TimeUnit.SECONDS)).as("the handler started").isTrue();
        }
    }

    /** Makes {@code p} this test's processor and runs one claim of it in the background, until the handler runs. */
    CompletableFuture<Integer> runOnceIn(Processor p, HeldHandler handler) throws InterruptedException {
        processor = p;
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(p::runOnce);
        handler.awaitStarted();
        return run;
    }

    @Test
    void aHandlerSlowerThanTheLeaseKeepsItsClaimWhileTheHeartbeatExtendsIt() throws Exception {
        HeldHandler slow = new HeldHandler();
        long id = append(db.inbox(), Samples.text("callback-v3-FileDeleted.json"), clock.instant());
        CompletableFuture<Integer> run = runOnceIn(processor(false, Map.of("FileDeleted", slow)), slow);
        Processor other = processor(false, Map.of());

        for (int beat = 0; beat < 6; beat++) { // three leases' worth of time, a beat every third of a lease
            clock.tick(WORKER.heartbeat());
            assertThat(processor.extendLeases()).isEqualTo(1);
            assertThat(other.runOnce()).as("another worker finds nothing due").isZero();
        }
        assertThat(event(id).leaseUntil()).contains(clock.instant().plus(WORKER.lease()));
        slow.release.countDown();

        assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(event(id).status()).isEqualTo(EventStatus.DONE);
        assertThat(event(id).attempts()).as("claimed once").isEqualTo(1);
        assertThat(processor.extendLeases()).as("nothing held once marked").isZero();
    }

    @Test
    void withoutItsHeartbeatALeaseLapsesAndAnotherWorkerTakesTheEvent() throws Exception {
        HeldHandler slow = new HeldHandler();
        long id = append(db.inbox(), Samples.text("callback-v3-FileDeleted.json"), clock.instant());
        CompletableFuture<Integer> run = runOnceIn(processor(false, Map.of("FileDeleted", slow)), slow);

        clock.tick(WORKER.lease());
        HeldHandler second = new HeldHandler();
        second.release.countDown();
        assertThat(processor(false, Map.of("FileDeleted", second)).runOnce()).isEqualTo(1);
        assertThat(event(id).status()).isEqualTo(EventStatus.DONE);
        assertThat(event(id).attempts()).isEqualTo(2);

        assertThat(processor.extendLeases()).as("the stale holder's lease is fenced off").isZero();
        slow.release.countDown();
        assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(event(id).attempts()).as("the stale holder's late done changed nothing").isEqualTo(2);
    }

    @Test
    void aHandlerPastTheHardLimitIsAbandonedInterruptedAndItsEventRetried() throws Exception {
        HeldHandler hung = new HeldHandler();
        long id = append(db.inbox(), Samples.text("callback-v3-FileDeleted.json"), clock.instant());
        CompletableFuture<Integer> run = runOnceIn(processor(false, Map.of("FileDeleted", hung)), hung);

        clock.tick(WORKER.handlerLimit().minusSeconds(1));
        assertThat(processor.extendLeases()).as("within the limit: extended").isEqualTo(1);
        clock.tick(Duration.ofSeconds(2));
        assertThat(processor.extendLeases()).as("past the limit: abandoned, nothing extended").isZero();

        assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(hung.interrupted).as("the handler was interrupted").isTrue();
        StoredEvent abandoned = event(id);
        assertThat(abandoned.status()).isEqualTo(EventStatus.PENDING);
        assertThat(abandoned.lastError()).hasValueSatisfying(e -> assertThat(e).contains("hard limit"));
        assertThat(abandoned.nextAttemptAt()).isAfter(clock.instant());

        clock.tick(Duration.ofMinutes(1));
        processor = processor(false, Map.of("FileDeleted", (stored, event) -> { }));
        assertThat(processor.runOnce()).isEqualTo(1);
        assertThat(event(id).status()).isEqualTo(EventStatus.DONE);
        assertThat(event(id).attempts()).isEqualTo(2);
    }

    @Test
    void theBackgroundLoopWakesUpWhenTold() {
        processor.start(); // polls only every 10 minutes
        long id = append(db.inbox(), upload("1001"), clock.instant());

        processor.wake();

        // the loop polls every 10 minutes: done before that means the wake-up worked
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(event(id).status()).isEqualTo(EventStatus.DONE));
    }

    @Test
    void theBackgroundLoopCountsTheEventsOfEachClaim() {
        List<Long> ids = List.of(append(db.inbox(), upload("1001"), clock.instant()),
                append(db.inbox(), upload("1002"), clock.instant()),
                append(db.inbox(), upload("1003"), clock.instant()));

        processor.start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(ids).allSatisfy(id ->
                assertThat(event(id).status()).isEqualTo(EventStatus.DONE)));
        String scrape = metrics.scrape(Map.of());
        assertThat(sample(scrape, "vodhook_processing_claim_events_sum")).isEqualTo(3);
        assertThat(sample(scrape, "vodhook_processing_claim_events_count")).isBetween(1.0, 3.0);
    }

    private static double sample(String scrape, String name) {
        return scrape.lines().filter(l -> l.startsWith(name + " ")).mapToDouble(l -> Double.parseDouble(
                l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElseThrow(() -> new AssertionError(name + " in "
                + scrape));
    }
}
