package dev.vodhook.service.reconcile;

import static dev.vodhook.service.TestEvents.SAMPLE_FILE_ID;
import static dev.vodhook.service.TestEvents.SAMPLE_TASK_ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vodhook.service.HandlerBench;
import dev.vodhook.service.ServiceMetrics;
import dev.vodhook.service.TestEvents;
import dev.vodhook.service.processing.ProcessingSettings;
import dev.vodhook.store.inbox.EventFilter;
import dev.vodhook.store.inbox.EventSource;
import dev.vodhook.store.inbox.EventStatus;
import dev.vodhook.store.inbox.EventSummary;
import dev.vodhook.store.media.MediaState;
import dev.vodhook.store.media.MediaView;
import dev.vodhook.store.media.StoredTask;
import dev.vodhook.store.media.TaskStatus;
import dev.vodhook.store.media.TaskUpdate;
import dev.vodhook.testkit.Samples;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reconciler stepped by a settable clock, VOD's DescribeTaskDetail replaced by {@link FakeTaskDetails}. */
class ReconcilerTest {
    static final String FINISHED = Samples.text("callback-v3-ProcedureStateChanged.json");

    @TempDir
    Path dir;

    HandlerBench bench;
    final FakeTaskDetails vod = new FakeTaskDetails();
    final ServiceMetrics metrics = new ServiceMetrics();
    Reconciler reconciler;
    int wakeUps;

    @BeforeEach
    void open() {
        bench = new HandlerBench(dir);
        reconciler = new Reconciler(bench.db.media(), new CheckQuietTask(bench.db.media(), bench.db.inbox(), vod,
                metrics, () -> wakeUps++), ProcessingSettings.defaults(), bench.clock, metrics);
    }

    @AfterEach
    void close() {
        reconciler.close();
        bench.close();
    }

    /** A task flow we started on the sample media, as TranscodeOnUpload records it. */
    void started(String taskId) {
        bench.db.media().recordTask(new TaskUpdate(taskId, Optional.of(SAMPLE_FILE_ID), "Procedure",
                TaskStatus.PROCESSING, 0, "", Optional.of("vodhook-" + taskId), true), bench.clock.instant());
    }

    StoredTask task(String taskId) {
        return bench.db.media().findTask(taskId).orElseThrow();
    }

    String metric(String line) {
        return metrics.scrape(bench.db.inbox().countByStatus()).lines().filter(l -> l.startsWith(line)).findFirst()
                .orElse("(none)");
    }

    @Test
    void aQuietTaskThatFinishedIsRecordedThroughTheInboxAsIfItsEventHadCome() {
        started(SAMPLE_TASK_ID);
        vod.ended(SAMPLE_TASK_ID, FINISHED);

        bench.clock.tick(Duration.ofMinutes(9));
        assertThat(reconciler.runOnce()).as("quiet for 9 minutes only").isZero();
        bench.clock.tick(Duration.ofMinutes(1));
        assertThat(reconciler.runOnce()).isEqualTo(1);

        assertThat(vod.calls()).containsExactly(SAMPLE_TASK_ID);
        assertThat(wakeUps).isEqualTo(1);
        EventSummary appended = bench.db.inbox().list(EventFilter.all(), 10).getFirst();
        assertThat(appended.source()).isEqualTo(EventSource.RECONCILE);
        assertThat(appended.eventType()).isEqualTo("ProcedureStateChanged");
        assertThat(bench.db.inbox().find(appended.id()).orElseThrow().headers())
                .containsEntry("x-vodhook-source", "DescribeTaskDetail " + SAMPLE_TASK_ID)
                .containsEntry("x-vod-request-id", "req-" + SAMPLE_TASK_ID);

        bench.processor.runOnce();
        assertThat(bench.db.inbox().find(appended.id()).orElseThrow().status()).isEqualTo(EventStatus.DONE);
        MediaView media = bench.media(SAMPLE_FILE_ID);
        assertThat(media.state()).isEqualTo(MediaState.FINISHED);
        assertThat(media.outputs()).hasSize(7);
        assertThat(task(SAMPLE_TASK_ID).status()).isEqualTo(TaskStatus.FINISH);
        assertThat(task(SAMPLE_TASK_ID).startedByUs()).isTrue();
        assertThat(metric("vodhook_reconciler_checks_total{outcome=\"recorded\"}")).endsWith(" 1.0");

        bench.clock.tick(Duration.ofHours(1));
        assertThat(reconciler.runOnce()).as("a finished task is never asked about again").isZero();
    }

    @Test
    void thePushThatComesAfterTheReconcilerIsADuplicate() {
        started(SAMPLE_TASK_ID);
        vod.ended(SAMPLE_TASK_ID, FINISHED);
        bench.clock.tick(Duration.ofMinutes(11));
        reconciler.runOnce();

        long pushed = TestEvents.append(bench.db.inbox(), FINISHED, bench.clock.instant());

        assertThat(bench.db.inbox().list(EventFilter.all(), 10)).hasSize(1);
        assertThat(bench.db.inbox().find(pushed).orElseThrow().source()).isEqualTo(EventSource.RECONCILE);
    }

    @Test
    void aTaskStillRunningIsAskedAboutAgainOnlyOnceItHasBeenQuietThatLongAgain() {
        started(SAMPLE_TASK_ID);
        vod.running(SAMPLE_TASK_ID);
        bench.clock.tick(Duration.ofMinutes(11));

        assertThat(reconciler.runOnce()).isEqualTo(1);
        bench.clock.tick(Duration.ofMinutes(5));
        assertThat(reconciler.runOnce()).isZero();
        bench.clock.tick(Duration.ofMinutes(5));
        assertThat(reconciler.runOnce()).isEqualTo(1);

        assertThat(vod.calls()).hasSize(2);
        assertThat(bench.db.inbox().list(EventFilter.all(), 10)).isEmpty();
        assertThat(task(SAMPLE_TASK_ID).checkedAt()).contains(bench.clock.instant());
        assertThat(metric("vodhook_reconciler_checks_total{outcome=\"still_running\"}")).endsWith(" 2.0");
    }

    @Test
    void aFailedQuestionIsRecordedOnTheTaskAndAskedAgainLater() {
        started(SAMPLE_TASK_ID);
        vod.failing(SAMPLE_TASK_ID, "InternalError");
        bench.clock.tick(Duration.ofMinutes(11));

        reconciler.runOnce();

        assertThat(task(SAMPLE_TASK_ID).checkError()).hasValueSatisfying(e -> assertThat(e).contains("InternalError"));
        assertThat(metric("vodhook_reconciler_checks_total{outcome=\"error\"}")).endsWith(" 1.0");

        vod.ended(SAMPLE_TASK_ID, FINISHED);
        bench.clock.tick(Duration.ofMinutes(10));
        reconciler.runOnce();
        assertThat(task(SAMPLE_TASK_ID).checkError()).isEmpty();
        assertThat(bench.db.inbox().list(EventFilter.all(), 10)).hasSize(1);
    }

    @Test
    void aTaskOlderThanThreeDaysIsGivenUpWithoutAskingVod() {
        started(SAMPLE_TASK_ID);
        bench.clock.tick(Duration.ofDays(3).plusMinutes(1));

        assertThat(reconciler.runOnce()).isEqualTo(1);

        assertThat(vod.calls()).isEmpty();
        StoredTask task = task(SAMPLE_TASK_ID);
        assertThat(task.status()).isEqualTo(TaskStatus.PROCESSING);
        assertThat(task.givenUpReason()).hasValueSatisfying(r -> assertThat(r).contains("last 3 days"));
        assertThat(metric("vodhook_reconciler_checks_total{outcome=\"given_up\"}")).endsWith(" 1.0");
        bench.clock.tick(Duration.ofDays(1));
        assertThat(reconciler.runOnce()).isZero();
    }

    @Test
    void onlyTasksWeStartedAreAskedAbout() {
        bench.handle(Samples.text("callback-v3-NewFileUpload.json")); // its own flow, not started by us
        started("ours");
        vod.running("ours");
        bench.clock.tick(Duration.ofMinutes(11));

        reconciler.runOnce();

        assertThat(vod.calls()).containsExactly("ours");
    }

    @Test
    void anEndedTaskOfATypeWithoutAnEventIsAnErrorNotAnEvent() {
        started("pull-ish");
        bench.clock.tick(Duration.ofMinutes(11));

        List<String> before = vod.calls();
        reconciler.runOnce();

        assertThat(vod.calls()).hasSize(before.size() + 1);
        assertThat(task("pull-ish").checkError()).hasValueSatisfying(e -> assertThat(e).contains("does not exist"));
        assertThat(bench.db.inbox().list(EventFilter.all(), 10)).isEmpty();
    }
}
